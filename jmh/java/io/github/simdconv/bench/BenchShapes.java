package io.github.simdconv.bench;

import io.github.simdconv.spec.Activation;
import io.github.simdconv.spec.ConvSpec;
import io.github.simdconv.spec.PoolKind;
import io.github.simdconv.spec.PoolSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The canonical benchmark layer shapes (bench-shapes.csv, copied into the repository so the
 * project builds without anything outside it): NCHW float32, OIHW weights, symmetric padding.
 * Convolutions carry a bias and no activation (what ONNX Runtime's Conv node computes).
 */
public final class BenchShapes {
    private BenchShapes() {}

    /**
     * One row of the CSV.
     *
     * @param op conv, maxpool, avgpool or global_avgpool
     * @param name the shape's name
     * @param batch N
     * @param inChannels C
     * @param outChannels K
     * @param height H
     * @param width W
     * @param kernelH R
     * @param kernelW S
     * @param stride stride
     * @param pad padding on every side
     * @param dilation dilation
     * @param groups groups
     * @param source where the layer comes from
     */
    public record Row(String op, String name, int batch, int inChannels, int outChannels, int height, int width,
            int kernelH, int kernelW, int stride, int pad, int dilation, int groups, String source) {

        /** @return the convolution spec of a conv row */
        public ConvSpec conv() {
            return ConvSpec.builder().batch(batch).inChannels(inChannels).outChannels(outChannels)
                    .input(height, width).kernel(kernelH, kernelW).stride(stride).padding(pad)
                    .dilation(dilation).groups(groups).bias(true).activation(Activation.NONE).build();
        }

        /** @return the pooling spec of a pooling row */
        public PoolSpec pool() {
            return switch (op) {
                case "maxpool" -> PoolSpec.builder(PoolKind.MAX).batch(batch).channels(inChannels).input(height, width)
                        .kernel(kernelH, kernelW).stride(stride).padding(pad).dilation(dilation).build();
                case "avgpool" -> PoolSpec.builder(PoolKind.AVG).batch(batch).channels(inChannels).input(height, width)
                        .kernel(kernelH, kernelW).stride(stride).padding(pad).build();
                case "global_avgpool" -> PoolSpec.global(PoolKind.AVG, batch, inChannels, height, width);
                case "global_maxpool" -> PoolSpec.global(PoolKind.MAX, batch, inChannels, height, width);
                default -> throw new IllegalArgumentException("op = " + op + ": not a pooling");
            };
        }
    }

    private static final Map<String, Row> ROWS = load();

    private static Map<String, Row> load() {
        Map<String, Row> rows = new LinkedHashMap<>();
        try (InputStream in = BenchShapes.class.getResourceAsStream("bench-shapes.csv")) {
            if (in == null) {
                throw new IllegalStateException("bench-shapes.csv not on the classpath");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(",", 14);
                Row row = new Row(f[0], f[1], i(f[2]), i(f[3]), i(f[4]), i(f[5]), i(f[6]), i(f[7]), i(f[8]),
                        i(f[9]), i(f[10]), i(f[11]), i(f[12]), f[13]);
                rows.put(row.name(), row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    private static int i(String s) {
        return Integer.parseInt(s.trim());
    }

    /** @return every row in file order */
    public static List<Row> all() {
        return new ArrayList<>(ROWS.values());
    }

    /**
     * @param name a shape name
     * @return its row
     */
    public static Row row(String name) {
        Row r = ROWS.get(name);
        if (r == null) {
            throw new IllegalArgumentException("shape = " + name + ": must be one of " + ROWS.keySet());
        }
        return r;
    }

    /**
     * @param name a conv shape name
     * @return its spec
     */
    public static ConvSpec conv(String name) {
        return row(name).conv();
    }

    /**
     * @param name a pooling shape name
     * @return its spec
     */
    public static PoolSpec pool(String name) {
        return row(name).pool();
    }
}
