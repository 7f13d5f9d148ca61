package io.github.simdconv.layer;

import io.github.simdconv.spec.Checks;

/**
 * An NCHW tensor shape: {@code batch x channels x height x width}. Feature vectors (the input
 * and output of {@link Linear}) are {@code batch x features x 1 x 1}. Validated: every
 * dimension {@code >= 1} and the element count fits a Java array.
 *
 * @param batch images (N)
 * @param channels channels or features (C)
 * @param height rows (H)
 * @param width columns (W)
 */
public record Shape(int batch, int channels, int height, int width) {

    /** Validates every dimension and the element count. */
    public Shape {
        Checks.positive("batch", batch);
        Checks.positive("channels", channels);
        Checks.positive("height", height);
        Checks.positive("width", width);
        Checks.product("tensor size (batch*channels*height*width)", batch, channels, height, width);
    }

    /**
     * @param n batch
     * @param c channels
     * @param h height
     * @param w width
     * @return the shape {@code n x c x h x w}
     */
    public static Shape of(int n, int c, int h, int w) {
        return new Shape(n, c, h, w);
    }

    /**
     * @param n batch
     * @param features features per item
     * @return the shape {@code n x features x 1 x 1}
     */
    public static Shape vector(int n, int features) {
        return new Shape(n, features, 1, 1);
    }

    /** @return elements of a tensor of this shape */
    public int size() {
        return batch * channels * height * width;
    }

    /** @return elements of one image ({@code channels * height * width}) */
    public int imageSize() {
        return channels * height * width;
    }

    /**
     * @param n new batch
     * @return this shape with another batch
     */
    public Shape withBatch(int n) {
        return new Shape(n, channels, height, width);
    }

    @Override
    public String toString() {
        return "[" + batch + ", " + channels + ", " + height + ", " + width + "]";
    }
}
