package io.github.simdconv.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.onnxruntime.OrtException;
import io.github.simdconv.reference.ReferenceConv;
import io.github.simdconv.reference.ReferencePool;
import io.github.simdconv.spec.Activation;
import io.github.simdconv.spec.ConvSpec;
import io.github.simdconv.spec.PoolKind;
import io.github.simdconv.spec.PoolSpec;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The hand-rolled protobuf writer, and ONNX Runtime running the models built from it. */
class OnnxModelTest {

    private static String hex(ProtoWriter w) {
        return HexFormat.of().formatHex(w.toByteArray());
    }

    @Test
    void varintsMatchTheProtobufEncodingGuide() {
        // protobuf.dev encoding guide: field 1 = 150 is 08 96 01
        assertEquals("089601", hex(new ProtoWriter().int64(1, 150)));
        assertEquals("1000", hex(new ProtoWriter().int64(2, 0)));
        // -1 as int64: ten bytes, all groups set
        assertEquals("08ffffffffffffffffff01", hex(new ProtoWriter().int64(1, -1)));
        // field 20 needs a two-byte key: (20 << 3 | 0) = 160 = a0 01
        assertEquals("a00107", hex(new ProtoWriter().int64(20, 7)));
    }

    @Test
    void lengthDelimitedAndFixed32Fields() {
        // "testing" in field 2: 12 07 74 65 73 74 69 6e 67 (encoding guide)
        assertEquals("120774657374696e67", hex(new ProtoWriter().string(2, "testing")));
        // 1.0f = 0x3f800000, little-endian, wire type 5
        assertEquals("0d0000803f", hex(new ProtoWriter().float32(1, 1.0f)));
        // nested: field 3 holding {field 1 = 150}
        assertEquals("1a03089601", hex(new ProtoWriter().message(3, new ProtoWriter().int64(1, 150))));
        assertEquals("08010802", hex(new ProtoWriter().repeatedInt64(1, 1, 2)));
    }

    private static float[] runConv(ConvSpec spec, float[] x, float[] w, float[] b, int threads) throws OrtException {
        try (OrtRunner ort = new OrtRunner(OnnxModel.conv(spec, w, b),
                new long[] {spec.batch(), spec.inChannels(), spec.inHeight(), spec.inWidth()},
                new long[] {spec.batch(), spec.outChannels(), spec.outHeight(), spec.outWidth()}, threads)) {
            ort.setInput(x);
            ort.run();
            return ort.output();
        }
    }

    private static float[] runPool(PoolSpec spec, float[] x) throws OrtException {
        try (OrtRunner ort = new OrtRunner(OnnxModel.pool(spec),
                new long[] {spec.batch(), spec.channels(), spec.inHeight(), spec.inWidth()},
                new long[] {spec.batch(), spec.channels(), spec.outHeight(), spec.outWidth()}, 1)) {
            ort.setInput(x);
            ort.run();
            return ort.output();
        }
    }

    @Test
    void onnxRuntimeComputesAKnownConvolution() throws OrtException {
        // 3x3 image 1..9, 2x2 kernel of ones, bias 0.5: each output is a 2x2 window sum + 0.5
        ConvSpec spec = ConvSpec.builder().input(3, 3).kernel(2).bias(true).build();
        float[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        float[] out = runConv(spec, x, new float[] {1, 1, 1, 1}, new float[] {0.5f}, 1);
        assertArrayEquals(new float[] {12.5f, 16.5f, 24.5f, 28.5f}, out);
    }

    @Test
    void everyConvAttributeReachesOnnxRuntime() throws OrtException {
        // asymmetric padding, stride, dilation, groups, batch, ReLU; small integers make every sum exact
        ConvSpec spec = ConvSpec.builder().batch(2).inChannels(4).outChannels(6).input(9, 8).kernel(3, 2)
                .stride(2, 1).padding(1, 2, 0, 1).dilation(1, 2).groups(2).bias(true)
                .activation(Activation.RELU).build();
        SplittableRandom r = new SplittableRandom(7);
        float[] x = ints(r, spec.inputSize());
        float[] w = ints(r, spec.weightSize());
        float[] b = ints(r, spec.outChannels());
        float[] expected = ReferenceConv.conv2d(spec, x, w, b);
        assertArrayEquals(expected, runConv(spec, x, w, b, 1));
        assertArrayEquals(expected, runConv(spec, x, w, b, 2));
    }

    @Test
    void convWithoutBias() throws OrtException {
        ConvSpec spec = ConvSpec.builder().inChannels(3).outChannels(2).input(5, 5).kernel(3).padding(1).build();
        SplittableRandom r = new SplittableRandom(8);
        float[] x = ints(r, spec.inputSize());
        float[] w = ints(r, spec.weightSize());
        assertArrayEquals(ReferenceConv.conv2d(spec, x, w, null), runConv(spec, x, w, null, 1));
    }

    @Test
    void poolingNodesMatchTheReference() throws OrtException {
        SplittableRandom r = new SplittableRandom(9);
        PoolSpec max = PoolSpec.builder(PoolKind.MAX).batch(2).channels(3).input(11, 10).kernel(3).stride(2)
                .padding(1, 0, 1, 1).dilation(1, 2).build();
        PoolSpec avg = PoolSpec.builder(PoolKind.AVG).channels(3).input(8, 9).kernel(2, 3).stride(2)
                .padding(1).countIncludePad(false).build();
        PoolSpec avgPad = avg.toBuilder().countIncludePad(true).build();
        PoolSpec global = PoolSpec.global(PoolKind.AVG, 2, 5, 7, 7);
        PoolSpec globalMax = PoolSpec.global(PoolKind.MAX, 1, 3, 4, 6);
        for (PoolSpec s : new PoolSpec[] {max, avg, avgPad, global, globalMax}) {
            // quarter-integers: sums exact, averages one rounding apart at most
            float[] x = new float[s.inputSize()];
            for (int i = 0; i < x.length; i++) {
                x[i] = r.nextInt(-40, 41) / 4f;
            }
            OrtPoolBenchmark.check(s, x, runPool(s, x), s.toString());
        }
    }

    @Test
    void knownMaxPool() throws OrtException {
        PoolSpec spec = PoolSpec.builder(PoolKind.MAX).input(4, 4).kernel(2).build();
        float[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, -16};
        assertArrayEquals(new float[] {6, 8, 14, 15}, runPool(spec, x));
        assertArrayEquals(ReferencePool.pool(spec, x), runPool(spec, x));
    }

    private static float[] ints(SplittableRandom r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = r.nextInt(-3, 4);
        }
        return a;
    }
}
