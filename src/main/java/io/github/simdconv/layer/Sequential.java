package io.github.simdconv.layer;

import io.github.simdconv.conv.Border;
import java.util.ArrayList;
import java.util.List;

/**
 * Layers run one after another (PyTorch {@code nn.Sequential}). Its plan holds one plan per
 * layer and two intermediate buffers that the layers write in turn, sized once per input shape:
 * after the first call on a shape, a forward pass allocates nothing. The layers run with this
 * Sequential's thread count; its output equals calling the layers one by one, bitwise.
 *
 * <p>When a layer can write its output in the zero-bordered layout the next layer reads in place
 * ({@link LayerPlan#writesBorder()} and {@link LayerPlan#inputBorder()}, e.g. two
 * {@code direct} convolutions: see {@link Border}), the intermediate tensor stays in that layout
 * and the reader skips its padding copy. The arithmetic is the same, so the output is too.
 */
public final class Sequential extends AbstractLayer {
    /**
     * System property: {@code false} turns off bordered links between layers (every layer then
     * reads and writes plain NCHW), for measuring what they save. Read at plan time.
     */
    public static final String BORDERS_PROPERTY = "simdconv.sequential.borders";

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
        Shape s = input;
        for (int i = 0; i < n; i++) {
            plans[i] = layers.get(i).plan(s, threads);
            s = plans[i].outputShape();
        }
        // link i carries layer i's output to layer i + 1: in the reader's bordered layout when the
        // writer can produce it (a dedicated buffer, zeroed once, whose border no one writes), else
        // plain NCHW in one of two shared buffers (link i uses buffer i % 2, so a layer never
        // reads and writes the same array)
        boolean chain = Boolean.parseBoolean(System.getProperty(BORDERS_PROPERTY, "true"));
        Border[] borders = new Border[Math.max(0, n - 1)];
        float[][] bufs = new float[Math.max(0, n - 1)][];
        int[] plainSize = new int[2];
        for (int i = 0; i < n - 1; i++) {
            Border b = plans[i + 1].inputBorder();
            borders[i] = chain && !b.isNone() && plans[i].writesBorder() ? b : Border.NONE;
            if (borders[i].isNone()) {
                plainSize[i & 1] = Math.max(plainSize[i & 1], plans[i].outputShape().size());
            }
        }
        float[][] plain = {new float[plainSize[0]], new float[plainSize[1]]};
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (i < n - 1) {
                Shape o = plans[i].outputShape();
                bufs[i] = borders[i].isNone() ? plain[i & 1]
                        : new float[Math.toIntExact(borders[i].size(o.batch() * o.channels(), o.height(), o.width()))];
            }
            parts.add((i > 0 && !borders[i - 1].isNone() ? "(bordered input) " : "") + plans[i].describe());
        }
        String description = "Sequential" + parts;
        Border firstIn = plans[0].inputBorder();
        boolean lastWrites = plans[n - 1].writesBorder();
        return new BasePlan(input, s) {
            @Override
            public void run(float[] in, int inOff, float[] out, int outOff) {
                check(in, inOff, out, outOff);
                forward(in, inOff, Border.NONE, out, outOff, Border.NONE);
            }

            @Override
            public Border inputBorder() {
                return firstIn;
            }

            @Override
            public boolean writesBorder() {
                return lastWrites;
            }

            @Override
            public void run(float[] in, int inOff, Border inBorder, float[] out, int outOff, Border outBorder) {
                if (inBorder != null && !inBorder.isNone() && !inBorder.equals(firstIn)) {
                    throw new IllegalArgumentException("inBorder = " + inBorder + ": " + plans[0].describe()
                            + " reads Border.NONE" + (firstIn.isNone() ? "" : " or " + firstIn));
                }
                if (outBorder != null && !outBorder.isNone() && !lastWrites) {
                    throw new IllegalArgumentException("outBorder = " + outBorder + ": " + plans[n - 1].describe()
                            + " writes plain NCHW only (Border.NONE)");
                }
                check(in, inOff, inBorder, out, outOff, outBorder);
                forward(in, inOff, inBorder, out, outOff, outBorder);
            }

            private void forward(float[] in, int inOff, Border inBorder, float[] out, int outOff, Border outBorder) {
                float[] src = in;
                int srcOff = inOff;
                Border srcBorder = inBorder;
                for (int i = 0; i < n - 1; i++) {
                    plans[i].run(src, srcOff, srcBorder, bufs[i], 0, borders[i]);
                    src = bufs[i];
                    srcOff = 0;
                    srcBorder = borders[i];
                }
                plans[n - 1].run(src, srcOff, srcBorder, out, outOff, outBorder);
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
