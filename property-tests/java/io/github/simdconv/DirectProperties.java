package io.github.simdconv;

import io.github.simdconv.conv.Border;
import io.github.simdconv.conv.ConvAlgorithm;
import io.github.simdconv.conv.ConvAlgorithms;
import io.github.simdconv.conv.ConvPlan;
import io.github.simdconv.harness.ConvCheck;
import io.github.simdconv.harness.ConvGen;
import io.github.simdconv.harness.DataKind;
import io.github.simdconv.harness.Props;
import io.github.simdconv.harness.ThreadCheck;
import org.junit.jupiter.api.Test;

/**
 * The direct kernel's own edge cases: the pointwise path (image read in place as chunked rows,
 * images larger than one chunk), groups with few output channels per group (zero-padded channel
 * blocks), output widths that exercise every register tile and tail, and thread determinism.
 */
class DirectProperties {
    private static final ConvAlgorithm DIRECT = ConvAlgorithms.byName("direct");

    @Test
    void pointwiseMatchesTheReference() {
        ConvGen g = ConvGen.general().kernels(1).strides(1).maxPad(0).groups(1, 1, 2)
                .sizes(1, 3, 7, 13, 15, 16, 17, 29).channels(1, 3, 8, 16, 17, 33, 40).maxBatch(2);
        Props.check("direct pointwise == reference", 2.0, g.cases(), c -> ConvCheck.check(DIRECT, c, 1.0, true));
    }

    @Test
    void groupsMatchTheReference() {
        ConvGen g = ConvGen.general().groups(2, 3, 4, 0).channels(1, 2, 5, 8, 16, 17, 33);
        Props.check("direct groups == reference", 2.0, g.cases(), c -> ConvCheck.check(DIRECT, c, 1.0, true));
    }

    @Test
    void everyTileWidthMatchesTheReference() {
        // output widths 1..40 with stride 1 and 2 (the constant-offset tiles) cover every 12/8/6/4-pixel decomposition and tail
        int[] widths = new int[40];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = i + 1;
        }
        ConvGen g = ConvGen.general().sizes(widths).kernels(1, 3).strides(1, 2).groups(1).channels(3, 16, 33);
        Props.check("direct tiles == reference", 2.0, g.cases(), c -> ConvCheck.check(DIRECT, c, 1.0, true));
    }

    @Test
    void bitwiseIdenticalForAnyThreadCount() {
        Props.check("direct thread determinism", 0.5, ConvGen.general().specs(),
                s -> ThreadCheck.sameForThreads(DIRECT, s, 1, 2, 3));
    }

    @Test
    void bitwiseIdenticalWhenWorkersTakeEachOthersRows() {
        // more workers than cores: preempted workers' items are taken from the back of their part
        // by the others, who copy the input rows those items read into their own padded buffers
        // (batches and groups: several slices per part). Both item orders: pairs innermost (small
        // weights, the default for these sizes) and rows innermost (forced by the KiB threshold 0)
        ConvGen g = ConvGen.general().maxBatch(3).groups(1, 1, 2, 3);
        Props.check("direct work taking, pairs inner", 0.4, g.specs(),
                s -> ThreadCheck.sameForThreads(DIRECT, s, 1, 5, 8));
        String key = "simdconv.direct.pairsInnerKiB";
        String old = System.getProperty(key);
        System.setProperty(key, "0");
        try {
            Props.check("direct work taking, rows inner", 0.4, g.specs(),
                    s -> ThreadCheck.sameForThreads(DIRECT, s, 1, 5, 8));
            Props.check("direct rows inner == reference", 0.4, g.cases(), c -> ConvCheck.check(DIRECT, c, 1.0, true));
        } finally {
            if (old == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, old);
            }
        }
    }

    @Test
    void borderedLayoutsGiveThePlainOutputBitwise() {
        // reading the input from a caller's zero-bordered buffer (skipping the padding copy) and
        // writing into a bordered output must compute the same floats, touch only the interior,
        // and reject layouts the plan does not read or write
        Props.check("direct bordered == plain, bitwise", 0.5, ConvGen.general().specs(), s -> {
            long seed = s.hashCode();
            float[] in = DataKind.REAL.fill(s.inputSize(), seed);
            float[] w = DataKind.REAL.fill(s.weightSize(), seed + 1);
            float[] b = s.hasBias() ? DataKind.REAL.fill(s.outChannels(), seed + 2) : null;
            ConvPlan plan = DIRECT.plan(s, w, b, 2);
            float[] plain = new float[s.outputSize()];
            plan.execute(in, plain);
            Border ib = plan.inputBorder();
            Border ob = new Border(1, 0, 2, 3, 5);
            if (s.isPointwise()) {
                if (!ib.isNone() || plan.writesBorder()) {
                    throw new AssertionError("pointwise " + s + " claims a bordered layout");
                }
                try {
                    plan.execute(in, 0, Border.NONE, new float[(int) ob.size(s.batch() * s.outChannels(),
                            s.outHeight(), s.outWidth())], 0, ob);
                    throw new AssertionError("pointwise " + s + " accepted a bordered output");
                } catch (IllegalArgumentException expected) {
                    return;
                }
            }
            if (ib.top() != s.padTop() || ib.bottom() != s.padBottom() || ib.left() != s.padLeft()
                    || ib.right() != s.padRight() || !plan.writesBorder()) {
                throw new AssertionError(s + ": inputBorder " + ib + " is not the spec's padding");
            }
            int inOff = 7;
            int outOff = 3;
            float[] bin = new float[inOff + (int) ib.size(s.batch() * s.inChannels(), s.inHeight(), s.inWidth())];
            int ip = ib.planeStride(s.inHeight(), s.inWidth());
            int ir = ib.rowStride(s.inWidth());
            for (int q = 0; q < s.batch() * s.inChannels(); q++) {
                for (int y = 0; y < s.inHeight(); y++) {
                    System.arraycopy(in, (q * s.inHeight() + y) * s.inWidth(), bin,
                            inOff + q * ip + ib.origin(s.inHeight(), s.inWidth()) + y * ir, s.inWidth());
                }
            }
            float sentinel = Float.intBitsToFloat(0x7fc0beef);
            float[] bout = new float[outOff + (int) ob.size(s.batch() * s.outChannels(), s.outHeight(), s.outWidth()) + 2];
            java.util.Arrays.fill(bout, sentinel);
            plan.execute(bin, inOff, ib, bout, outOff, ob);
            int op = ob.planeStride(s.outHeight(), s.outWidth());
            int or = ob.rowStride(s.outWidth());
            boolean[] interior = new boolean[bout.length];
            for (int q = 0; q < s.batch() * s.outChannels(); q++) {
                for (int y = 0; y < s.outHeight(); y++) {
                    for (int x = 0; x < s.outWidth(); x++) {
                        int at = outOff + q * op + ob.origin(s.outHeight(), s.outWidth()) + y * or + x;
                        interior[at] = true;
                        float want = plain[(q * s.outHeight() + y) * s.outWidth() + x];
                        if (Float.floatToRawIntBits(bout[at]) != Float.floatToRawIntBits(want)) {
                            throw new AssertionError(s + ": bordered output (" + q + ", " + y + ", " + x + ") = "
                                    + bout[at] + ", plain " + want);
                        }
                    }
                }
            }
            for (int i = 0; i < bout.length; i++) {
                if (!interior[i] && Float.floatToRawIntBits(bout[i]) != Float.floatToRawIntBits(sentinel)) {
                    throw new AssertionError(s + ": wrote " + bout[i] + " at " + i + ", outside the interior");
                }
            }
            try {
                plan.execute(bin, inOff, new Border(ib.top() + 1, ib.bottom(), ib.left(), ib.right(), ib.tail()),
                        bout, outOff, ob);
                throw new AssertionError(s + ": accepted an input border that is not " + ib);
            } catch (IllegalArgumentException expected) {
                // rejected before any work
            }
        });
    }
}
