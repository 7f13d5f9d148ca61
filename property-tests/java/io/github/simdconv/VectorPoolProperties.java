package io.github.simdconv;

import static org.junit.jupiter.api.Assertions.fail;

import io.github.simdconv.harness.PoolCase;
import io.github.simdconv.harness.PoolCheck;
import io.github.simdconv.harness.PoolData;
import io.github.simdconv.harness.PoolGen;
import io.github.simdconv.harness.Props;
import io.github.simdconv.pool.PoolPlan;
import io.github.simdconv.pool.VectorPoolAlgorithm;
import io.github.simdconv.reference.ReferencePool;
import io.github.simdconv.spec.PoolKind;
import io.github.simdconv.spec.PoolSpec;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;

/**
 * Max pooling of the vector algorithm is bitwise equal to the reference on the raw bits, on data
 * made to catch a lanewise max: signed zeros as the maximum (the first in window order wins), NaNs
 * with distinct payloads (the last NaN wins, and its index), -inf windows. The generators aim at the
 * stride-2 fast paths (windows 2 and 3 wide), the generic stride-1/2 loop and the gather (stride 3),
 * with rows wide enough for several vectors, and at global max over long planes.
 */
class VectorPoolProperties {

    /** Non-positive small integers, signed zeros, -inf, and (about 1 in 40) NaNs with random payloads. */
    static float[] trickyData(int n, long seed) {
        return trickyData(n, seed, false);
    }

    /**
     * As {@link #trickyData(int, long)}; with {@code nanFree} the NaNs are +inf instead (the max
     * 3x3/s2 loop folds NaN-free rows with a plain compare, and sums of +inf and -inf make it
     * fall back to the exact fold without a NaN).
     */
    static float[] trickyData(int n, long seed, boolean nanFree) {
        return trickyData(n, seed, nanFree, false);
    }

    /**
     * As {@link #trickyData(int, long, boolean)}; with {@code finite} (and {@code nanFree}) no
     * infinities either, so that sums of taps stay finite and the NaN-free folds (max 3x3/s2 and
     * 2x2/s2) keep their plain compare on whole rows of signed zeros.
     */
    static float[] trickyData(int n, long seed, boolean nanFree, boolean finite) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            int c = r.nextInt(40);
            a[i] = switch (c) {
                case 0 -> finite ? 1.0f : nanFree ? Float.POSITIVE_INFINITY
                        : Float.intBitsToFloat((r.nextBoolean() ? 0x7fc00000 : 0xffc00000) | r.nextInt(1 << 22));
                case 1, 2 -> finite ? -5.0f : Float.NEGATIVE_INFINITY;
                case 3, 4, 5, 6, 7, 8 -> -0.0f;
                case 9, 10, 11, 12, 13, 14 -> 0.0f;
                default -> -r.nextInt(4) - 1;
            };
        }
        return a;
    }

    private static void checkBitwise(PoolSpec s, long seed, int threads) {
        checkBitwise(s, seed, threads, false);
    }

    private static void checkBitwise(PoolSpec s, long seed, int threads, boolean nanFree) {
        checkBitwise(s, seed, threads, nanFree, false);
    }

    private static void checkBitwise(PoolSpec s, long seed, int threads, boolean nanFree, boolean finite) {
        float[] in = trickyData(s.inputSize(), seed, nanFree, finite);
        float[] expOut = new float[s.outputSize()];
        int[] expIdx = new int[s.outputSize()];
        ReferencePool.maxPool(s, in, 0, expOut, 0, expIdx, 0);
        PoolPlan plan = VectorPoolAlgorithm.INSTANCE.plan(s, threads);
        float[] inShifted = new float[in.length + 5];
        System.arraycopy(in, 0, inShifted, 5, in.length);
        float[] out = new float[s.outputSize() + 1];
        plan.execute(inShifted, 5, out, 1);
        float[] out2 = new float[s.outputSize()];
        int[] idx = new int[s.outputSize() + 2];
        plan.executeWithIndices(inShifted, 5, out2, 0, idx, 2);
        String what = s + " seed=" + seed + " threads=" + threads;
        for (int i = 0; i < expOut.length; i++) {
            int e = Float.floatToRawIntBits(expOut[i]);
            if (Float.floatToRawIntBits(out[i + 1]) != e) {
                fail(what + ": output " + i + " bits " + Integer.toHexString(Float.floatToRawIntBits(out[i + 1]))
                        + ", expected " + Integer.toHexString(e));
            }
            if (Float.floatToRawIntBits(out2[i]) != e) {
                fail(what + " (with indices): output " + i + " bits "
                        + Integer.toHexString(Float.floatToRawIntBits(out2[i])) + ", expected " + Integer.toHexString(e));
            }
            if (idx[i + 2] != expIdx[i]) {
                fail(what + ": argmax at output " + i + " is " + idx[i + 2] + ", expected " + expIdx[i]);
            }
        }
    }

    private static Gen<long[]> seedsAndThreads() {
        return SourceDSL.longs().between(0, Long.MAX_VALUE).zip(SourceDSL.integers().between(1, 2),
                (seed, t) -> new long[] {seed, t});
    }

    @Test
    void windowedMaxIsBitwiseTheReferenceOnZerosAndNaNPayloads() {
        PoolGen g = PoolGen.general().kinds(PoolKind.MAX).kernels(1, 2, 2, 3, 3, 3, 4).strides(1, 2, 2, 2, 3)
                .dilations(1, 1, 1, 2).sizes(5, 17, 33, 34, 35, 40, 47, 64, 71).globalPercent(0);
        Props.check("vector max bitwise", 1.0, g.specs().zip(seedsAndThreads(), (s, st) -> new Object[] {s, st}),
                o -> checkBitwise((PoolSpec) o[0], ((long[]) o[1])[0], (int) ((long[]) o[1])[1]));
    }

    @Test
    void fastPathsAreBitwiseTheReference() {
        // stride 2, windows 2 and 3 wide, dilation 1: the dedicated loops (and their borders)
        PoolGen g = PoolGen.general().kinds(PoolKind.MAX).kernels(2, 3).strides(2).dilations(1)
                .sizes(33, 34, 35, 36, 37, 48, 56, 65, 66, 67, 112).globalPercent(0);
        Props.check("vector max fast paths bitwise", 1.0,
                g.specs().zip(seedsAndThreads(), (s, st) -> new Object[] {s, st}),
                o -> checkBitwise((PoolSpec) o[0], ((long[]) o[1])[0], (int) ((long[]) o[1])[1]));
    }

    @Test
    void averageFastPathAndGenericAreWithinTheBound() {
        PoolGen g = PoolGen.general().kinds(PoolKind.AVG).kernels(1, 2, 2, 3).strides(1, 2, 2, 3)
                .sizes(17, 33, 34, 35, 48, 56, 67).globalPercent(10);
        PoolData[] data = PoolData.values();
        Props.check("vector avg", 1.0, g.specs().zip(seedsAndThreads(), (s, st) -> new PoolCase(s,
                data[(int) (st[0] % data.length)], st[0], (int) st[1])),
                c -> PoolCheck.check(VectorPoolAlgorithm.INSTANCE, c));
    }

    @Test
    void globalMaxIsBitwiseTheReference() {
        Gen<PoolSpec> specs = SourceDSL.integers().between(1, 3).zip(SourceDSL.integers().between(1, 40),
                SourceDSL.integers().between(1, 40),
                (c, hh, ww) -> PoolSpec.global(PoolKind.MAX, 1, c, hh, ww));
        Props.check("vector global max bitwise", 1.0, specs.zip(seedsAndThreads(), (s, st) -> new Object[] {s, st}),
                o -> checkBitwise((PoolSpec) o[0], ((long[]) o[1])[0], (int) ((long[]) o[1])[1]));
    }

    /**
     * Max 3x3/s2 with padding 1 whose last output column is clipped to two taps (odd widths) or one
     * (ceil mode on even widths): that column runs in the inner-row loop's extra vector, with the
     * missing taps repeating the last valid one. Widths from just over two vectors of input to the
     * ResNet stem's; data with NaNs, with infinities, and finite (the plain-compare fold).
     */
    @Test
    void maxThreeByThreeClippedRightColumnMatchesTheReference() {
        int[][] shapes = {{35, 35, 0}, {37, 33, 0}, {34, 36, 1}, {47, 47, 0}, {64, 64, 1}, {113, 113, 0}, {112, 112, 1}, {57, 111, 0}};
        long seed = 7;
        for (int[] sh : shapes) {
            PoolSpec s = PoolSpec.builder(PoolKind.MAX).channels(2).input(sh[0], sh[1]).kernel(3).stride(2).padding(1)
                    .ceilMode(sh[2] == 1).build();
            for (int mode = 0; mode < 3; mode++) {
                for (int threads = 1; threads <= 2; threads++) {
                    checkBitwise(s, seed++, threads, mode > 0, mode == 2);
                }
            }
        }
    }

    /**
     * The plane-level paths: max 3x3/s2 with left padding 1 (the first output column runs in the
     * vector loop with column 0 standing in for the padding column) and the 2x2/s2 full-row loop
     * (rows with both tap rows, no clipped column), with any top/bottom/right padding and ceil mode
     * around them, 1 to 3 planes, widths from one vector to several; max on data with and without
     * NaNs (the 3x3/s2 plain-compare fold and its exact fallback).
     */
    @Test
    void planeLevelPathsMatchTheReference() {
        Gen<PoolSpec> specs = SourceDSL.integers().between(0, 1).zip(SourceDSL.integers().between(1, 3),
                SourceDSL.integers().between(2, 40), SourceDSL.integers().between(32, 90),
                SourceDSL.integers().between(0, 63), (max3, c, hh, ww, bits) -> {
                    boolean three = max3 == 1;
                    int k = three ? 3 : 2;
                    boolean avg = !three && (bits & 16) != 0;
                    PoolSpec.Builder b = PoolSpec.builder(avg ? PoolKind.AVG : PoolKind.MAX)
                            .channels(c).input(Math.max(hh, k), ww).kernel(k).stride(2)
                            .padding(bits & 1, (bits >> 1) & 1, three ? 1 : 0, (bits >> 2) & 1)
                            .ceilMode((bits & 8) != 0);
                    if (avg) {
                        b.countIncludePad((bits & 32) != 0);
                    }
                    return b.build();
                });
        Props.check("vector plane-level paths", 1.0, specs.zip(seedsAndThreads(), (s, st) -> new Object[] {s, st}),
                o -> {
                    PoolSpec s = (PoolSpec) o[0];
                    long[] st = (long[]) o[1];
                    if (s.kind() == PoolKind.MAX) {
                        // NaNs, NaN-free with infinities (the fallback on an inf sum), finite (the fast fold)
                        int mode = (int) (st[0] % 3);
                        checkBitwise(s, st[0], (int) st[1], mode > 0, mode == 2);
                    } else {
                        PoolData[] data = PoolData.values();
                        PoolCheck.check(VectorPoolAlgorithm.INSTANCE,
                                new PoolCase(s, data[(int) (st[0] % data.length)], st[0], (int) st[1]));
                    }
                });
    }
}
