package io.github.simdconv;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.simdconv.harness.Focus;
import io.github.simdconv.harness.PoolCheck;
import io.github.simdconv.harness.Props;
import io.github.simdconv.pool.PoolAlgorithm;
import io.github.simdconv.pool.PoolAlgorithms;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every registered pooling algorithm equals the reference (values and argmax) on generated specs. */
class PoolAlgorithmProperties {

    @TestFactory
    Stream<DynamicTest> everyFastPoolingMatchesTheReference() {
        return PoolAlgorithms.all().stream().skip(1).map(a -> DynamicTest.dynamicTest(a.name(), () -> run(a)));
    }

    private static void run(PoolAlgorithm a) {
        AtomicInteger checked = new AtomicInteger();
        Props.check(a.name() + " == reference", 2.0, Focus.pool(a.name()).cases(), c -> {
            if (a.supports(c.spec()).supported()) {
                PoolCheck.check(a, c);
                checked.incrementAndGet();
            }
        });
        assertTrue(checked.get() >= Math.max(1, Props.examples() / 4),
                a.name() + ": only " + checked.get() + " generated cases were supported");
    }
}
