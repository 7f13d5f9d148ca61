package io.github.simdconv.layer;

import io.github.simdconv.conv.AutoChoice;
import io.github.simdconv.conv.ConvAlgorithm;
import io.github.simdconv.conv.ConvAlgorithms;
import io.github.simdconv.conv.ConvPlan;
import io.github.simdconv.conv.Support;
import io.github.simdconv.pool.PoolAlgorithm;
import io.github.simdconv.pool.PoolAlgorithms;
import io.github.simdconv.pool.PoolPlan;
import io.github.simdconv.pool.ReferencePoolAlgorithm;
import io.github.simdconv.spec.ConvSpec;
import io.github.simdconv.spec.PoolSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/** Resolves an {@link AlgorithmChoice} to a registered algorithm for one geometry. */
final class Choosers {
    private Choosers() {}

    /** Preferred pooling algorithm for AUTO, when registered. */
    static final String POOL_PREFERRED = "vector";

    // measured winners, per geometry (not per thread count: see AlgorithmChoice.MEASURE)
    private static final ConcurrentHashMap<ConvSpec, String> CONV_WINNERS = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<PoolSpec, String> POOL_WINNERS = new ConcurrentHashMap<>();
    private static final int MEASURE_WARMUPS = 2;
    private static final int MEASURE_RUNS = 3;

    /**
     * Checks a choice against a geometry without planning: an unknown name or an explicit
     * algorithm that does not support the spec is an IllegalArgumentException.
     */
    static void checkConv(AlgorithmChoice choice, ConvSpec spec, String layer) {
        if (choice.kind() == AlgorithmChoice.Kind.NAMED) {
            ConvAlgorithm a = ConvAlgorithms.byName(choice.name());
            Support s = a.supports(spec);
            if (!s.supported()) {
                throw new IllegalArgumentException(layer + ": algorithm " + a.name() + " does not support "
                        + spec + ": " + s.reason());
            }
        } else if (choice.kind() == AlgorithmChoice.Kind.PREFER) {
            ConvAlgorithms.byName(choice.name());
        }
    }

    static ConvAlgorithm conv(AlgorithmChoice choice, ConvSpec spec, float[] w, float[] b, int threads, String layer) {
        checkConv(choice, spec, layer);
        return switch (choice.kind()) {
            case NAMED -> ConvAlgorithms.byName(choice.name());
            case PREFER -> {
                ConvAlgorithm a = ConvAlgorithms.byName(choice.name());
                yield a.supports(spec).supported() ? a : AutoChoice.choose(spec);
            }
            case AUTO -> AutoChoice.choose(spec);
            case MEASURE -> ConvAlgorithms.byName(CONV_WINNERS.computeIfAbsent(spec,
                    s -> measureConv(s, w, b, threads)));
        };
    }

    private static String measureConv(ConvSpec spec, float[] w, float[] b, int threads) {
        List<ConvAlgorithm> candidates = AutoChoice.candidates(spec);
        if (candidates.size() == 1) {
            return candidates.get(0).name();
        }
        float[] in = random(spec.inputSize());
        float[] out = new float[spec.outputSize()];
        String best = null;
        long bestNanos = Long.MAX_VALUE;
        for (ConvAlgorithm a : candidates) {
            ConvPlan p = a.plan(spec, w, b, threads);
            long t = Long.MAX_VALUE;
            for (int i = 0; i < MEASURE_WARMUPS + MEASURE_RUNS; i++) {
                long t0 = System.nanoTime();
                p.execute(in, out);
                long dt = System.nanoTime() - t0;
                if (i >= MEASURE_WARMUPS) {
                    t = Math.min(t, dt);
                }
            }
            if (t < bestNanos) {
                bestNanos = t;
                best = a.name();
            }
        }
        return best;
    }

    static void checkPool(AlgorithmChoice choice, PoolSpec spec, String layer) {
        if (choice.kind() == AlgorithmChoice.Kind.NAMED) {
            PoolAlgorithm a = PoolAlgorithms.byName(choice.name());
            Support s = a.supports(spec);
            if (!s.supported()) {
                throw new IllegalArgumentException(layer + ": algorithm " + a.name() + " does not support "
                        + spec + ": " + s.reason());
            }
        } else if (choice.kind() == AlgorithmChoice.Kind.PREFER) {
            PoolAlgorithms.byName(choice.name());
        }
    }

    static PoolAlgorithm pool(AlgorithmChoice choice, PoolSpec spec, int threads, String layer) {
        checkPool(choice, spec, layer);
        return switch (choice.kind()) {
            case NAMED -> PoolAlgorithms.byName(choice.name());
            case PREFER -> {
                PoolAlgorithm a = PoolAlgorithms.byName(choice.name());
                yield a.supports(spec).supported() ? a : autoPool(spec);
            }
            case AUTO -> autoPool(spec);
            case MEASURE -> PoolAlgorithms.byName(POOL_WINNERS.computeIfAbsent(spec, s -> measurePool(s, threads)));
        };
    }

    /**
     * AUTO for pooling: {@value #POOL_PREFERRED} when registered and supporting the spec, else
     * the first other fast algorithm that does, else the reference.
     */
    static PoolAlgorithm autoPool(PoolSpec spec) {
        List<PoolAlgorithm> c = poolCandidates(spec);
        for (PoolAlgorithm a : c) {
            if (a.name().equals(POOL_PREFERRED)) {
                return a;
            }
        }
        return c.get(0);
    }

    private static List<PoolAlgorithm> poolCandidates(PoolSpec spec) {
        List<PoolAlgorithm> c = new ArrayList<>();
        for (PoolAlgorithm a : PoolAlgorithms.all()) {
            if (a != ReferencePoolAlgorithm.INSTANCE && a.supports(spec).supported()) {
                c.add(a);
            }
        }
        if (c.isEmpty()) {
            c.add(ReferencePoolAlgorithm.INSTANCE);
        }
        return c;
    }

    private static String measurePool(PoolSpec spec, int threads) {
        List<PoolAlgorithm> candidates = poolCandidates(spec);
        if (candidates.size() == 1) {
            return candidates.get(0).name();
        }
        float[] in = random(spec.inputSize());
        float[] out = new float[spec.outputSize()];
        String best = null;
        long bestNanos = Long.MAX_VALUE;
        for (PoolAlgorithm a : candidates) {
            PoolPlan p = a.plan(spec, threads);
            long t = Long.MAX_VALUE;
            for (int i = 0; i < MEASURE_WARMUPS + MEASURE_RUNS; i++) {
                long t0 = System.nanoTime();
                p.execute(in, out);
                long dt = System.nanoTime() - t0;
                if (i >= MEASURE_WARMUPS) {
                    t = Math.min(t, dt);
                }
            }
            if (t < bestNanos) {
                bestNanos = t;
                best = a.name();
            }
        }
        return best;
    }

    private static float[] random(int n) {
        SplittableRandom r = new SplittableRandom(7);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return a;
    }
}
