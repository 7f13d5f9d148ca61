package io.github.simdconv.pool;

import io.github.simdconv.conv.Support;
import io.github.simdconv.spec.Checks;
import io.github.simdconv.spec.PoolKind;
import io.github.simdconv.spec.PoolSpec;

/** Argument checks shared by the pooling algorithms: all fail before any work. */
public final class PoolArgs {
    private PoolArgs() {}

    /**
     * @param a the algorithm
     * @param spec the geometry
     * @param threads thread count
     */
    public static void checkPlan(PoolAlgorithm a, PoolSpec spec, int threads) {
        if (spec == null) {
            throw new IllegalArgumentException("spec is null");
        }
        Support s = a.supports(spec);
        if (!s.supported()) {
            throw new IllegalArgumentException("algorithm " + a.name() + " does not support " + spec
                    + ": " + s.reason());
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads = " + threads + ": must be >= 1");
        }
    }

    /**
     * @param spec the geometry
     * @param input input
     * @param inOff input offset
     * @param output output
     * @param outOff output offset
     */
    public static void checkExecute(PoolSpec spec, float[] input, int inOff, float[] output, int outOff) {
        Checks.array("input", input, inOff, spec.inputSize());
        Checks.array("output", output, outOff, spec.outputSize());
        if (input == output) {
            throw new IllegalArgumentException("input and output are the same array: pooling is not in place");
        }
    }

    /**
     * @param spec the geometry
     * @param indices the index array
     * @param idxOff index offset
     */
    public static void checkIndices(PoolSpec spec, int[] indices, int idxOff) {
        if (spec.kind() != PoolKind.MAX) {
            throw new IllegalArgumentException("kind = " + spec.kind() + ": indices exist for MAX pooling only");
        }
        Checks.array("indices", indices, idxOff, spec.outputSize());
    }
}
