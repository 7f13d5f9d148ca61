package io.github.simdconv;

import io.github.simdconv.conv.ConvPlan;
import io.github.simdconv.conv.Winograd;
import io.github.simdconv.harness.ConvCheck;
import io.github.simdconv.harness.WinogradBound;
import io.github.simdconv.reference.ReferenceConv;
import io.github.simdconv.spec.ConvSpec;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Prints the accuracy table of docs/winograd.md: the float32 error of each Winograd variant, and
 * of a plain float32 dot product in the direct order, against the float64 reference as the input
 * channels and the inputs' offset grow. Run:
 * {@code mvn -q test-compile exec:exec -Dexec.executable=java -Dexec.args="--add-modules=jdk.incubator.vector -cp %classpath io.github.simdconv.WinogradErrorTable"}
 * (or any java with the test classpath).
 *
 * <p>Each row is the worst of {@value #SEEDS} random data sets. Columns: {@code rel} = max|err| / max|y| (normwise relative error); {@code e/(u·Σ|xw|)} =
 * max over outputs of |err| / (u sum|x_i w_i|), the error in units of the dot-product scale
 * (mean and max); {@code direct} = the same for a float32 dot product summed in the naive order;
 * {@code e/bound} = max over outputs of |err| / (the derived bound of {@link WinogradBound}),
 * which must stay below 1.
 */
public final class WinogradErrorTable {
    private WinogradErrorTable() {}

    private static final double U = 0x1p-24;
    private static final int SEEDS = 3;

    /**
     * @param args unused
     */
    public static void main(String[] args) {
        int[] channels = {1, 8, 64, 128, 256, 512};
        double[] offsets = {0, 1, 10};
        System.out.println("| variant | C | input | rel. error | mean e/(u·Σ\\|xw\\|) | max e/(u·Σ\\|xw\\|) | direct fp32 max e/(u·Σ\\|xw\\|) | max e/bound |");
        System.out.println("|---|---:|---|---:|---:|---:|---:|---:|");
        for (Winograd a : List.of(Winograd.F2, Winograd.F4, Winograd.F6)) {
            for (double off : offsets) {
                for (int c : channels) {
                    row(a, c, off);
                }
            }
        }
    }

    private static void row(Winograd a, int c, double offset) {
        ConvSpec s = ConvSpec.builder().inChannels(c).outChannels(8).input(18, 18).kernel(3).padding(1).build();
        double rel = 0;
        double mean = 0;
        double max = 0;
        double maxDirect = 0;
        double maxBound = 0;
        double factor = WinogradBound.factor(a.transform(), c);
        for (int seed = 0; seed < SEEDS; seed++) {
            SplittableRandom r = new SplittableRandom(c * 1000L + (long) offset * 10 + seed);
            float[] in = new float[s.inputSize()];
            float[] w = new float[s.weightSize()];
            for (int i = 0; i < in.length; i++) {
                in[i] = (float) (offset + r.nextDouble() * 2 - 1);
            }
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) (r.nextDouble() * 2 - 1);
            }
            float[] ref = ReferenceConv.conv2d(s, in, w, null);
            ConvPlan p = a.plan(s, w, null, 1);
            float[] out = new float[s.outputSize()];
            p.execute(in, out);
            float[] direct = directFloat(s, in, w);
            float[] abs = ConvCheck.absSum(s, in, w, null);
            float[] mag = WinogradBound.magnitude(a.transform(), s, in, w, null);
            double maxErr = 0;
            double maxRef = 0;
            double sum = 0;
            for (int i = 0; i < ref.length; i++) {
                double e = Math.abs((double) out[i] - ref[i]);
                maxErr = Math.max(maxErr, e);
                maxRef = Math.max(maxRef, Math.abs(ref[i]));
                double q = e / (U * abs[i]);
                sum += q;
                max = Math.max(max, q);
                maxDirect = Math.max(maxDirect, Math.abs((double) direct[i] - ref[i]) / (U * abs[i]));
                maxBound = Math.max(maxBound, e / (factor * mag[i]));
            }
            rel = Math.max(rel, maxErr / maxRef);
            mean = Math.max(mean, sum / ref.length);
        }
        System.out.printf("| %s | %d | %s | %.1e | %.2f | %.1f | %.1f | %.4f |%n", a.name(), c,
                offset == 0 ? "U(-1,1)" : "U(-1,1)+" + (int) offset, rel, mean, max, maxDirect, maxBound);
    }

    /** Direct convolution, float32 accumulation in (c, i, j) order: the error of a plain dot product. */
    private static float[] directFloat(ConvSpec s, float[] in, float[] w) {
        int oh = s.outHeight();
        int ow = s.outWidth();
        int c = s.inChannels();
        float[] out = new float[s.outputSize()];
        for (int k = 0; k < s.outChannels(); k++) {
            for (int y = 0; y < oh; y++) {
                for (int x = 0; x < ow; x++) {
                    float acc = 0f;
                    for (int ch = 0; ch < c; ch++) {
                        for (int i = 0; i < 3; i++) {
                            int iy = y - s.padTop() + i;
                            if (iy < 0 || iy >= s.inHeight()) {
                                continue;
                            }
                            for (int j = 0; j < 3; j++) {
                                int ix = x - s.padLeft() + j;
                                if (ix < 0 || ix >= s.inWidth()) {
                                    continue;
                                }
                                acc += in[(ch * s.inHeight() + iy) * s.inWidth() + ix] * w[((k * c + ch) * 3 + i) * 3 + j];
                            }
                        }
                    }
                    out[(k * oh + y) * ow + x] = acc;
                }
            }
        }
        return out;
    }
}
