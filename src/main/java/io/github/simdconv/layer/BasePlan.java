package io.github.simdconv.layer;

import io.github.simdconv.conv.Border;
import io.github.simdconv.spec.Checks;

/** A plan's shapes and the array checks every plan does before any work. */
abstract class BasePlan implements LayerPlan {
    private final Shape inputShape;
    private final Shape outputShape;

    BasePlan(Shape inputShape, Shape outputShape) {
        this.inputShape = inputShape;
        this.outputShape = outputShape;
    }

    @Override
    public final Shape inputShape() {
        return inputShape;
    }

    @Override
    public final Shape outputShape() {
        return outputShape;
    }

    /** Checks both arrays hold the tensors and are distinct. */
    final void check(float[] in, int inOff, float[] out, int outOff) {
        Checks.array("input", in, inOff, inputShape.size());
        Checks.array("output", out, outOff, outputShape.size());
        if (in == out) {
            throw new IllegalArgumentException("input and output are the same array: layers do not run in place");
        }
    }

    /** Checks both arrays hold the tensors in the given layouts and are distinct. */
    final void check(float[] in, int inOff, Border inBorder, float[] out, int outOff, Border outBorder) {
        if (inBorder == null || outBorder == null) {
            throw new IllegalArgumentException((inBorder == null ? "inBorder" : "outBorder")
                    + " is null: use Border.NONE for plain NCHW");
        }
        inBorder.checkArray("input", in, inOff, inputShape.batch() * inputShape.channels(), inputShape.height(), inputShape.width());
        outBorder.checkArray("output", out, outOff, outputShape.batch() * outputShape.channels(), outputShape.height(),
                outputShape.width());
        if (in == out) {
            throw new IllegalArgumentException("input and output are the same array: layers do not run in place");
        }
    }
}
