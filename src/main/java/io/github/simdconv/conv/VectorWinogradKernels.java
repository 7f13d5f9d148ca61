package io.github.simdconv.conv;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API {@link WinogradKernels} for {@code FloatVector.SPECIES_PREFERRED}. Load only after
 * {@link io.github.simdconv.simd.Simd#vectorEnabled()} returned true.
 */
final class VectorWinogradKernels implements WinogradKernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    static final VectorWinogradKernels INSTANCE = new VectorWinogradKernels();

    private VectorWinogradKernels() {}

    @Override
    public void inputPass(int m, float[] src, int so, int ss, float[] dst, int dOff, int ds, int width) {
        switch (m) {
            case 2 -> VectorWinogradTransforms.input2(src, so, ss, dst, dOff, ds, width);
            case 4 -> VectorWinogradTransforms.input4(src, so, ss, dst, dOff, ds, width);
            default -> VectorWinogradTransforms.input6(src, so, ss, dst, dOff, ds, width);
        }
    }

    @Override
    public void outputPass(int m, float[] src, int so, int ss, float[] dst, int dOff, int ds, int width) {
        switch (m) {
            case 2 -> VectorWinogradTransforms.output2(src, so, ss, dst, dOff, ds, width);
            case 4 -> VectorWinogradTransforms.output4(src, so, ss, dst, dOff, ds, width);
            default -> VectorWinogradTransforms.output6(src, so, ss, dst, dOff, ds, width);
        }
    }
}
