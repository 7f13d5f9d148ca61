package io.github.simdconv.layer;

import java.util.ArrayList;
import java.util.List;

/**
 * Layers run one after another (PyTorch {@code nn.Sequential}). Its plan holds one plan per
 * layer and two intermediate buffers that the layers write in turn, sized once per input shape:
 * after the first call on a shape, a forward pass allocates nothing. The layers run with this
 * Sequential's thread count; its output equals calling the layers one by one, bitwise.
 */
public final class Sequential extends AbstractLayer {
    private final List<Layer> layers;

    /**
     * Chains the layers: each one's output is the next one's input.
     * @param layers the layers, at least one, none null
     */
    public Sequential(Layer... layers) {
        this(layers == null ? null : List.of(checkElements(layers)));
    }

    /**
     * Chains the layers: each one's output is the next one's input.
     * @param layers the layers, at least one, none null
     */
    public Sequential(List<? extends Layer> layers) {
        if (layers == null || layers.isEmpty()) {
            throw new IllegalArgumentException("layers = " + (layers == null ? "null" : "[]") + ": at least one layer is required");
        }
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i) == null) {
                throw new IllegalArgumentException("layers[" + i + "] is null");
            }
        }
        this.layers = List.copyOf(layers);
    }

    private static Layer[] checkElements(Layer[] layers) {
        for (int i = 0; i < layers.length; i++) {
            if (layers[i] == null) {
                throw new IllegalArgumentException("layers[" + i + "] is null");
            }
        }
        return layers;
    }

    /** {@return the layers, in order (unmodifiable)} */
    public List<Layer> layers() {
        return layers;
    }

    @Override
    public Shape outputShape(Shape input) {
        if (input == null) {
            throw new IllegalArgumentException("input shape is null");
        }
        Shape s = input;
        for (int i = 0; i < layers.size(); i++) {
            try {
                s = layers.get(i).outputShape(s);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Sequential layer " + i + " (" + layers.get(i) + "): " + e.getMessage(), e);
            }
        }
        return s;
    }

    @Override
    public LayerPlan plan(Shape input, int threads) {
        outputShape(input);
        int n = layers.size();
        LayerPlan[] plans = new LayerPlan[n];
        int[] bufSize = new int[2];
        Shape s = input;
        for (int i = 0; i < n; i++) {
            plans[i] = layers.get(i).plan(s, threads);
            s = plans[i].outputShape();
            if (i < n - 1) {
                bufSize[i & 1] = Math.max(bufSize[i & 1], s.size());
            }
        }
        // layer i (but the last) writes buffer i % 2 and reads buffer (i - 1) % 2: never the same array
        float[][] bufs = {new float[bufSize[0]], new float[bufSize[1]]};
        List<String> parts = new ArrayList<>();
        for (LayerPlan p : plans) {
            parts.add(p.describe());
        }
        String description = "Sequential" + parts;
        return new BasePlan(input, s) {
            @Override
            public void run(float[] in, int inOff, float[] out, int outOff) {
                check(in, inOff, out, outOff);
                float[] src = in;
                int srcOff = inOff;
                for (int i = 0; i < n - 1; i++) {
                    float[] dst = bufs[i & 1];
                    plans[i].run(src, srcOff, dst, 0);
                    src = dst;
                    srcOff = 0;
                }
                plans[n - 1].run(src, srcOff, out, outOff);
            }

            @Override
            public String describe() {
                return description;
            }
        };
    }

    @Override
    public String toString() {
        return "Sequential" + layers;
    }
}
