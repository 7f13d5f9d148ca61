package io.github.simdconv.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report generator on a small hand-made JMH JSON fixture (jmh-fixture.json), whose numbers
 * are chosen so every derived figure is a round number checked here by hand.
 */
class ReportTest {
    private static String fixture;
    private static List<JmhResult> results;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = ReportTest.class.getResourceAsStream("jmh-fixture.json")) {
            fixture = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        results = JmhResult.parse(fixture);
    }

    private static JmhResult find(String cls, String key, String value, int threads) {
        return results.stream().filter(r -> r.className().equals(cls) && value.equals(r.param(key))
                && r.threads() == threads).findFirst().orElseThrow();
    }

    @Test
    void jsonReaderHandlesTheGrammar() {
        Object v = Json.parse(" {\"a\": [1, -2.5e1, true, false, null, \"x\\\"\\u00e9\\n\"], \"b\": {}, \"c\": []} ");
        Map<?, ?> m = (Map<?, ?>) v;
        List<?> a = (List<?>) m.get("a");
        assertEquals(1.0, a.get(0));
        assertEquals(-25.0, a.get(1));
        assertEquals(Boolean.TRUE, a.get(2));
        assertEquals(Boolean.FALSE, a.get(3));
        assertNull(a.get(4));
        assertEquals("x\"\u00e9\n", a.get(5));
        assertEquals(Map.of(), m.get("b"));
        assertEquals(List.of(), m.get("c"));
        assertTrue(Double.isNaN(Json.number("NaN")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse("[1, 2"));
        assertTrue(e.getMessage().contains("offset"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\": 1} x"));
    }

    @Test
    void readsEveryEntryAndConvertsUnits() {
        assertEquals(18, results.size());
        JmhResult ort = find("OrtConvBenchmark", "threads", "1", 1);
        assertEquals("us/op", ort.unit());
        assertEquals(0.005, ort.secondsPerOp(), 1e-15);
        assertTrue(Double.isNaN(ort.error()), "JMH writes \"NaN\" for an unknown error");
        JmhResult peak = find("FmaPeakBenchmark", "threads", "1", 1);
        assertEquals("thrpt", peak.mode());
        assertEquals(1e-9, peak.secondsPerOp(), 1e-21);
        assertEquals("fma", peak.method());
        assertEquals(2e9, JmhResult.perSecond(2, "ops/ns"), 1);
        JmhResult scaling = find("ThreadScalingBenchmark", "layer", "resnet_3x3_28_b8", 1);
        assertEquals(2800.0, scaling.secondary().get("oneThreadMs").score(), 0);
    }

    @Test
    void derivedFiguresAreRight() {
        Report r = new Report(results, "fixture");
        // FMA peak from the @AuxCounters-style "flops" rate, ops/s and ops/ms
        assertEquals(Map.of(1, 64.0, 2, 128.0), r.peakByThreads());
        // bandwidth: copy of 256 MiB = 2 streams * 2^28 bytes in 26.8435456 ms = 20 GB/s (copy beats triad's 13.4)
        assertEquals(20.0, r.bandwidthByThreads().get(1), 1e-9);
        // resnet_3x3_28: 231211008 FLOP in 4 ms
        JmhResult wino = find("ConvBenchmark", "algorithm", "winograd4", 1);
        assertEquals(57.802752, r.gflops(wino), 1e-9);
        assertEquals("winograd4", r.best(conv(), "resnet_3x3_28", 1).param("algorithm"));
        // pooling: 64*112*112 floats read in 321.1264 us = 10 GB/s
        assertEquals(10.0, r.gbps(find("PoolBenchmark", "algorithm", "vector", 1)), 1e-9);
        // SGEMM from a square size and from m, n, k
        assertEquals(50.0, r.gflops(find("SgemmBenchmark", "size", "512", 1)), 1e-9);
        assertEquals(57.802752, r.gflops(find("SgemmBenchmark", "m", "64", 2)), 1e-9);
        assertEquals(128.0, r.peakAt(2));
        assertEquals(192.0, new Report(results.stream().filter(x -> x.threads() == 1).toList(), "f").peakAt(3));
    }

    private static List<JmhResult> conv() {
        return results.stream().filter(x -> x.className().endsWith("ConvBenchmark")).toList();
    }

    @Test
    void readmeHasTheSummaryAndDetailRows(@TempDir Path dir) throws IOException {
        Path json = dir.resolve("jmh-results.json");
        Files.writeString(json, fixture);
        Report.write(json, dir);
        String md = Files.readString(dir.resolve("README.md"));
        // best per shape: winograd4, 4 ms, 57.8 GFLOP/s, 90% of 64, ORT 5 ms, ratio 0.80
        assertTrue(md.contains("| resnet_3x3_28 | 1 | winograd4 | 4.00 | 57.8 | 90% | 5.00 | 0.800 |"), md);
        // 2 threads: im2col 2.5 ms = 92.5 GFLOP/s, 72% of the measured 128, ORT 2 ms
        assertTrue(md.contains("| resnet_3x3_28 | 2 | im2col | 2.50 | 92.5 | 72% | 2.00 | 1.25 |"), md);
        // a shape without ORT still gets its row
        assertTrue(md.contains("| resnet_1x1_56 | 1 | im2col | 2.00 |"), md);
        // detail: the reference, slowest, listed with its ratio
        assertTrue(md.contains("| reference | 1 | 2312 | 40.0 | 0.100 | 0.2% | 462 |"), md);
        assertTrue(md.contains("| **winograd4** | 1 |"), md);
        // pooling: 321 us, 10 GB/s, 50% of 20 GB/s, half of ORT's time
        assertTrue(md.contains("| **vector** | 1 | 321 | 3.00 | 10.0 | 50% | 0.500 |"), md);
        assertTrue(md.contains("| 1 | 64.0 | 20.0 |"), md);
        assertTrue(md.contains("| SgemmBenchmark.sgemm | size=512 | 1 | 5.37 | 50.0 | 78% |"), md);
        assertTrue(md.contains("| SomethingElseBenchmark.run | x=1 | 3.50 ns/op |"), md);
        // interleaved scaling: 2800 ms over 700 one-thread calls, 1400 ms over 1400 two-thread calls = 4 and 1 ms, 4x;
        // one half alone 1400 ms over 2800 calls = 0.5 ms; halves together 1400 ms over 1750 calls = 0.8 ms, so the
        // bound is 5x and the plan took 80% of it; not an "other" row
        assertTrue(md.contains("| resnet_3x3_28_b8 | auto | 4.00 | 1.00 | 4.00 | 0.500 | 0.800 | 5.00 | 80% |"), md);
        // an odd batch has no halves turns: no bound, a dash
        assertTrue(md.contains("| vgg_3x3_224 | auto | 4.00 | 1.00 | 4.00 |  |  |  | — |"), md);
        assertFalse(md.contains("ThreadScalingBenchmark.alternate"), md);
        assertTrue(md.contains("![conv-1t.png](charts/conv-1t.png)"), md);
    }

    @Test
    void chartsArePngsOfTheExpectedSeries(@TempDir Path dir) throws IOException {
        Report r = new Report(results, "fixture");
        Files.writeString(dir.resolve("stale.png"), "from an earlier run");
        List<String> charts = r.writeCharts(dir);
        assertFalse(Files.exists(dir.resolve("stale.png")));
        assertEquals(List.of("conv-1t.png", "conv-2t.png", "conv-vs-onnxruntime.png", "pooling.png", "sgemm.png"),
                charts);
        for (String c : charts) {
            BufferedImage img = ImageIO.read(dir.resolve(c).toFile());
            assertTrue(img != null && img.getWidth() >= 900 && img.getHeight() == 560, c);
        }
    }

    @Test
    void formatsWithThreeSignificantDigits() {
        assertEquals("2312", Report.fmt(2312.11));
        assertEquals("57.8", Report.fmt(57.802752));
        assertEquals("4.00", Report.fmt(4));
        assertEquals("0.100", Report.fmt(0.1));
        assertEquals("1.00e-04", Report.fmt(1e-4));
        assertEquals("", Report.fmt(Double.NaN));
    }

    @Test
    void sgemmShapeParameterIsASquareSizeOrAConvLayersGemm() {
        Report r = new Report(List.of(), "none");
        JmhResult square = new JmhResult("io.github.simdconv.bench.SgemmBenchmark.multiply", "avgt", 1,
                Map.of("shape", "256", "threads", "1"), 1000, 1, "us/op", Map.of());
        // 2 * 256^3 FLOP in 1 ms
        assertEquals(2 * Math.pow(256, 3) / 1e-3 / 1e9, r.gflops(square), 1e-9);
        JmhResult layer = new JmhResult("io.github.simdconv.bench.SgemmBenchmark.multiply", "avgt", 1,
                Map.of("shape", "mobilenet_dw_3x3_112", "threads", "1"), 1000, 1, "us/op", Map.of());
        // depthwise: per group m = 1, n = 112*112, k = 9
        assertEquals(2.0 * 112 * 112 * 9 / 1e-3 / 1e9, r.gflops(layer), 1e-12);
    }
}
