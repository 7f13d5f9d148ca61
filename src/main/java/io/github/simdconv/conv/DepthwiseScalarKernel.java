package io.github.simdconv.conv;

/** Scalar {@link DepthwiseKernel}, used when the Vector API is not available. */
final class DepthwiseScalarKernel extends DepthwiseKernel {
    @Override
    void rows(float[] src, int srcRow, int[] colOff, float[] w, int wOff, float bias, boolean relu,
            float[] out, int outOff, int outW, int count, int r, int s, int sH, int dH) {
        for (int y = 0; y < count; y++) {
            int rowBase = y * sH * srcRow;
            int o = outOff + y * outW;
            for (int x = 0; x < outW; x++) {
                float acc = bias;
                for (int i = 0; i < r; i++) {
                    int ai = rowBase + i * dH * srcRow + x;
                    for (int j = 0; j < s; j++) {
                        acc += w[wOff + i * s + j] * src[ai + colOff[j]];
                    }
                }
                out[o + x] = relu && acc < 0f ? 0f : acc;
            }
        }
    }
}
