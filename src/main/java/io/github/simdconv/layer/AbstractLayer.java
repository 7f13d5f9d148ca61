package io.github.simdconv.layer;

import io.github.simdconv.parallel.WorkerPool;
import io.github.simdconv.spec.Checks;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Base of every layer: the plan cache and the thread setting. Subclasses implement
 * {@link #outputShape} and {@link #plan}.
 *
 * <p>Plans are cached per input shape in a small pool: a caller takes a plan, runs it and gives it
 * back, so concurrent callers never share scratch memory and the pool holds at most as many plans
 * per shape as there were concurrent callers. Taking and giving back is a short
 * {@code synchronized} push/pop on an {@link ArrayDeque}: no allocation once the pool is warm.
 * (A {@code ThreadLocal} would be lock-free but keeps a plan alive for every thread that ever
 * called, which an inference server with a large pool of request threads cannot afford.)
 */
public abstract class AbstractLayer implements Layer {
    private volatile Cache cache = new Cache(WorkerPool.defaultThreads());

    /** Creates a layer using all cores. */
    protected AbstractLayer() {}

    @Override
    public int threads() {
        return cache.threads;
    }

    @Override
    public Layer threads(int threads) {
        Checks.positive("threads", threads);
        if (threads != cache.threads) {
            cache = new Cache(threads); // plans are per thread count: start over
        }
        return this;
    }

    @Override
    public void forward(Tensor input, Tensor output) {
        if (input == null) {
            throw new IllegalArgumentException("input is null");
        }
        if (output == null) {
            throw new IllegalArgumentException("output is null");
        }
        Cache c = cache;
        PlanPool pool = c.pools.get(input.shape());
        if (pool == null) {
            pool = c.pools.computeIfAbsent(input.shape(), s -> new PlanPool(s, outputShape(s)));
        }
        if (!output.shape().equals(pool.outputShape)) {
            throw new IllegalArgumentException("output shape " + output.shape() + ": must be "
                    + pool.outputShape + " for input shape " + input.shape() + " (" + this + ")");
        }
        if (output.data() == input.data()) {
            throw new IllegalArgumentException("output shares the input's array: layers do not run in place");
        }
        LayerPlan plan = pool.take();
        if (plan == null) {
            plan = plan(input.shape(), c.threads);
        }
        try {
            plan.run(input.data(), input.offset(), output.data(), output.offset());
        } finally {
            pool.give(plan);
        }
    }

    /**
     * Describes the plan {@link #forward} would use for an input shape (plans it if needed).
     *
     * @param input an input shape
     * @return the plan's {@link LayerPlan#describe()}
     */
    public String describe(Shape input) {
        if (input == null) {
            throw new IllegalArgumentException("input is null");
        }
        Cache c = cache;
        PlanPool pool = c.pools.computeIfAbsent(input, s -> new PlanPool(s, outputShape(s)));
        LayerPlan plan = pool.take();
        if (plan == null) {
            plan = plan(input, c.threads);
        }
        try {
            return plan.describe();
        } finally {
            pool.give(plan);
        }
    }

    private static final class Cache {
        final int threads;
        final ConcurrentHashMap<Shape, PlanPool> pools = new ConcurrentHashMap<>();

        Cache(int threads) {
            this.threads = threads;
        }
    }

    private static final class PlanPool {
        final Shape outputShape;
        private final ArrayDeque<LayerPlan> idle = new ArrayDeque<>();

        PlanPool(Shape input, Shape outputShape) {
            this.outputShape = outputShape;
        }

        synchronized LayerPlan take() {
            return idle.pollFirst();
        }

        synchronized void give(LayerPlan plan) {
            idle.addFirst(plan);
        }
    }
}
