package io.github.simdconv.layer;

import io.github.simdconv.pool.PoolAlgorithm;
import io.github.simdconv.pool.PoolPlan;
import io.github.simdconv.spec.PoolSpec;

/**
 * Common base of the pooling layers: a {@link PoolSpec} per input shape, an algorithm per
 * {@link AlgorithmChoice}.
 */
public abstract sealed class PoolLayer extends AbstractLayer permits MaxPool2d, AvgPool2d, GlobalAvgPool2d {
    private final AlgorithmChoice choice;

    PoolLayer(AlgorithmChoice choice) {
        if (choice == null) {
            throw new IllegalArgumentException("algorithm is null: use AlgorithmChoice.AUTO");
        }
        this.choice = choice;
        if (choice.kind() != AlgorithmChoice.Kind.AUTO && choice.kind() != AlgorithmChoice.Kind.MEASURE) {
            io.github.simdconv.pool.PoolAlgorithms.byName(choice.name()); // unknown names fail now
        }
    }

    /**
     * @param input an input shape
     * @return the pooling geometry on it
     * @throws IllegalArgumentException if the window does not fit the input
     */
    public abstract PoolSpec specFor(Shape input);

    /** @return the algorithm choice */
    public AlgorithmChoice algorithm() {
        return choice;
    }

    @Override
    public Shape outputShape(Shape input) {
        PoolSpec s = specFor(input);
        Choosers.checkPool(choice, s, getClass().getSimpleName());
        return Shape.of(s.batch(), s.channels(), s.outHeight(), s.outWidth());
    }

    @Override
    public LayerPlan plan(Shape input, int threads) {
        PoolSpec s = specFor(input);
        PoolAlgorithm a = Choosers.pool(choice, s, threads, getClass().getSimpleName());
        PoolPlan p = a.plan(s, threads);
        String name = getClass().getSimpleName();
        return new BasePlan(input, Shape.of(s.batch(), s.channels(), s.outHeight(), s.outWidth())) {
            @Override
            public void run(float[] in, int inOff, float[] out, int outOff) {
                check(in, inOff, out, outOff);
                p.execute(in, inOff, out, outOff);
            }

            @Override
            public String describe() {
                return name + "[" + p.algorithm() + "] " + s;
            }
        };
    }

    /** Replaces a template's batch, channels and input size by the input's, with context on failure. */
    static PoolSpec fit(PoolSpec template, Shape input, String layer) {
        if (input == null) {
            throw new IllegalArgumentException("input shape is null");
        }
        try {
            return template.toBuilder().batch(input.batch()).channels(input.channels())
                    .input(input.height(), input.width()).build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(layer + ": input shape " + input + ": " + e.getMessage(), e);
        }
    }
}
