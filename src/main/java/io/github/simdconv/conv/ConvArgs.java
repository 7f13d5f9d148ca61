package io.github.simdconv.conv;

import io.github.simdconv.spec.Checks;
import io.github.simdconv.spec.ConvSpec;

/** Argument checks shared by every {@link ConvAlgorithm}: all fail before any work. */
public final class ConvArgs {
    private ConvArgs() {}

    /**
     * Checks a {@link ConvAlgorithm#plan} call.
     *
     * @param algorithm the algorithm asked
     * @param spec the geometry
     * @param weights the OIHW weights
     * @param bias the bias or null
     * @param threads thread count
     */
    public static void checkPlan(ConvAlgorithm algorithm, ConvSpec spec, float[] weights, float[] bias,
            int threads) {
        if (spec == null) {
            throw new IllegalArgumentException("spec is null");
        }
        Support s = algorithm.supports(spec);
        if (!s.supported()) {
            throw new IllegalArgumentException("algorithm " + algorithm.name() + " does not support "
                    + spec + ": " + s.reason());
        }
        if (weights == null) {
            throw new IllegalArgumentException("weights is null: " + spec.weightSize()
                    + " floats (OIHW) are required");
        }
        if (weights.length != spec.weightSize()) {
            throw new IllegalArgumentException("weights.length = " + weights.length
                    + ": must be outChannels*inChannels/groups*kernelH*kernelW = "
                    + spec.outChannels() + "*" + spec.inChannelsPerGroup() + "*" + spec.kernelH()
                    + "*" + spec.kernelW() + " = " + spec.weightSize());
        }
        if (spec.hasBias()) {
            if (bias == null || bias.length != spec.outChannels()) {
                throw new IllegalArgumentException("bias.length = " + (bias == null ? "null" : bias.length)
                        + ": must be outChannels = " + spec.outChannels() + " since spec.hasBias()");
            }
        } else if (bias != null) {
            throw new IllegalArgumentException("bias.length = " + bias.length
                    + ": must be null since spec.hasBias() is false");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads = " + threads + ": must be >= 1");
        }
    }

    /**
     * Checks a {@link ConvPlan#execute} call.
     *
     * @param spec the plan's geometry
     * @param input the input
     * @param inOff input offset
     * @param output the output
     * @param outOff output offset
     */
    public static void checkExecute(ConvSpec spec, float[] input, int inOff, float[] output, int outOff) {
        Checks.array("input", input, inOff, spec.inputSize());
        Checks.array("output", output, outOff, spec.outputSize());
        if (input == output) {
            throw new IllegalArgumentException("input and output are the same array: convolution is not in place");
        }
    }

    /**
     * Checks the layouts and arrays of a bordered execute (see {@link ConvPlan#execute(float[], int,
     * Border, float[], int, Border)}).
     *
     * @param plan the plan
     * @param inBorder the input's layout
     * @param outBorder the output's layout
     * @throws IllegalArgumentException if a layout is null or one the plan does not read or write
     */
    public static void checkBorders(ConvPlan plan, Border inBorder, Border outBorder) {
        if (inBorder == null) {
            throw new IllegalArgumentException("inBorder is null: use Border.NONE for plain NCHW");
        }
        if (outBorder == null) {
            throw new IllegalArgumentException("outBorder is null: use Border.NONE for plain NCHW");
        }
        if (!inBorder.isNone() && !inBorder.equals(plan.inputBorder())) {
            throw new IllegalArgumentException("inBorder = " + inBorder + ": algorithm " + plan.algorithm()
                    + " reads plain NCHW (Border.NONE)" + (plan.inputBorder().isNone() ? "" : " or " + plan.inputBorder())
                    + " for " + plan.spec());
        }
        if (!outBorder.isNone() && !plan.writesBorder()) {
            throw new IllegalArgumentException("outBorder = " + outBorder + ": algorithm " + plan.algorithm()
                    + " writes plain NCHW only (Border.NONE) for " + plan.spec());
        }
    }

    /**
     * Checks the arrays of a bordered execute.
     *
     * @param spec the plan's geometry
     * @param input the input
     * @param inOff input offset
     * @param inBorder the input's layout
     * @param output the output
     * @param outOff output offset
     * @param outBorder the output's layout
     */
    public static void checkExecute(ConvSpec spec, float[] input, int inOff, Border inBorder, float[] output,
            int outOff, Border outBorder) {
        inBorder.checkArray("input", input, inOff, spec.batch() * spec.inChannels(), spec.inHeight(), spec.inWidth());
        outBorder.checkArray("output", output, outOff, spec.batch() * spec.outChannels(), spec.outHeight(),
                spec.outWidth());
        if (input == output) {
            throw new IllegalArgumentException("input and output are the same array: convolution is not in place");
        }
    }
}
