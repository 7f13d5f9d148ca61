package io.github.simdconv;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.simdconv.conv.ConvAlgorithm;
import io.github.simdconv.conv.ConvAlgorithms;
import io.github.simdconv.harness.ConvCheck;
import io.github.simdconv.harness.Focus;
import io.github.simdconv.harness.Props;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every registered convolution algorithm equals the reference on generated specs: bitwise on
 * small-integer data, within the derived rounding bound on real data, with guard cells intact.
 * New algorithms are picked up from {@link ConvAlgorithms#all()} automatically.
 */
class ConvAlgorithmProperties {

    @TestFactory
    Stream<DynamicTest> everyFastAlgorithmMatchesTheReference() {
        return ConvAlgorithms.all().stream().skip(1).map(a -> DynamicTest.dynamicTest(a.name(), () -> run(a)));
    }

    private static void run(ConvAlgorithm a) {
        AtomicInteger checked = new AtomicInteger();
        Props.check(a.name() + " == reference", 1.0, Focus.conv(a.name()).cases(), c -> {
            if (a.supports(c.spec()).supported()) {
                ConvCheck.check(a, c, Focus.errorScale(a.name(), c), Focus.exactOnIntegers(a.name()));
                checked.incrementAndGet();
            }
        });
        assertTrue(checked.get() >= Math.max(1, Props.examples() / 4),
                a.name() + ": only " + checked.get() + " generated cases were supported; narrow its generator in Focus");
    }
}
