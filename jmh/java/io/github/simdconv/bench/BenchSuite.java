package io.github.simdconv.bench;

import io.github.simdconv.conv.ConvAlgorithm;
import io.github.simdconv.conv.ConvAlgorithms;
import io.github.simdconv.pool.PoolAlgorithm;
import io.github.simdconv.pool.PoolAlgorithms;
import io.github.simdconv.spec.ConvSpec;
import io.github.simdconv.spec.PoolSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The main job: runs the benchmark suite with JMH's Runner and writes results/ (the JMH JSON,
 * machine.md, the generated README.md and charts). Everything it runs comes from the registries
 * and the compiled benchmark list, so an algorithm or benchmark class that exists is measured:
 * <ul>
 * <li>the machine's limits: every {@code *FmaPeak*} and {@code *MemoryBandwidth*} benchmark;</li>
 * <li>convolution: for each selected shape of bench-shapes.csv, every algorithm of
 *     {@link ConvAlgorithms#all()} that supports it at threads 1 and 2 ({@code ConvBenchmark}), the
 *     naive reference at 1 thread where the shape has under 0.5 GFLOP, and ONNX Runtime
 *     ({@code OrtConvBenchmark}) at 1 and 2 threads;</li>
 * <li>pooling: every pooling shape with every algorithm of {@link PoolAlgorithms#all()}
 *     ({@code PoolBenchmark}, the reference at 1 thread) and ONNX Runtime ({@code OrtPoolBenchmark});</li>
 * <li>SGEMM: every {@code *SgemmBenchmark*} with its own parameters (threads 1 and 2; in the
 *     default mode at most three values of any other parameter);</li>
 * <li>in the full mode, every other benchmark class with its own parameters.</li>
 * </ul>
 *
 * <p>Modes, from the system property {@code suite}:
 * <ul>
 * <li>{@code default}: {@link #DEFAULT_CONV_SHAPES}, 1 fork, 2 x 1 s warmup, 3 x 1 s measurement
 *     (about 10 minutes on a 2-core machine);</li>
 * <li>{@code full}: every conv shape, 1 fork, 3 x 1 s warmup, 5 x 1 s measurement;</li>
 * <li>{@code quick}: two conv shapes, one pooling shape, 1 x 0.5 s warmup, 2 x 0.5 s measurement:
 *     checks the whole pipeline in a few minutes (numbers are rough);</li>
 * <li>{@code report}: no benchmarks, regenerates README.md and charts from the existing JSON;</li>
 * <li>{@code plan}, {@code plan-full}, {@code plan-quick}: lists the runs of a mode and its
 *     estimated duration without running anything.</li>
 * </ul>
 * {@code -Dsuite.shapes=a,b,c} replaces the mode's conv shapes with these rows of bench-shapes.csv.
 * Output goes to the directory in {@code suite.out} (default {@code results}). Given command-line
 * arguments, the class hands them to JMH's own {@code org.openjdk.jmh.Main} instead, so raw JMH
 * use ({@code -Dbench.args="ConvBenchmark -p ..."}) keeps working.
 */
public final class BenchSuite {
    private BenchSuite() {}

    /**
     * Conv shapes of the default mode: a 3x3 (Winograd's case), a 1x1, a depthwise and a strided
     * 7x7 stem with 3 input channels; the full mode runs every conv row of bench-shapes.csv.
     */
    public static final List<String> DEFAULT_CONV_SHAPES = List.of(
            "resnet_3x3_28", "resnet_1x1_56", "mobilenet_dw_3x3_112", "resnet_conv1_7x7_224");

    private static final List<String> QUICK_CONV_SHAPES = List.of("resnet_3x3_28", "mobilenet_dw_3x3_112");

    /** The naive reference runs only on shapes below this many FLOPs (it reaches about 1 GFLOP/s). */
    public static final double REFERENCE_MAX_FLOPS = 0.5e9;

    /** Thread counts measured. */
    public static final List<Integer> THREADS = List.of(1, 2);

    /** JSON file name inside the output directory. */
    public static final String JSON = "jmh-results.json";

    /**
     * One JMH run of the suite.
     *
     * @param label what it measures, for the progress line
     * @param include the benchmark regex
     * @param params parameter overrides
     * @param configs parameter combinations it will run (for the estimate)
     */
    record Part(String label, String include, Map<String, List<String>> params, int configs) {}

    /** Iteration settings of a mode. */
    private record Mode(String name, int warmups, int iterations, TimeValue time) {
        double secondsPerConfig() {
            // fork start-up, setup (plan, reference check) and tear-down come on top of the iterations:
            // about 4 s per configuration measured on the 2-core machine under load
            return (warmups + iterations) * time.convertTo(java.util.concurrent.TimeUnit.MILLISECONDS) / 1000.0 + 4.0;
        }

        @Override
        public String toString() {
            return name + ": 1 fork, " + warmups + " x " + time + " warmup, " + iterations + " x " + time
                    + " measurement, threads " + THREADS;
        }
    }

    /**
     * Runs the suite, or JMH itself when given arguments.
     *
     * @param args none for the suite; anything else goes to {@code org.openjdk.jmh.Main}
     * @throws Exception if JMH or the report fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length > 0) {
            org.openjdk.jmh.Main.main(args);
            return;
        }
        String modeName = System.getProperty("suite", "default").trim().toLowerCase(Locale.ROOT);
        boolean dryRun = modeName.startsWith("plan");
        if (dryRun) {
            // "plan" or "plan-full" / "plan-quick": list the JMH runs of that mode without running them
            modeName = modeName.contains("-") ? modeName.substring(modeName.indexOf('-') + 1) : "default";
        }
        Path out = Path.of(System.getProperty("suite.out", "results"));
        Mode mode = switch (modeName) {
            case "default", "" -> new Mode("default", 2, 3, TimeValue.seconds(1));
            case "full" -> new Mode("full", 3, 5, TimeValue.seconds(1));
            case "quick" -> new Mode("quick", 1, 2, TimeValue.milliseconds(500));
            case "report" -> null;
            default -> throw new IllegalArgumentException("suite = " + modeName
                    + ": must be default, full, quick or report");
        };
        if (mode == null) {
            Report.write(out.resolve(JSON), out);
            return;
        }
        List<Part> parts = plan(modeName, benchmarkList());
        int configs = parts.stream().mapToInt(Part::configs).sum();
        System.out.printf(Locale.ROOT, "[suite] %s: %d JMH runs, %d benchmark configurations, about %.0f minutes%n",
                mode, parts.size(), configs, configs * mode.secondsPerConfig() / 60);
        if (dryRun) {
            parts.forEach(p -> System.out.println("  " + p.configs() + " x " + p.label()));
            return;
        }
        MachineInfo.write(out.resolve("machine.md"), mode.toString());
        List<RunResult> all = new ArrayList<>();
        long start = System.nanoTime();
        int done = 0;
        for (int i = 0; i < parts.size(); i++) {
            Part p = parts.get(i);
            double elapsed = (System.nanoTime() - start) / 1e9;
            double eta = done == 0 ? configs * mode.secondsPerConfig() : elapsed / done * (configs - done);
            System.out.printf(Locale.ROOT, "%n[suite] part %d/%d, %d/%d configurations done, %s elapsed, ~%s left: %s%n",
                    i + 1, parts.size(), done, configs, clock(elapsed), clock(eta), p.label());
            ChainedOptionsBuilder o = new OptionsBuilder().include(p.include()).forks(1)
                    .warmupIterations(mode.warmups()).warmupTime(mode.time())
                    .measurementIterations(mode.iterations()).measurementTime(mode.time())
                    .shouldFailOnError(false);
            p.params().forEach((k, v) -> o.param(k, v.toArray(String[]::new)));
            try {
                all.addAll(new Runner(o.build()).run());
            } catch (RunnerException e) {
                System.out.println("[suite] part failed, continuing: " + e);
            }
            done += p.configs();
            writeJson(out.resolve(JSON), all);
        }
        System.out.printf(Locale.ROOT, "%n[suite] %d results in %s; writing the report%n",
                all.size(), clock((System.nanoTime() - start) / 1e9));
        Report.write(out.resolve(JSON), out);
    }

    private static String clock(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    private static void writeJson(Path file, List<RunResult> results) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (PrintStream ps = new PrintStream(Files.newOutputStream(file), true, StandardCharsets.UTF_8)) {
            ResultFormatFactory.getInstance(ResultFormatType.JSON, ps).writeOut(results);
        }
    }

    /** @return the compiled benchmark list (META-INF/BenchmarkList, written by JMH's annotation processor) */
    static List<BenchmarkListEntry> benchmarkList() throws IOException {
        try (InputStream in = BenchSuite.class.getResourceAsStream(BenchmarkList.BENCHMARK_LIST)) {
            if (in == null) {
                throw new IllegalStateException(BenchmarkList.BENCHMARK_LIST
                        + " not on the classpath: compile the benchmarks first (mvn test-compile)");
            }
            return BenchmarkList.readBenchmarkList(in);
        }
    }

    /**
     * @param mode default, full or quick
     * @param list the compiled benchmarks
     * @return the JMH runs, in order
     */
    static List<Part> plan(String mode, List<BenchmarkListEntry> list) {
        Map<String, Map<String, String[]>> classes = new LinkedHashMap<>();
        Map<String, Integer> methods = new LinkedHashMap<>();
        for (BenchmarkListEntry e : list) {
            classes.putIfAbsent(e.getUserClassQName(), e.getParams().orElse(Map.of()));
            methods.merge(e.getUserClassQName(), 1, Integer::sum);
        }
        List<Part> parts = new ArrayList<>();
        Set<String> used = new LinkedHashSet<>();
        // 1. the machine's limits, so every later figure has its denominator
        for (String cls : classes.keySet()) {
            String simple = simple(cls);
            if (simple.contains("FmaPeak") || simple.contains("MemoryBandwidth")) {
                parts.add(extraPart(cls, classes.get(cls), methods.get(cls), mode, List.of()));
                used.add(cls);
            }
        }
        // 2. convolution
        String conv = find(classes, "ConvBenchmark");
        String ortConv = find(classes, "OrtConvBenchmark");
        List<String> convShapes = mode.equals("full")
                ? BenchShapes.all().stream().filter(r -> r.op().equals("conv")).map(BenchShapes.Row::name).toList()
                : mode.equals("quick") ? QUICK_CONV_SHAPES : DEFAULT_CONV_SHAPES;
        String chosen = System.getProperty("suite.shapes", "").trim();
        if (!chosen.isEmpty()) {
            // -Dsuite.shapes=a,b,c: these conv shapes instead of the mode's list
            convShapes = java.util.Arrays.stream(chosen.split(",")).map(String::trim).toList();
            convShapes.forEach(BenchShapes::conv); // unknown names fail here, before anything runs
        }
        for (String shape : convShapes) {
            ConvSpec spec = BenchShapes.conv(shape);
            List<String> algs = new ArrayList<>();
            for (ConvAlgorithm a : ConvAlgorithms.all()) {
                if (!a.name().equals("reference") && a.supports(spec).supported()) {
                    algs.add(a.name());
                }
            }
            if (conv != null && !algs.isEmpty()) {
                parts.add(part(conv, shape, algs, threads(THREADS), shape + ": " + algs + " x threads " + THREADS));
            }
            if (conv != null && spec.flops() < REFERENCE_MAX_FLOPS) {
                parts.add(part(conv, shape, List.of("reference"), List.of("1"), shape + ": reference, 1 thread"));
            }
            if (ortConv != null) {
                parts.add(part(ortConv, shape, List.of(Report.ORT), threads(THREADS),
                        shape + ": ONNX Runtime x threads " + THREADS));
            }
        }
        used.add(conv);
        used.add(ortConv);
        // 3. pooling
        String poolB = find(classes, "PoolBenchmark");
        String ortPool = find(classes, "OrtPoolBenchmark");
        List<String> poolShapes = new ArrayList<>(BenchShapes.all().stream().filter(r -> !r.op().equals("conv"))
                .map(BenchShapes.Row::name).toList());
        if (mode.equals("quick")) {
            poolShapes = poolShapes.subList(0, Math.min(1, poolShapes.size()));
        } else if (mode.equals("full") && poolB != null) {
            // the shapes PoolBenchmark defines beyond the CSV (e.g. inputs larger than L3)
            for (String shape : classes.get(poolB).getOrDefault("shape", new String[0])) {
                if (!poolShapes.contains(shape) && "pool".equals(BenchSpecs.kind(shape))) {
                    poolShapes.add(shape);
                }
            }
        }
        for (String shape : poolShapes) {
            PoolSpec spec = BenchSpecs.pool(shape);
            List<String> algs = new ArrayList<>();
            for (PoolAlgorithm a : PoolAlgorithms.all()) {
                if (!a.name().equals("reference") && a.supports(spec).supported()) {
                    algs.add(a.name());
                }
            }
            if (poolB != null && !algs.isEmpty()) {
                parts.add(part(poolB, shape, algs, threads(THREADS), shape + ": " + algs + " x threads " + THREADS));
            }
            if (poolB != null) {
                parts.add(part(poolB, shape, List.of("reference"), List.of("1"), shape + ": reference, 1 thread"));
            }
            if (ortPool != null) {
                parts.add(part(ortPool, shape, List.of(Report.ORT), threads(THREADS),
                        shape + ": ONNX Runtime x threads " + THREADS));
            }
        }
        used.add(poolB);
        used.add(ortPool);
        // 4. SGEMM
        for (String cls : classes.keySet()) {
            if (simple(cls).contains("Sgemm") && !used.contains(cls)) {
                parts.add(extraPart(cls, classes.get(cls), methods.get(cls), mode, convShapes));
                used.add(cls);
            }
        }
        // 5. anything else (e.g. a network benchmark): the full suite runs it with its own parameters
        List<String> rest = classes.keySet().stream().filter(c -> !used.contains(c)).toList();
        if (mode.equals("full")) {
            for (String cls : rest) {
                parts.add(extraPart(cls, classes.get(cls), methods.get(cls), mode, convShapes));
            }
        } else if (!rest.isEmpty()) {
            System.out.println("[suite] only in -Dsuite=full (or run them with -Dbench.args): "
                    + rest.stream().map(BenchSuite::simple).toList());
        }
        return parts;
    }

    private static String simple(String cls) {
        return cls.substring(cls.lastIndexOf('.') + 1);
    }

    private static String find(Map<String, Map<String, String[]>> classes, String simpleName) {
        return classes.keySet().stream().filter(c -> simple(c).equals(simpleName)).findFirst().orElse(null);
    }

    private static List<String> threads(List<Integer> ts) {
        return ts.stream().map(String::valueOf).toList();
    }

    private static String includeOf(String cls) {
        // anchored on the class name, so ConvBenchmark does not also match OrtConvBenchmark
        return "^" + Pattern.quote(cls) + "\\.";
    }

    private static Part part(String cls, String shape, List<String> algorithms, List<String> threads, String label) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("shape", List.of(shape));
        params.put("algorithm", algorithms);
        params.put("threads", threads);
        return new Part(simple(cls) + " " + label, includeOf(cls), params, algorithms.size() * threads.size());
    }

    /**
     * A benchmark class the suite knows only by name: its own parameters, threads narrowed to
     * {@link #THREADS}. Outside the full mode a parameter with more than three values keeps the
     * ones that matter here: 512 (SGEMM's square size with a target) and the conv shapes this mode
     * runs; failing that its first, middle and last value.
     */
    private static Part extraPart(String cls, Map<String, String[]> declared, int methods, String mode,
            List<String> convShapes) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        int configs = 1;
        for (Map.Entry<String, String[]> e : declared.entrySet()) {
            List<String> values = Arrays.asList(e.getValue());
            if (e.getKey().equals("threads")) {
                values = threads(THREADS);
            } else if (!mode.equals("full") && values.size() > 3) {
                values = narrow(values, convShapes);
            }
            params.put(e.getKey(), values);
            configs *= values.size();
        }
        return new Part(simple(cls) + " " + params, includeOf(cls), params, configs * methods);
    }

    static List<String> narrow(List<String> values, List<String> convShapes) {
        List<String> keep = new ArrayList<>();
        for (String v : values) {
            if (v.equals("512") || convShapes.contains(v)) {
                keep.add(v);
            }
        }
        if (keep.isEmpty()) {
            keep = List.of(values.get(0), values.get(values.size() / 2), values.get(values.size() - 1));
        }
        return keep;
    }
}
