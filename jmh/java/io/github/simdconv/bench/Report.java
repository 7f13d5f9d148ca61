package io.github.simdconv.bench;

import io.github.simdconv.conv.ConvAlgorithm;
import io.github.simdconv.conv.ConvAlgorithms;
import io.github.simdconv.pool.PoolAlgorithm;
import io.github.simdconv.pool.PoolAlgorithms;
import io.github.simdconv.spec.ConvSpec;
import io.github.simdconv.spec.PoolSpec;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * Turns a JMH JSON result file into results/README.md (tables) and results/charts/*.png
 * (XChart bar charts). Runs alone on an existing file:
 * {@code java -cp <test classpath> io.github.simdconv.bench.Report results/jmh-results.json results}.
 *
 * <p>How each result is read:
 * <ul>
 * <li>a result with {@code shape} and {@code algorithm} parameters naming a conv row of
 *     bench-shapes.csv ({@code ConvBenchmark}, {@code OrtConvBenchmark}) is a convolution:
 *     GFLOP/s = {@code spec.flops()} / time, % of the FMA peak measured at the same thread count,
 *     time / ONNX Runtime's time at the same thread count;</li>
 * <li>one naming a pooling row (or a shape its benchmark class defines with a static
 *     {@code spec(String)}, see {@link BenchSpecs}) is a pooling: GB/s = input bytes read / time,
 *     % of the measured memory bandwidth;</li>
 * <li>{@code *FmaPeak*}, {@code *Bandwidth*} and {@code *Gemm*} classes give the peak FLOP rate,
 *     the bandwidth and SGEMM rates. Their FLOPs or bytes per JMH operation (the "op" of the
 *     score's unit, after {@code @OperationsPerInvocation}) come from, in order: a
 *     secondary metric whose name contains "flop" / "byte" (a {@code @AuxCounters} rate); a
 *     {@code public static double flopsPerOp(String method, Map<String, String> params)} (or
 *     {@code bytesPerOp}) on the benchmark class, or a static {@code FLOPS_PER_OP}
 *     ({@code BYTES_PER_OP}) constant; the parameters ({@code m,n,k}, a square {@code size},
 *     {@code n} or numeric {@code shape}, a conv {@code shape}'s im2col GEMM; for bandwidth an array size with the method's stream
 *     count, copy = 2, triad = 3); finally, in throughput mode, operations counted as FLOPs
 *     (bytes) via {@code @OperationsPerInvocation};</li>
 * <li>everything else is listed with its raw score.</li>
 * </ul>
 */
public final class Report {
    /** The algorithm name the native peer's results carry. */
    static final String ORT = "onnxruntime";

    private final List<JmhResult> results;
    private final String source;
    private final List<JmhResult> conv = new ArrayList<>();
    private final List<JmhResult> pool = new ArrayList<>();
    private final List<JmhResult> peak = new ArrayList<>();
    private final List<JmhResult> bandwidth = new ArrayList<>();
    private final List<JmhResult> gemm = new ArrayList<>();
    private final List<JmhResult> other = new ArrayList<>();
    private final List<JmhResult> scaling = new ArrayList<>();

    /**
     * @param results parsed JMH results
     * @param source where they came from (named in the README)
     */
    public Report(List<JmhResult> results, String source) {
        this.results = List.copyOf(results);
        this.source = source;
        for (JmhResult r : this.results) {
            String cls = r.className().toLowerCase(Locale.ROOT);
            String op = shapeOp(r);
            if (cls.equals("threadscalingbenchmark")) {
                scaling.add(r);
            } else if ("conv".equals(op)) {
                conv.add(r);
            } else if (op != null) {
                pool.add(r);
            } else if (cls.contains("fmapeak") || cls.contains("peak")) {
                peak.add(r);
            } else if (cls.contains("bandwidth")) {
                bandwidth.add(r);
            } else if (cls.contains("gemm")) {
                gemm.add(r);
            } else {
                other.add(r);
            }
        }
    }

    /**
     * Reads a JMH JSON file and writes README.md and charts/ into a directory.
     *
     * @param args the JSON file, then the output directory (default: the JSON's directory)
     * @throws IOException if a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: Report <jmh-results.json> [output directory]");
            System.exit(2);
        }
        Path json = Path.of(args[0]);
        Path out = args.length > 1 ? Path.of(args[1]) : json.toAbsolutePath().getParent();
        write(json, out);
    }

    /**
     * @param json a JMH JSON result file
     * @param outDir where README.md and charts/ go
     * @return the report
     * @throws IOException if a file cannot be read or written
     */
    public static Report write(Path json, Path outDir) throws IOException {
        Report r = new Report(JmhResult.read(json), json.getFileName().toString());
        Files.createDirectories(outDir);
        List<String> charts = r.writeCharts(outDir.resolve("charts"));
        Files.writeString(outDir.resolve("README.md"), r.markdown(charts), StandardCharsets.UTF_8);
        System.out.println("[report] wrote " + outDir.resolve("README.md") + " and " + charts.size() + " charts");
        return r;
    }

    private static String shapeOp(JmhResult r) {
        if (r.param("algorithm") == null) {
            return null;
        }
        return BenchSpecs.kind(r.param("shape"));
    }

    // ---------------------------------------------------------------- interpretation

    /** @return measured FMA peak in GFLOP/s by thread count (the best result per count) */
    Map<Integer, Double> peakByThreads() {
        Map<Integer, Double> m = new java.util.TreeMap<>();
        for (JmhResult r : peak) {
            double g = gflops(r);
            if (g > 0.1) {
                m.merge(r.threads(), g, Math::max);
            }
        }
        return m;
    }

    /**
     * @param threads a thread count
     * @return the measured peak at that count, else the one-thread peak times the count, else NaN
     */
    double peakAt(int threads) {
        Map<Integer, Double> m = peakByThreads();
        Double p = m.get(threads);
        if (p != null) {
            return p;
        }
        Double one = m.get(1);
        return one != null ? one * threads : Double.NaN;
    }

    /** @return measured memory bandwidth in GB/s by thread count (copy if measured, else the best) */
    Map<Integer, Double> bandwidthByThreads() {
        Map<Integer, Double> best = new java.util.TreeMap<>();
        Map<Integer, Double> copy = new java.util.TreeMap<>();
        for (JmhResult r : bandwidth) {
            double g = gbps(r);
            if (!(g > 0.01)) {
                continue;
            }
            best.merge(r.threads(), g, Math::max);
            if (r.method().toLowerCase(Locale.ROOT).contains("copy")) {
                copy.merge(r.threads(), g, Math::max);
            }
        }
        best.putAll(copy);
        return best;
    }

    double bandwidthAt(int threads) {
        Map<Integer, Double> m = bandwidthByThreads();
        Double b = m.get(threads);
        if (b != null) {
            return b;
        }
        Double one = m.get(1);
        return one != null ? one : Double.NaN;
    }

    /**
     * @param r a result
     * @return its rate in GFLOP/s, NaN if its FLOP count is unknown
     */
    double gflops(JmhResult r) {
        if (conv.contains(r)) {
            return BenchSpecs.conv(r.param("shape")).flops() / r.secondsPerOp() / 1e9;
        }
        double rate = secondaryRate(r, "flop");
        if (!Double.isNaN(rate)) {
            return rate / 1e9;
        }
        double perOp = hook(r, "flopsPerOp", "FLOPS_PER_OP");
        if (Double.isNaN(perOp)) {
            perOp = flopsFromParams(r);
        }
        if (!Double.isNaN(perOp)) {
            return perOp / r.secondsPerOp() / 1e9;
        }
        if (r.mode().equals("thrpt") && !gemm.contains(r)) {
            return JmhResult.perSecond(r.score(), r.unit()) / 1e9;
        }
        return Double.NaN;
    }

    /**
     * @param r a pooling or bandwidth result
     * @return its rate in GB/s (1e9 bytes), NaN if its byte count is unknown
     */
    double gbps(JmhResult r) {
        if (pool.contains(r)) {
            PoolSpec s = BenchSpecs.pool(r.param("shape"));
            return 4.0 * s.inputSize() / r.secondsPerOp() / 1e9;
        }
        double rate = secondaryRate(r, "byte");
        if (!Double.isNaN(rate)) {
            return rate / 1e9;
        }
        double perOp = hook(r, "bytesPerOp", "BYTES_PER_OP");
        if (Double.isNaN(perOp)) {
            perOp = bytesFromParams(r);
        }
        if (!Double.isNaN(perOp)) {
            return perOp / r.secondsPerOp() / 1e9;
        }
        if (r.mode().equals("thrpt")) {
            return JmhResult.perSecond(r.score(), r.unit()) / 1e9;
        }
        return Double.NaN;
    }

    private static double secondaryRate(JmhResult r, String word) {
        for (Map.Entry<String, JmhResult.Metric> e : r.secondary().entrySet()) {
            if (e.getKey().toLowerCase(Locale.ROOT).contains(word)) {
                double v = JmhResult.perSecond(e.getValue().score(), e.getValue().unit());
                if (!Double.isNaN(v)) {
                    return v;
                }
            }
        }
        return Double.NaN;
    }

    /** Reads a per-operation count from the benchmark class itself, if it offers one. */
    private static double hook(JmhResult r, String methodName, String fieldName) {
        Class<?> c;
        try {
            c = Class.forName(r.qualifiedClassName(), false, Report.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return Double.NaN;
        }
        try {
            Method m = c.getMethod(methodName, String.class, Map.class);
            if (Modifier.isStatic(m.getModifiers())) {
                return ((Number) m.invoke(null, r.method(), r.params())).doubleValue();
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // no hook method: try the constant
        }
        try {
            Field f = c.getField(fieldName);
            if (Modifier.isStatic(f.getModifiers())) {
                return ((Number) f.get(null)).doubleValue();
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // no constant either
        }
        return Double.NaN;
    }

    private static double flopsFromParams(JmhResult r) {
        Map<String, String> p = lower(r.params());
        Double m = num(p.get("m"));
        Double n = num(p.get("n"));
        Double k = num(p.get("k"));
        if (m != null && n != null && k != null) {
            return 2 * m * n * k;
        }
        Double size = num(p.get("size"));
        if (size == null && m == null && k == null) {
            size = n;
        }
        if (size != null) {
            return 2 * size * size * size;
        }
        for (String v : p.values()) {
            String[] parts = v.toLowerCase(Locale.ROOT).split("x");
            if (parts.length == 3 && num(parts[0]) != null && num(parts[1]) != null && num(parts[2]) != null) {
                return 2 * num(parts[0]) * num(parts[1]) * num(parts[2]);
            }
        }
        String shape = p.get("shape");
        if (shape != null) {
            Double sq = num(shape);
            if (sq != null) {
                return 2 * sq * sq * sq;
            }
            try {
                // the im2col GEMM of a conv layer: m = K/G, n = OH*OW, k = C/G*R*S (per image and group)
                ConvSpec c = BenchSpecs.conv(shape);
                return 2.0 * c.outChannelsPerGroup() * c.outHeight() * c.outWidth() * c.accumulationLength();
            } catch (IllegalArgumentException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    private static double bytesFromParams(JmhResult r) {
        String method = r.method().toLowerCase(Locale.ROOT);
        int streams;
        if (method.contains("triad") || method.contains("add")) {
            streams = 3;
        } else if (method.contains("copy") || method.contains("scale")) {
            streams = 2;
        } else if (method.contains("read") || method.contains("sum") || method.contains("write")
                || method.contains("fill")) {
            streams = 1;
        } else {
            return Double.NaN;
        }
        for (Map.Entry<String, String> e : lower(r.params()).entrySet()) {
            Double v = num(e.getValue());
            String k = e.getKey();
            if (v == null || k.equals("threads")) {
                continue;
            }
            if (k.contains("mib") || k.contains("mb")) {
                return streams * v * (1 << 20);
            }
            if (k.contains("kib") || k.contains("kb")) {
                return streams * v * 1024;
            }
            if (k.contains("bytes")) {
                return streams * v;
            }
            if (k.contains("floats") || k.equals("size") || k.equals("length") || k.equals("n")) {
                return streams * v * 4;
            }
        }
        return Double.NaN;
    }

    private static Map<String, String> lower(Map<String, String> p) {
        Map<String, String> m = new LinkedHashMap<>();
        p.forEach((k, v) -> m.put(k.toLowerCase(Locale.ROOT), v));
        return m;
    }

    private static Double num(String s) {
        if (s == null) {
            return null;
        }
        try {
            return Double.valueOf(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** @return the conv and pooling shapes present, in bench-shapes.csv order */
    private static List<String> shapesOf(List<JmhResult> rs) {
        Set<String> present = new LinkedHashSet<>();
        rs.forEach(r -> present.add(r.param("shape")));
        List<String> ordered = new ArrayList<>();
        for (BenchShapes.Row row : BenchShapes.all()) {
            if (present.contains(row.name())) {
                ordered.add(row.name());
            }
        }
        for (String shape : present) {
            if (!ordered.contains(shape)) {
                ordered.add(shape);
            }
        }
        return ordered;
    }

    private static List<Integer> threadCounts(List<JmhResult> rs) {
        return new ArrayList<>(new TreeSet<>(rs.stream().map(JmhResult::threads).toList()));
    }

    private static List<JmhResult> select(List<JmhResult> rs, String shape, int threads) {
        return rs.stream().filter(r -> r.param("shape").equals(shape) && r.threads() == threads)
                .sorted(Comparator.comparingDouble(JmhResult::secondsPerOp)).toList();
    }

    private static JmhResult ortOf(List<JmhResult> rs) {
        return rs.stream().filter(r -> ORT.equals(r.param("algorithm"))).findFirst().orElse(null);
    }

    private static JmhResult bestOurs(List<JmhResult> rs) {
        return rs.stream().filter(r -> !ORT.equals(r.param("algorithm"))).findFirst().orElse(null);
    }

    /**
     * @param rs results of one shape (conv or pooling)
     * @param threads a thread count
     * @param shape the shape
     * @return the fastest of our algorithms there, or null
     */
    JmhResult best(List<JmhResult> rs, String shape, int threads) {
        return bestOurs(select(rs, shape, threads));
    }

    // ---------------------------------------------------------------- markdown

    /**
     * @param charts chart file names (relative to charts/) to link
     * @return the README text
     */
    public String markdown(List<String> charts) {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmark results\n\n");
        md.append("Generated by `io.github.simdconv.bench.Report` from `").append(source)
                .append("` (JMH, ").append(results.size()).append(" results); the machine is described in ")
                .append("[machine.md](machine.md). Times are JMH averages with their 99.9% confidence half-width. ")
                .append("This machine's timings move by 15-30% between runs: compare within one run, as ratios.\n\n");
        appendPeak(md);
        appendPeakWarning(md);
        appendConvSummary(md);
        appendConvDetail(md);
        appendPool(md);
        appendGemm(md);
        appendScaling(md);
        appendOther(md);
        if (!charts.isEmpty()) {
            md.append("## Charts\n\n");
            for (String c : charts) {
                md.append("![").append(c).append("](charts/").append(c).append(")\n\n");
            }
        }
        return md.toString();
    }

    private void appendPeak(StringBuilder md) {
        md.append("## Machine limits, measured from Java\n\n");
        Map<Integer, Double> p = peakByThreads();
        Map<Integer, Double> b = bandwidthByThreads();
        if (p.isEmpty() && b.isEmpty()) {
            md.append("No FMA-peak or memory-bandwidth benchmark in this run: % of peak and % of bandwidth are omitted.\n\n");
        } else {
            md.append("| threads | FMA peak GFLOP/s | memory bandwidth GB/s |\n|---:|---:|---:|\n");
            Set<Integer> ts = new TreeSet<>(p.keySet());
            ts.addAll(b.keySet());
            for (int t : ts) {
                md.append("| ").append(t).append(" | ").append(fmt(p.getOrDefault(t, Double.NaN))).append(" | ")
                        .append(fmt(b.getOrDefault(t, Double.NaN))).append(" |\n");
            }
            md.append("\n% of peak compares with the peak measured at the same thread count (the one-thread peak "
                    + "times the count when only that was measured).\n\n");
        }
        if (!peak.isEmpty() || !bandwidth.isEmpty()) {
            md.append("<details><summary>raw peak and bandwidth results</summary>\n\n");
            md.append("| benchmark | params | score | GFLOP/s | GB/s |\n|---|---|---:|---:|---:|\n");
            for (JmhResult r : peak) {
                md.append("| ").append(r.className()).append('.').append(r.method()).append(" | ").append(params(r, Set.of()))
                        .append(" | ").append(score(r)).append(" | ").append(fmt(gflops(r))).append(" | |\n");
            }
            for (JmhResult r : bandwidth) {
                md.append("| ").append(r.className()).append('.').append(r.method()).append(" | ").append(params(r, Set.of()))
                        .append(" | ").append(score(r)).append(" | | ").append(fmt(gbps(r))).append(" |\n");
            }
            md.append("\n</details>\n\n");
        }
    }

    /** A rate above the measured peak means a FLOP count is wrong somewhere: say so, don't hide it. */
    private void appendPeakWarning(StringBuilder md) {
        List<String> over = new ArrayList<>();
        List<JmhResult> rated = new ArrayList<>(conv);
        rated.addAll(gemm);
        for (JmhResult r : rated) {
            // Winograd does fewer multiplications than it is credited with: its effective rate may pass the peak
            String alg = r.param("algorithm");
            if (alg != null && alg.startsWith("winograd")) {
                continue;
            }
            double g = gflops(r);
            double p = peakAt(r.threads());
            if (g > p) {
                over.add(r.className() + " " + params(r, Set.of()) + ": " + fmt(g) + " GFLOP/s");
            }
        }
        if (!over.isEmpty()) {
            int n = over.size();
            md.append("**Check the peak:** ").append(n).append(n == 1 ? " result exceeds" : " results exceed")
                    .append(" the measured FMA peak at their thread count, so the peak benchmark's FLOP count "
                            + "(e.g. an assumed vector width), its warm-up, or their FLOP count is wrong: ")
                    .append(String.join("; ", over.subList(0, Math.min(4, n))))
                    .append(n > 4 ? "; and " + (n - 4) + " more" : "").append(".\n\n");
        }
    }

    private void appendConvSummary(StringBuilder md) {
        if (conv.isEmpty()) {
            return;
        }
        md.append("## Convolution: the best algorithm per shape\n\n");
        md.append("ratio vs ORT = our time / ONNX Runtime's time at the same thread count (below 1: we are faster). "
                + "GFLOP/s counts the direct convolution's 2·N·K·OH·OW·C/G·R·S FLOPs for every algorithm, so "
                + "Winograd's figures are effective rates.\n\n");
        md.append("| shape | threads | best | ms | GFLOP/s | % of peak | ONNX Runtime ms | ratio vs ORT |\n");
        md.append("|---|---:|---|---:|---:|---:|---:|---:|\n");
        for (String shape : shapesOf(conv)) {
            for (int t : threadCounts(conv)) {
                List<JmhResult> rs = select(conv, shape, t);
                JmhResult best = bestOurs(rs);
                JmhResult ort = ortOf(rs);
                if (best == null && ort == null) {
                    continue;
                }
                md.append("| ").append(shape).append(" | ").append(t).append(" | ");
                if (best != null) {
                    double g = gflops(best);
                    md.append(best.param("algorithm")).append(" | ").append(fmt(ms(best))).append(" | ")
                            .append(fmt(g)).append(" | ").append(pct(g / peakAt(t))).append(" | ");
                } else {
                    md.append(" | | | | ");
                }
                md.append(ort == null ? "" : fmt(ms(ort))).append(" | ")
                        .append(best == null || ort == null ? "" : fmt(best.secondsPerOp() / ort.secondsPerOp()))
                        .append(" |\n");
            }
        }
        md.append('\n');
    }

    private void appendConvDetail(StringBuilder md) {
        if (conv.isEmpty()) {
            return;
        }
        md.append("## Convolution: every algorithm\n\n");
        for (String shape : shapesOf(conv)) {
            ConvSpec spec = BenchSpecs.conv(shape);
            String source = BenchShapes.all().stream().filter(row -> row.name().equals(shape))
                    .map(BenchShapes.Row::source).findFirst().orElse("defined by the benchmark");
            md.append("### ").append(shape).append("\n\n").append(source).append(": `").append(spec)
                    .append("`, ").append(fmt(spec.flops() / 1e9)).append(" GFLOP\n\n");
            md.append("| algorithm | threads | ms | ± | GFLOP/s | % of peak | ratio vs ORT |\n");
            md.append("|---|---:|---:|---:|---:|---:|---:|\n");
            for (int t : threadCounts(conv)) {
                List<JmhResult> rs = select(conv, shape, t);
                JmhResult ort = ortOf(rs);
                JmhResult best = bestOurs(rs);
                for (JmhResult r : rs) {
                    double g = gflops(r);
                    String name = r.param("algorithm");
                    md.append("| ").append(r == best ? "**" + name + "**" : name).append(" | ").append(t)
                            .append(" | ").append(fmt(ms(r))).append(" | ").append(fmt(r.error() * ms(r) / r.score()))
                            .append(" | ").append(fmt(g)).append(" | ").append(pct(g / peakAt(t))).append(" | ")
                            .append(ort == null ? "" : fmt(r.secondsPerOp() / ort.secondsPerOp())).append(" |\n");
                }
            }
            md.append('\n');
        }
    }

    private void appendPool(StringBuilder md) {
        if (pool.isEmpty()) {
            return;
        }
        md.append("## Pooling\n\n");
        md.append("GB/s = input bytes read / time; % of bandwidth compares with the memory bandwidth measured at the "
                + "same thread count. Inputs that fit in cache can beat the memory bandwidth.\n\n");
        for (String shape : shapesOf(pool)) {
            PoolSpec spec = BenchSpecs.pool(shape);
            md.append("### ").append(shape).append("\n\n`").append(spec).append("`, ")
                    .append(fmt(4.0 * spec.inputSize() / (1 << 20))).append(" MiB input\n\n");
            md.append("| algorithm | threads | µs | ± | GB/s | % of bandwidth | ratio vs ORT |\n");
            md.append("|---|---:|---:|---:|---:|---:|---:|\n");
            for (int t : threadCounts(pool)) {
                List<JmhResult> rs = select(pool, shape, t);
                JmhResult ort = ortOf(rs);
                JmhResult best = bestOurs(rs);
                for (JmhResult r : rs) {
                    double g = gbps(r);
                    String name = r.param("algorithm");
                    md.append("| ").append(r == best ? "**" + name + "**" : name).append(" | ").append(t)
                            .append(" | ").append(fmt(1000 * ms(r))).append(" | ")
                            .append(fmt(1000 * r.error() * ms(r) / r.score())).append(" | ").append(fmt(g))
                            .append(" | ").append(pct(g / bandwidthAt(t))).append(" | ")
                            .append(ort == null ? "" : fmt(r.secondsPerOp() / ort.secondsPerOp())).append(" |\n");
                }
            }
            md.append('\n');
        }
    }

    private void appendGemm(StringBuilder md) {
        if (gemm.isEmpty()) {
            return;
        }
        md.append("## SGEMM\n\n| benchmark | params | threads | ms | GFLOP/s | % of peak |\n|---|---|---:|---:|---:|---:|\n");
        for (JmhResult r : gemm) {
            double g = gflops(r);
            md.append("| ").append(r.className()).append('.').append(r.method()).append(" | ")
                    .append(params(r, Set.of("threads"))).append(" | ").append(r.threads()).append(" | ")
                    .append(fmt(ms(r))).append(" | ").append(fmt(g)).append(" | ").append(pct(g / peakAt(r.threads())))
                    .append(" |\n");
        }
        md.append('\n');
    }

    private void appendScaling(StringBuilder md) {
        if (scaling.isEmpty()) {
            return;
        }
        md.append("## Two threads against one, interleaved\n\n")
                .append("`ThreadScalingBenchmark`: one and two threads take turns on the same layer, ")
                .append("so both see the same minutes of this machine (30 ms each in turn, the first 6 ms of each not counted). ms per counted call. ")
                .append("For an even batch two more turns run independent one-thread plans of half the batch: two together, ")
                .append("one per core, then one alone. bound = 1 thread / halves together is the speedup the machine allowed ")
                .append("in those minutes to work that shares nothing, and of bound = speedup / bound is how much of it the ")
                .append("two-thread plan took.\n\n")
                .append("| layer | algorithm | 1 thread ms | 2 threads ms | speedup | half alone ms | halves together ms | bound | of bound |\n")
                .append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (JmhResult r : scaling) {
            double one = perCall(r, "oneThread");
            double two = perCall(r, "twoThread");
            if (Double.isNaN(one) || Double.isNaN(two)) {
                continue;
            }
            double halves = perCall(r, "halves");
            double bound = one / halves;
            md.append("| ").append(r.param("layer")).append(" | ").append(r.param("algorithm")).append(" | ")
                    .append(fmt(one)).append(" | ").append(fmt(two)).append(" | ").append(fmt(one / two)).append(" | ")
                    .append(fmt(perCall(r, "halfAlone"))).append(" | ").append(fmt(halves)).append(" | ").append(fmt(bound)).append(" | ")
                    .append(Double.isNaN(halves) ? "—" : pct(one / two / bound)).append(" |\n");
        }
        md.append('\n');
    }

    /** {@return ms per counted call of a scaling turn ({@code <prefix>Ms / <prefix>Calls}), NaN if it did not run} */
    private static double perCall(JmhResult r, String prefix) {
        JmhResult.Metric ms = r.secondary().get(prefix + "Ms");
        JmhResult.Metric calls = r.secondary().get(prefix + "Calls");
        if (ms == null || calls == null || calls.score() <= 0) {
            return Double.NaN;
        }
        return ms.score() / calls.score();
    }

    private void appendOther(StringBuilder md) {
        if (other.isEmpty()) {
            return;
        }
        md.append("## Other benchmarks\n\n| benchmark | params | score |\n|---|---|---:|\n");
        for (JmhResult r : other) {
            md.append("| ").append(r.className()).append('.').append(r.method()).append(" | ").append(params(r, Set.of()))
                    .append(" | ").append(score(r)).append(" |\n");
        }
        md.append('\n');
    }

    private static String params(JmhResult r, Set<String> skip) {
        StringBuilder b = new StringBuilder();
        r.params().forEach((k, v) -> {
            if (!skip.contains(k)) {
                b.append(b.length() == 0 ? "" : ", ").append(k).append('=').append(v);
            }
        });
        return b.toString();
    }

    private static String score(JmhResult r) {
        return fmt(r.score()) + (Double.isNaN(r.error()) ? "" : " ± " + fmt(r.error())) + " " + r.unit();
    }

    private static double ms(JmhResult r) {
        return 1000 * r.secondsPerOp();
    }

    /**
     * @param v a value
     * @return it with three significant digits (no exponent below 1e6), empty for NaN
     */
    static String fmt(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "";
        }
        double a = Math.abs(v);
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        if (a >= 0.001 || a == 0) {
            return String.format(Locale.ROOT, "%.3f", v);
        }
        return String.format(Locale.ROOT, "%.2e", v);
    }

    private static String pct(double fraction) {
        if (Double.isNaN(fraction) || Double.isInfinite(fraction)) {
            return "";
        }
        return String.format(Locale.ROOT, fraction < 0.01 ? "%.1f%%" : "%.0f%%", 100 * fraction);
    }

    // ---------------------------------------------------------------- charts

    /**
     * Writes the PNG charts.
     *
     * @param dir the charts directory
     * @return the file names written
     * @throws IOException if a file cannot be written
     */
    public List<String> writeCharts(Path dir) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<String> written = new ArrayList<>();
        Files.createDirectories(dir);
        // charts of an earlier run that this one would not draw must not linger next to the new ones
        try (var old = Files.newDirectoryStream(dir, "*.png")) {
            for (Path p : old) {
                Files.delete(p);
            }
        }
        List<String> convShapes = shapesOf(conv);
        for (int t : threadCounts(conv)) {
            Map<String, List<Double>> series = new LinkedHashMap<>();
            for (String alg : algorithms(conv)) {
                List<Double> ys = new ArrayList<>();
                for (String shape : convShapes) {
                    ys.add(valueOf(conv, shape, t, alg, this::gflops));
                }
                series.put(alg, ys);
            }
            double p = peakAt(t);
            String title = "Convolution, " + t + " thread" + (t == 1 ? "" : "s")
                    + (Double.isNaN(p) ? "" : " (measured FMA peak " + fmt(p) + " GFLOP/s)");
            written.add(save(dir, "conv-" + t + "t", title, "GFLOP/s (effective)", convShapes, series));
        }
        if (!conv.isEmpty() && conv.stream().anyMatch(r -> ORT.equals(r.param("algorithm")))) {
            Map<String, List<Double>> series = new LinkedHashMap<>();
            for (int t : threadCounts(conv)) {
                List<Double> ys = new ArrayList<>();
                for (String shape : convShapes) {
                    List<JmhResult> rs = select(conv, shape, t);
                    JmhResult best = bestOurs(rs);
                    JmhResult ort = ortOf(rs);
                    ys.add(best == null || ort == null ? null : ort.secondsPerOp() / best.secondsPerOp());
                }
                series.put(t + " thread" + (t == 1 ? "" : "s"), ys);
            }
            written.add(save(dir, "conv-vs-onnxruntime", "Best simdconv algorithm vs ONNX Runtime (above 1: faster)",
                    "ONNX Runtime time / our time", convShapes, series));
        }
        if (!pool.isEmpty()) {
            List<String> shapes = shapesOf(pool);
            Map<String, List<Double>> series = new LinkedHashMap<>();
            for (String alg : algorithms(pool)) {
                for (int t : threadCounts(pool)) {
                    List<Double> ys = new ArrayList<>();
                    for (String shape : shapes) {
                        ys.add(valueOf(pool, shape, t, alg, this::gbps));
                    }
                    if (ys.stream().anyMatch(y -> y != null)) {
                        series.put(alg + ", " + t + "T", ys);
                    }
                }
            }
            double b = bandwidthAt(1);
            written.add(save(dir, "pooling", "Pooling" + (Double.isNaN(b) ? "" : " (measured bandwidth, 1 thread: "
                    + fmt(b) + " GB/s)"), "GB/s of input read", shapes, series));
        }
        if (!gemm.isEmpty()) {
            List<String> labels = new ArrayList<>();
            for (JmhResult r : gemm) {
                String l = r.method() + " " + params(r, Set.of("threads"));
                if (!labels.contains(l)) {
                    labels.add(l.trim());
                }
            }
            Map<String, List<Double>> series = new LinkedHashMap<>();
            for (int t : threadCounts(gemm)) {
                List<Double> ys = new ArrayList<>();
                for (String l : labels) {
                    Double y = null;
                    for (JmhResult r : gemm) {
                        if (r.threads() == t && (r.method() + " " + params(r, Set.of("threads"))).trim().equals(l)) {
                            double g = gflops(r);
                            y = Double.isNaN(g) ? null : g;
                        }
                    }
                    ys.add(y);
                }
                series.put(t + " thread" + (t == 1 ? "" : "s"), ys);
            }
            written.add(save(dir, "sgemm", "SGEMM", "GFLOP/s", labels, series));
        }
        written.removeIf(s -> s == null);
        return written;
    }

    private static List<String> algorithms(List<JmhResult> rs) {
        Set<String> present = new LinkedHashSet<>();
        rs.stream().map(r -> r.param("algorithm")).filter(a -> !ORT.equals(a)).forEach(present::add);
        // registry order (the reference first), then any name the registries no longer know
        Set<String> algs = new LinkedHashSet<>();
        ConvAlgorithms.all().stream().map(ConvAlgorithm::name).filter(present::contains).forEach(algs::add);
        PoolAlgorithms.all().stream().map(PoolAlgorithm::name).filter(present::contains).forEach(algs::add);
        algs.addAll(present);
        if (rs.stream().anyMatch(r -> ORT.equals(r.param("algorithm")))) {
            algs.add(ORT);
        }
        return new ArrayList<>(algs);
    }

    private static Double valueOf(List<JmhResult> rs, String shape, int t, String alg, ToDoubleFunction<JmhResult> f) {
        for (JmhResult r : rs) {
            if (r.param("shape").equals(shape) && r.threads() == t && alg.equals(r.param("algorithm"))) {
                double v = f.applyAsDouble(r);
                return Double.isNaN(v) ? null : v;
            }
        }
        return null;
    }

    private static String save(Path dir, String name, String title, String yTitle, List<String> categories,
            Map<String, List<Double>> series) throws IOException {
        series.values().removeIf(ys -> ys.stream().allMatch(y -> y == null));
        if (series.isEmpty() || categories.isEmpty()) {
            return null;
        }
        int width = Math.max(900, 130 * categories.size() + 300);
        CategoryChart chart = new CategoryChartBuilder().width(width).height(560).title(title)
                .xAxisTitle("").yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setXAxisLabelRotation(categories.size() > 4 ? 30 : 0);
        chart.getStyler().setAvailableSpaceFill(0.8);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setYAxisMin(0.0);
        for (Map.Entry<String, List<Double>> e : series.entrySet()) {
            // XChart draws no bar for a null value
            chart.addSeries(e.getKey(), categories, e.getValue());
        }
        String file = name + ".png";
        BitmapEncoder.saveBitmap(chart, dir.resolve(file).toString(), BitmapEncoder.BitmapFormat.PNG);
        return file;
    }
}
