package io.github.simdconv.conv;

import io.github.simdconv.spec.Checks;

/**
 * The layout of an NCHW tensor stored inside a zero border: each {@code H x W} plane sits in a
 * {@code (top + H + bottom) x (left + W + right)} plane whose border is zero, and {@code tail}
 * readable floats follow the last plane. Element {@code (n, c, y, x)} of an {@code N x C x H x W}
 * tensor stored from {@code off} is at
 * {@code off + (n * C + c) * planeStride(H, W) + (top + y) * rowStride(W) + left + x}.
 *
 * <p>This is the layout {@link Direct} convolves from: its kernel reads every tap of a padded
 * input with no bounds check, so by default it copies each input into such a buffer first. A plan
 * whose {@link ConvPlan#inputBorder()} is not {@link #NONE} can read an input already stored that
 * way, and a plan whose {@link ConvPlan#writesBorder()} is true can write its output that way;
 * chaining the two keeps the data in the consumer's layout between layers and skips the copy
 * ({@code layer.Sequential} does it for consecutive layers). {@link #NONE} is plain NCHW.
 *
 * <p>The contract: a writer writes only the interior, never the border or the tail, so a buffer
 * zeroed once (a new Java array) keeps a zero border for any number of writes; a reader may read
 * the border and the tail and relies on them being zero.
 *
 * @param top zero rows above each plane
 * @param bottom zero rows below each plane
 * @param left zero columns left of each row
 * @param right zero columns right of each row
 * @param tail readable (zero) floats after the last plane
 */
public record Border(int top, int bottom, int left, int right, int tail) {
    /** Plain NCHW: no border, no tail. */
    public static final Border NONE = new Border(0, 0, 0, 0, 0);

    /**
     * @throws IllegalArgumentException if a field is negative
     */
    public Border {
        Checks.nonNegative("border top", top);
        Checks.nonNegative("border bottom", bottom);
        Checks.nonNegative("border left", left);
        Checks.nonNegative("border right", right);
        Checks.nonNegative("border tail", tail);
    }

    /**
     * @param width the tensor's width
     * @return the distance between consecutive rows
     */
    public int rowStride(int width) {
        return left + width + right;
    }

    /**
     * @param height the tensor's height
     * @param width the tensor's width
     * @return the distance between consecutive planes
     */
    public int planeStride(int height, int width) {
        return (top + height + bottom) * rowStride(width);
    }

    /**
     * @param planes {@code N * C}
     * @param height the tensor's height
     * @param width the tensor's width
     * @return floats a buffer needs from its offset to hold the tensor, border and tail included
     */
    public long size(int planes, int height, int width) {
        return (long) planes * (top + height + bottom) * ((long) left + width + right) + tail;
    }

    /**
     * @param height the tensor's height
     * @param width the tensor's width
     * @return the distance from the start of a plane to its element {@code (0, 0)}
     */
    public int origin(int height, int width) {
        return top * rowStride(width) + left;
    }

    /** {@return whether this is plain NCHW} */
    public boolean isNone() {
        return equals(NONE);
    }

    /**
     * Checks that an array holds an {@code planes x height x width} tensor in this layout.
     *
     * @param field the array's name for the message
     * @param array the array
     * @param offset the first element
     * @param planes {@code N * C}
     * @param height the tensor's height
     * @param width the tensor's width
     * @throws IllegalArgumentException if the array is null or too small
     */
    public void checkArray(String field, float[] array, int offset, int planes, int height, int width) {
        long need = size(planes, height, width);
        if (need > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(field + ": " + need + " floats with border " + this
                    + " exceed the largest Java array");
        }
        Checks.array(field, array, offset, (int) need);
    }
}
