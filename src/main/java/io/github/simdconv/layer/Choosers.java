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
    /** Time budget of one measured choice, overridable with {@code -Dsimdconv.measureMillis}. */
    static final long DEFAULT_MEASURE_MILLIS = 150;
    private static final int MIN_ROUNDS = 3;
    private static final int MAX_ROUNDS = 1000;

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
        List<Runnable> runs = new ArrayList<>();
        for (ConvAlgorithm a : candidates) {
            ConvPlan p = a.plan(spec, w, b, threads);
            runs.add(() -> p.execute(in, out));
        }
        return candidates.get(fastest(runs)).name();
    }

    /**
     * Index of the fastest of some runs. At plan time the JIT has usually not compiled the
     * candidates yet, so one timing each would measure the interpreter: the candidates run in
     * interleaved rounds (each round runs every candidate once, so JIT progress and machine noise
     * hit all alike) until the time budget is spent, at least {@value #MIN_ROUNDS} rounds and at
     * most {@value #MAX_ROUNDS}; each candidate's best round counts.
     */
    private static int fastest(List<Runnable> runs) {
        long[] best = new long[runs.size()];
        java.util.Arrays.fill(best, Long.MAX_VALUE);
        long budget = Long.getLong("simdconv.measureMillis", DEFAULT_MEASURE_MILLIS) * 1_000_000L;
        long start = System.nanoTime();
        for (int round = 0; round < MAX_ROUNDS; round++) {
            if (round >= MIN_ROUNDS && System.nanoTime() - start > budget) {
                break;
            }
            for (int i = 0; i < runs.size(); i++) {
                long t0 = System.nanoTime();
                runs.get(i).run();
                best[i] = Math.min(best[i], System.nanoTime() - t0);
            }
        }
        int winner = 0;
        for (int i = 1; i < best.length; i++) {
            if (best[i] < best[winner]) {
                winner = i;
            }
        }
        return winner;
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
        List<Runnable> runs = new ArrayList<>();
        for (PoolAlgorithm a : candidates) {
            PoolPlan p = a.plan(spec, threads);
            runs.add(() -> p.execute(in, out));
        }
        return candidates.get(fastest(runs)).name();
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
