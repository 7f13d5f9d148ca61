package io.github.simdconv.conv;

/** Scalar {@link DepthwiseKernel}, used when the Vector API is not available. */
final class DepthwiseScalarKernel extends DepthwiseKernel {
    @Override
    int slack(int strideW) {
        return 16;
    }

    @Override
    void rows(float[] src, int srcRow, float[] w, int wOff, float bias, boolean relu, float[] out,
            int outOff, int outW, int count, int r, int s, int sH, int sW, int dH, int dW) {
        for (int y = 0; y < count; y++) {
            int rowBase = y * sH * srcRow;
            int o = outOff + y * outW;
            for (int x = 0; x < outW; x++) {
                float acc = bias;
                int a = rowBase + x * sW;
                for (int i = 0; i < r; i++) {
                    int ai = a + i * dH * srcRow;
                    for (int j = 0; j < s; j++) {
                        acc += w[wOff + i * s + j] * src[ai + j * dW];
                    }
                }
                out[o + x] = relu && acc < 0f ? 0f : acc;
            }
        }
    }
}
