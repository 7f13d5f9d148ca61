package io.github.simdconv.harness;

import io.github.simdconv.spec.PoolKind;
import io.github.simdconv.spec.PoolSpec;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

/**
 * Generators of valid {@link PoolSpec}s: kernels 1-5 (and global), strides 1-4 (larger than the
 * kernel too), dilation 1-3 for max, every legal padding (up to the dilated kernel minus one),
 * ceil mode, count_include_pad, sizes around the lane counts, batch and channels.
 *
 * @param kinds kinds to draw from
 * @param kernels window sizes
 * @param strides strides
 * @param dilations dilations (max only)
 * @param sizes image sizes
 * @param globalPercent share of global poolings
 * @param threadChoices thread counts
 */
public record PoolGen(PoolKind[] kinds, int[] kernels, int[] strides, int[] dilations, int[] sizes,
        int globalPercent, int[] threadChoices) {

    /** @return every geometry */
    public static PoolGen general() {
        return new PoolGen(PoolKind.values(), new int[] {1, 2, 2, 3, 3, 4, 5}, new int[] {1, 2, 2, 3, 4},
                new int[] {1, 1, 2, 3}, ConvGen.TAIL_SIZES, 10, new int[] {1, 2});
    }

    /** @param k kinds @return a copy with these */
    public PoolGen kinds(PoolKind... k) {
        return new PoolGen(k, kernels, strides, dilations, sizes, globalPercent, threadChoices);
    }

    /** @param k kernels @return a copy */
    public PoolGen kernels(int... k) {
        return new PoolGen(kinds, k, strides, dilations, sizes, globalPercent, threadChoices);
    }

    /** @param s strides @return a copy */
    public PoolGen strides(int... s) {
        return new PoolGen(kinds, kernels, s, dilations, sizes, globalPercent, threadChoices);
    }

    /** @param d dilations @return a copy */
    public PoolGen dilations(int... d) {
        return new PoolGen(kinds, kernels, strides, d, sizes, globalPercent, threadChoices);
    }

    /** @param s sizes @return a copy */
    public PoolGen sizes(int... s) {
        return new PoolGen(kinds, kernels, strides, dilations, s, globalPercent, threadChoices);
    }

    /** @param p percent of global poolings @return a copy */
    public PoolGen globalPercent(int p) {
        return new PoolGen(kinds, kernels, strides, dilations, sizes, p, threadChoices);
    }

    private static int between(RandomnessSource in, int lo, int hi) {
        return (int) in.next(Constraint.between(lo, hi));
    }

    private static int pick(RandomnessSource in, int[] c) {
        return c[between(in, 0, c.length - 1)];
    }

    /** @return a generator of specs */
    public Gen<PoolSpec> specs() {
        Gen<PoolSpec> g = in -> {
            PoolKind kind = kinds[between(in, 0, kinds.length - 1)];
            int batch = between(in, 1, 2);
            int channels = pick(in, ConvGen.TAIL_CHANNELS);
            int h = pick(in, sizes);
            int w = pick(in, sizes);
            if (between(in, 0, 99) < globalPercent) {
                return PoolSpec.global(kind, batch, channels, h, w);
            }
            int kh = pick(in, kernels);
            int kw = pick(in, kernels);
            int dh = kind == PoolKind.MAX && kh > 1 ? pick(in, dilations) : 1;
            int dw = kind == PoolKind.MAX && kw > 1 ? pick(in, dilations) : 1;
            int spanH = dh * (kh - 1) + 1;
            int spanW = dw * (kw - 1) + 1;
            int pt = between(in, 0, spanH - 1);
            int pb = between(in, 0, spanH - 1);
            int pl = between(in, 0, spanW - 1);
            int pr = between(in, 0, spanW - 1);
            // an output must exist: grow the image (padding is capped by the kernel)
            h = Math.max(h, spanH - pt - pb);
            w = Math.max(w, spanW - pl - pr);
            boolean ceil = between(in, 0, 1) == 1;
            boolean cip = kind == PoolKind.AVG && between(in, 0, 1) == 1;
            return PoolSpec.builder(kind).batch(batch).channels(channels).input(h, w).kernel(kh, kw)
                    .stride(pick(in, strides), pick(in, strides)).padding(pt, pb, pl, pr)
                    .dilation(dh, dw).ceilMode(ceil).countIncludePad(cip).build();
        };
        return g.describedAs(PoolSpec::toString);
    }

    /** @return a generator of whole cases */
    public Gen<PoolCase> cases() {
        Gen<PoolSpec> s = specs();
        PoolData[] kinds = PoolData.values();
        Gen<PoolCase> g = in -> new PoolCase(s.generate(in), kinds[between(in, 0, kinds.length - 1)],
                in.next(Constraint.between(0, Integer.MAX_VALUE)), pick(in, threadChoices));
        return g.describedAs(PoolCase::toString);
    }
}
