package io.github.simdconv.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.simdconv.conv.ConvAlgorithm;
import io.github.simdconv.conv.ConvAlgorithms;
import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The suite's plan, on the benchmark list the annotation processor compiled into the test classes. */
class BenchSuiteTest {

    @Test
    void everyDefaultShapeGetsEverySupportingAlgorithmAndOnnxRuntime() throws IOException {
        List<BenchSuite.Part> parts = BenchSuite.plan("default", BenchSuite.benchmarkList());
        for (String shape : BenchSuite.DEFAULT_CONV_SHAPES) {
            List<BenchSuite.Part> forShape = parts.stream()
                    .filter(p -> p.params().getOrDefault("shape", List.of()).equals(List.of(shape))).toList();
            assertTrue(forShape.stream().anyMatch(p -> p.params().get("algorithm").equals(List.of(Report.ORT))
                    && p.params().get("threads").equals(List.of("1", "2"))), shape + ": " + forShape);
            boolean small = BenchShapes.conv(shape).flops() < BenchSuite.REFERENCE_MAX_FLOPS;
            assertEquals(small, forShape.stream().anyMatch(p -> p.params().get("algorithm").equals(List.of("reference"))
                    && p.params().get("threads").equals(List.of("1"))), shape);
            for (ConvAlgorithm a : ConvAlgorithms.all()) {
                if (!a.name().equals("reference") && a.supports(BenchShapes.conv(shape)).supported()) {
                    assertTrue(forShape.stream().anyMatch(p -> p.params().get("algorithm").contains(a.name())),
                            a.name() + " on " + shape);
                }
            }
        }
    }

    @Test
    void includesAreAnchoredOnOneClass() throws IOException {
        for (BenchSuite.Part p : BenchSuite.plan("quick", BenchSuite.benchmarkList())) {
            Pattern include = Pattern.compile(p.include());
            boolean conv = include.matcher("io.github.simdconv.bench.ConvBenchmark.forward").find();
            boolean ort = include.matcher("io.github.simdconv.bench.OrtConvBenchmark.forward").find();
            assertFalse(conv && ort, p.include());
        }
    }

    @Test
    void fullModeCoversEveryConvShapeButKeepsTheReferenceToSmallOnes() throws IOException {
        List<BenchSuite.Part> parts = BenchSuite.plan("full", BenchSuite.benchmarkList());
        long convShapes = BenchShapes.all().stream().filter(r -> r.op().equals("conv")).count();
        assertEquals(convShapes, parts.stream().filter(p -> p.label().startsWith("OrtConvBenchmark")).count());
        assertTrue(parts.stream().noneMatch(p -> p.params().getOrDefault("algorithm", List.of()).contains("reference")
                && p.params().get("shape").equals(List.of("vgg_3x3_224"))));
    }

    @Test
    void defaultModeNarrowsLongParameterLists() {
        List<String> sgemm = List.of("64", "128", "256", "512", "1024", "resnet_3x3_28", "resnet_3x3_14",
                "resnet_1x1_56", "vgg_3x3_224");
        assertEquals(List.of("512", "resnet_3x3_28", "resnet_1x1_56"),
                BenchSuite.narrow(sgemm, BenchSuite.DEFAULT_CONV_SHAPES));
        assertEquals(List.of("a", "c", "e"), BenchSuite.narrow(List.of("a", "b", "c", "d", "e"), List.of()));
    }
}
