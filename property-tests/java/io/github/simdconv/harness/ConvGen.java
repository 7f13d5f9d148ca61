package io.github.simdconv.harness;

import io.github.simdconv.spec.Activation;
import io.github.simdconv.spec.ConvSpec;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

/**
 * Generators of valid {@link ConvSpec}s that hit the tails: channel and width counts around the
 * vector length (1, L-1, L, L+1, 2L+1 for L = 4, 8, 16) and primes, 1x1 images, kernels larger
 * than the unpadded image, padding larger than the kernel, strides larger than the kernel,
 * dilation, groups and depthwise, batch > 1, bias and ReLU. Each knob is a list of choices that
 * an algorithm-specific generator narrows ({@code ConvGen.general().kernels(3).strides(1)...}).
 * The total work per case is capped so the naive reference stays fast.
 *
 * @param kernels kernel sizes to draw from (each axis independently)
 * @param strides strides to draw from
 * @param dilations dilations to draw from
 * @param maxPad largest padding per side
 * @param sizes image heights/widths to draw from
 * @param channels channel-per-group counts to draw from
 * @param groupChoices group counts to draw from; 0 means depthwise (groups = channels)
 * @param maxMultiplier largest depthwise channel multiplier
 * @param maxBatch largest batch
 * @param maxMacs cap on multiply-adds per case
 * @param threadChoices thread counts to draw from
 * @param squareKernels whether kernelW = kernelH
 */
public record ConvGen(int[] kernels, int[] strides, int[] dilations, int maxPad, int[] sizes,
        int[] channels, int[] groupChoices, int maxMultiplier, int maxBatch, long maxMacs,
        int[] threadChoices, boolean squareKernels) {

    /** Sizes around lane counts 4, 8, 16 and a few primes. */
    public static final int[] TAIL_SIZES = {1, 2, 3, 4, 5, 7, 8, 9, 11, 13, 15, 16, 17, 23, 31, 33};
    /** Channel counts around lane counts and primes. */
    public static final int[] TAIL_CHANNELS = {1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 33};

    /** @return the widest generator: every geometry the spec allows */
    public static ConvGen general() {
        return new ConvGen(new int[] {1, 2, 3, 4, 5, 7}, new int[] {1, 1, 2, 3, 4},
                new int[] {1, 1, 1, 2, 3}, 4, TAIL_SIZES, TAIL_CHANNELS, new int[] {1, 1, 1, 2, 3, 0},
                3, 2, 400_000, new int[] {1, 2}, false);
    }

    /** @param k kernel sizes @return a copy with these */
    public ConvGen kernels(int... k) {
        return new ConvGen(k, strides, dilations, maxPad, sizes, channels, groupChoices, maxMultiplier, maxBatch, maxMacs, threadChoices, squareKernels);
    }

    /** @param s strides @return a copy with these */
    public ConvGen strides(int... s) {
        return new ConvGen(kernels, s, dilations, maxPad, sizes, channels, groupChoices, maxMultiplier, maxBatch, maxMacs, threadChoices, squareKernels);
    }

    /** @param d dilations @return a copy with these */
    public ConvGen dilations(int... d) {
        return new ConvGen(kernels, strides, d, maxPad, sizes, channels, groupChoices, maxMultiplier, maxBatch, maxMacs, threadChoices, squareKernels);
    }

    /** @param p largest padding @return a copy with it */
    public ConvGen maxPad(int p) {
        return new ConvGen(kernels, strides, dilations, p, sizes, channels, groupChoices, maxMultiplier, maxBatch, maxMacs, threadChoices, squareKernels);
    }

    /** @param s image sizes @return a copy with these */
    public ConvGen sizes(int... s) {
        return new ConvGen(kernels, strides, dilations, maxPad, s, channels, groupChoices, maxMultiplier, maxBatch, maxMacs, threadChoices, squareKernels);
    }

    /** @param c channels per group @return a copy with these */
    public ConvGen channels(int... c) {
        return new ConvGen(kernels, strides, dilations, maxPad, sizes, c, groupChoices, maxMultiplier, maxBatch, maxMacs, threadChoices, squareKernels);
    }

    /** @param g group counts, 0 = depthwise @return a copy with these */
    public ConvGen groups(int... g) {
        return new ConvGen(kernels, strides, dilations, maxPad, sizes, channels, g, maxMultiplier, maxBatch, maxMacs, threadChoices, squareKernels);
    }

    /** @param m largest depthwise multiplier @return a copy */
    public ConvGen maxMultiplier(int m) {
        return new ConvGen(kernels, strides, dilations, maxPad, sizes, channels, groupChoices, m, maxBatch, maxMacs, threadChoices, squareKernels);
    }

    /** @param m cap on multiply-adds @return a copy */
    public ConvGen maxMacs(long m) {
        return new ConvGen(kernels, strides, dilations, maxPad, sizes, channels, groupChoices, maxMultiplier, maxBatch, m, threadChoices, squareKernels);
    }

    /** @param t thread counts @return a copy */
    public ConvGen threads(int... t) {
        return new ConvGen(kernels, strides, dilations, maxPad, sizes, channels, groupChoices, maxMultiplier, maxBatch, maxMacs, t, squareKernels);
    }

    /** @param b largest batch @return a copy */
    public ConvGen maxBatch(int b) {
        return new ConvGen(kernels, strides, dilations, maxPad, sizes, channels, groupChoices, maxMultiplier, b, maxMacs, threadChoices, squareKernels);
    }

    /** @param sq square kernels only @return a copy */
    public ConvGen square(boolean sq) {
        return new ConvGen(kernels, strides, dilations, maxPad, sizes, channels, groupChoices, maxMultiplier, maxBatch, maxMacs, threadChoices, sq);
    }

    private static int pick(RandomnessSource in, int[] choices) {
        return choices[(int) in.next(Constraint.between(0, choices.length - 1))];
    }

    private static int between(RandomnessSource in, int lo, int hi) {
        return (int) in.next(Constraint.between(lo, hi));
    }

    /** @return a generator of specs */
    public Gen<ConvSpec> specs() {
        Gen<ConvSpec> g = in -> {
            int kh = pick(in, kernels);
            int kw = squareKernels ? kh : pick(in, kernels);
            int sh = pick(in, strides);
            int sw = pick(in, strides);
            int dh = kh == 1 ? 1 : pick(in, dilations);
            int dw = kw == 1 ? 1 : pick(in, dilations);
            int pt = between(in, 0, maxPad);
            int pb = between(in, 0, maxPad);
            int pl = between(in, 0, maxPad);
            int pr = between(in, 0, maxPad);
            int h = pick(in, sizes);
            int w = pick(in, sizes);
            int groupChoice = pick(in, groupChoices);
            int cpg = pick(in, channels);
            int kpg = pick(in, channels);
            int groups;
            if (groupChoice == 0) { // depthwise: one input channel per group, multiplier 1..maxMultiplier
                groups = cpg;
                kpg = between(in, 1, maxMultiplier);
                cpg = 1;
            } else {
                groups = groupChoice;
            }
            int batch = between(in, 1, maxBatch);
            boolean bias = between(in, 0, 1) == 1;
            Activation act = between(in, 0, 1) == 1 ? Activation.RELU : Activation.NONE;
            // make sure an output exists: grow the bottom/right padding, never the image
            int spanH = dh * (kh - 1) + 1;
            int spanW = dw * (kw - 1) + 1;
            if (h + pt + pb < spanH) {
                pb = spanH - h - pt;
            }
            if (w + pl + pr < spanW) {
                pr = spanW - w - pl;
            }
            ConvSpec s = ConvSpec.builder().batch(batch).inChannels(cpg * groups).outChannels(kpg * groups)
                    .input(h, w).kernel(kh, kw).stride(sh, sw).padding(pt, pb, pl, pr).dilation(dh, dw)
                    .groups(groups).bias(bias).activation(act).build();
            // cap the work: shrink batch, then channels, so the reference stays quick
            while (s.flops() / 2 > maxMacs && s.batch() > 1) {
                s = s.withBatch(1);
            }
            while (s.flops() / 2 > maxMacs && (s.inChannelsPerGroup() > 1 || s.outChannelsPerGroup() > 1)) {
                int c2 = Math.max(1, s.inChannelsPerGroup() / 2);
                int k2 = Math.max(1, s.outChannelsPerGroup() / 2);
                s = s.toBuilder().inChannels(c2 * s.groups()).outChannels(k2 * s.groups()).build();
            }
            return s;
        };
        return g.describedAs(ConvSpec::toString);
    }

    /** @return a generator of whole cases: spec, data kind, data seed, threads */
    public Gen<ConvCase> cases() {
        Gen<ConvSpec> s = specs();
        Gen<ConvCase> g = in -> new ConvCase(s.generate(in),
                between(in, 0, 1) == 0 ? DataKind.SMALL_INT : DataKind.REAL,
                in.next(Constraint.between(0, Integer.MAX_VALUE)), pick(in, threadChoices));
        return g.describedAs(ConvCase::toString);
    }
}
