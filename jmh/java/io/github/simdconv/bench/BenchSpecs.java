package io.github.simdconv.bench;

import io.github.simdconv.spec.ConvSpec;
import io.github.simdconv.spec.PoolSpec;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * Resolves a benchmark's {@code shape} parameter to its geometry: a row of bench-shapes.csv, or
 * a shape a benchmark class defines itself through a static {@code spec(String)} method (e.g.
 * {@code PoolBenchmark}'s out-of-cache batch variants), found by reflection so that this class
 * does not depend on which benchmarks exist.
 */
final class BenchSpecs {
    private BenchSpecs() {}

    /** Benchmark classes that may define extra shapes, asked in this order. */
    private static final String[] DEFINERS = {
        "io.github.simdconv.bench.PoolBenchmark", "io.github.simdconv.bench.ConvBenchmark"};

    /**
     * @param shape a shape name
     * @return "conv" for a convolution, "pool" for a pooling, null if unknown
     */
    static String kind(String shape) {
        Object s = resolve(shape);
        return s instanceof ConvSpec ? "conv" : s instanceof PoolSpec ? "pool" : null;
    }

    /**
     * @param shape a pooling shape name
     * @return its spec
     * @throws IllegalArgumentException if no CSV row or benchmark defines it
     */
    static PoolSpec pool(String shape) {
        if (resolve(shape) instanceof PoolSpec p) {
            return p;
        }
        throw new IllegalArgumentException("shape = " + shape + ": not a pooling shape of bench-shapes.csv "
                + "or of a benchmark's spec(String)");
    }

    /**
     * @param shape a conv shape name
     * @return its spec
     * @throws IllegalArgumentException if no CSV row or benchmark defines it
     */
    static ConvSpec conv(String shape) {
        if (resolve(shape) instanceof ConvSpec c) {
            return c;
        }
        throw new IllegalArgumentException("shape = " + shape + ": not a conv shape of bench-shapes.csv "
                + "or of a benchmark's spec(String)");
    }

    private static Object resolve(String shape) {
        if (shape == null) {
            return null;
        }
        try {
            BenchShapes.Row row = BenchShapes.row(shape);
            return row.op().equals("conv") ? row.conv() : row.pool();
        } catch (IllegalArgumentException e) {
            // not a CSV row: ask the benchmarks
        }
        for (String cls : DEFINERS) {
            try {
                Class<?> c = Class.forName(cls, false, BenchSpecs.class.getClassLoader());
                Method m = c.getDeclaredMethod("spec", String.class);
                if (!Modifier.isStatic(m.getModifiers())) {
                    continue;
                }
                m.setAccessible(true);
                Object s = m.invoke(null, shape);
                if (s instanceof ConvSpec || s instanceof PoolSpec) {
                    return s;
                }
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                // this class does not define it
            }
        }
        return null;
    }
}
