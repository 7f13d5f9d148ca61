package io.github.simdconv.layer;

import io.github.simdconv.spec.Checks;
import java.util.Arrays;

/**
 * A float32 NCHW tensor: a {@link Shape} over a window of a {@code float[]} starting at an
 * offset. Element {@code (n, c, h, w)} lives at
 * {@code offset + ((n * C + c) * H + h) * W + w}. A tensor does not copy its array: views
 * ({@link #reshape}, {@link #images}) share it, and writes through one are seen by all.
 * Validated at construction: the array must hold {@code offset + shape.size()} floats.
 */
public final class Tensor {
    private final Shape shape;
    private final float[] data;
    private final int offset;

    private Tensor(Shape shape, float[] data, int offset) {
        if (shape == null) {
            throw new IllegalArgumentException("shape is null");
        }
        Checks.array("data", data, offset, shape.size());
        this.shape = shape;
        this.data = data;
        this.offset = offset;
    }

    /**
     * @param shape the shape
     * @return a new zero-filled tensor
     */
    public static Tensor zeros(Shape shape) {
        if (shape == null) {
            throw new IllegalArgumentException("shape is null");
        }
        return new Tensor(shape, new float[shape.size()], 0);
    }

    /**
     * Wraps an array (not copied) from offset 0.
     *
     * @param shape the shape
     * @param data at least {@code shape.size()} floats
     * @return the tensor
     */
    public static Tensor of(Shape shape, float[] data) {
        return new Tensor(shape, data, 0);
    }

    /**
     * Wraps an array window (not copied).
     *
     * @param shape the shape
     * @param data at least {@code offset + shape.size()} floats
     * @param offset first element
     * @return the tensor
     */
    public static Tensor wrap(Shape shape, float[] data, int offset) {
        return new Tensor(shape, data, offset);
    }

    /** @return the shape */
    public Shape shape() {
        return shape;
    }

    /** @return the backing array (shared, not a copy) */
    public float[] data() {
        return data;
    }

    /** @return index of element (0, 0, 0, 0) in {@link #data()} */
    public int offset() {
        return offset;
    }

    /** @return number of elements */
    public int size() {
        return shape.size();
    }

    /**
     * @param n image
     * @param c channel
     * @param h row
     * @param w column
     * @return the element
     */
    public float get(int n, int c, int h, int w) {
        return data[index(n, c, h, w)];
    }

    /**
     * @param n image
     * @param c channel
     * @param h row
     * @param w column
     * @param v the new value
     */
    public void set(int n, int c, int h, int w, float v) {
        data[index(n, c, h, w)] = v;
    }

    private int index(int n, int c, int h, int w) {
        Checks.nonNegative("n", n);
        Checks.nonNegative("c", c);
        Checks.nonNegative("h", h);
        Checks.nonNegative("w", w);
        if (n >= shape.batch() || c >= shape.channels() || h >= shape.height() || w >= shape.width()) {
            throw new IllegalArgumentException("index (" + n + ", " + c + ", " + h + ", " + w
                    + "): out of bounds for shape " + shape);
        }
        return offset + ((n * shape.channels() + c) * shape.height() + h) * shape.width() + w;
    }

    /**
     * A view with another shape of the same size (e.g. {@code [N, C, H, W] -> [N, C*H*W, 1, 1]}).
     *
     * @param newShape the new shape
     * @return the view, sharing this tensor's array
     */
    public Tensor reshape(Shape newShape) {
        if (newShape == null) {
            throw new IllegalArgumentException("newShape is null");
        }
        if (newShape.size() != shape.size()) {
            throw new IllegalArgumentException("reshape " + shape + " -> " + newShape + ": sizes "
                    + shape.size() + " and " + newShape.size() + " must be equal");
        }
        return new Tensor(newShape, data, offset);
    }

    /**
     * A view of images {@code [from, to)} of the batch.
     *
     * @param from first image
     * @param to one past the last image
     * @return the view, sharing this tensor's array
     */
    public Tensor images(int from, int to) {
        if (from < 0 || to > shape.batch() || from >= to) {
            throw new IllegalArgumentException("images [" + from + ", " + to + "): must satisfy 0 <= from < to <= batch = "
                    + shape.batch());
        }
        return new Tensor(shape.withBatch(to - from), data, offset + from * shape.imageSize());
    }

    /** @return a copy of the elements, in NCHW order */
    public float[] toArray() {
        return Arrays.copyOfRange(data, offset, offset + shape.size());
    }

    @Override
    public String toString() {
        return "Tensor" + shape;
    }
}
