package io.github.simdconv.conv;

/**
 * Scalar {@link DirectKernel}: the same packed layout and contract as the vector kernel, one
 * output value at a time, used when the Vector API is not available.
 */
final class DirectScalarKernel extends DirectKernel {
    /** Block width of the packed weights when no vectors run. */
    static final int L = 8;

    @Override
    int lanes() {
        return L;
    }

    @Override
    int[] tileWidths() {
        return new int[] {6, 4, 1};
    }

    @Override
    void row(float[] src, int a0, int[] off, int plane, int rowStep, int dW, int sW, int cg, int r, int s,
            float[] w, int wOff, int nb, float[] bias, int bOff, boolean relu, int[] tiles, float[] scratch) {
        int nbl = nb * L;
        int width = 0;
        for (int t : tiles) {
            width += t;
        }
        for (int x = 0; x < width; x++) {
            int ax = a0 + x * sW;
            for (int lane = 0; lane < nbl; lane++) {
                float acc = bias[bOff + lane];
                int wi = wOff + lane;
                for (int c = 0; c < cg; c++) {
                    int ac = ax + c * plane;
                    for (int i = 0; i < r; i++) {
                        int ai = ac + i * rowStep;
                        for (int j = 0; j < s; j++) {
                            acc += src[ai + j * dW] * w[wi];
                            wi += nbl;
                        }
                    }
                }
                scratch[x * nbl + lane] = relu && acc < 0f ? 0f : acc;
            }
        }
    }
}
