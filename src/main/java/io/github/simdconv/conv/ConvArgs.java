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
}
