package io.github.simdconv.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One entry of a JMH JSON result file (the format of {@code -rf json}).
 *
 * @param benchmark fully qualified {@code class.method}
 * @param mode JMH mode ({@code avgt}, {@code thrpt}, {@code ss}, {@code sample})
 * @param jmhThreads JMH's own benchmark threads (not the algorithm's {@code threads} parameter)
 * @param params the {@code @Param} values
 * @param score the primary metric
 * @param error its 99.9% confidence half-width (NaN when JMH had too few samples)
 * @param unit the primary metric's unit, e.g. {@code ms/op} or {@code ops/s}
 * @param secondary secondary metrics by name: {score, unit}
 */
public record JmhResult(String benchmark, String mode, int jmhThreads, Map<String, String> params,
        double score, double error, String unit, Map<String, Metric> secondary) {

    /**
     * A secondary metric (e.g. a {@code @AuxCounters} field or a profiler's output).
     *
     * @param score its value
     * @param unit its unit
     */
    public record Metric(double score, String unit) {}

    /**
     * @param file a JMH JSON result file
     * @return its entries in file order
     * @throws IOException if it cannot be read
     */
    public static List<JmhResult> read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    /**
     * @param json the text of a JMH JSON result file
     * @return its entries in file order
     */
    @SuppressWarnings("unchecked")
    public static List<JmhResult> parse(String json) {
        Object root = Json.parse(json);
        if (!(root instanceof List<?> list)) {
            throw new IllegalArgumentException("JMH JSON: expected an array of results at the top level");
        }
        List<JmhResult> out = new ArrayList<>();
        for (Object o : list) {
            Map<String, Object> e = (Map<String, Object>) o;
            Map<String, String> params = new LinkedHashMap<>();
            if (e.get("params") instanceof Map<?, ?> p) {
                p.forEach((k, v) -> params.put(String.valueOf(k), String.valueOf(v)));
            }
            Map<String, Object> primary = (Map<String, Object>) e.get("primaryMetric");
            Map<String, Metric> secondary = new LinkedHashMap<>();
            if (e.get("secondaryMetrics") instanceof Map<?, ?> sm) {
                sm.forEach((k, v) -> {
                    Map<String, Object> m = (Map<String, Object>) v;
                    secondary.put(String.valueOf(k), new Metric(Json.number(m.get("score")),
                            String.valueOf(m.get("scoreUnit"))));
                });
            }
            out.add(new JmhResult(String.valueOf(e.get("benchmark")), String.valueOf(e.get("mode")),
                    (int) Json.number(e.getOrDefault("threads", 1.0)), params,
                    Json.number(primary.get("score")), Json.number(primary.get("scoreError")),
                    String.valueOf(primary.get("scoreUnit")), secondary));
        }
        return out;
    }

    /** @return the benchmark class's simple name, e.g. {@code ConvBenchmark} */
    public String className() {
        int dot = benchmark.lastIndexOf('.');
        String cls = dot < 0 ? benchmark : benchmark.substring(0, dot);
        return cls.substring(cls.lastIndexOf('.') + 1);
    }

    /** @return the fully qualified class name */
    public String qualifiedClassName() {
        int dot = benchmark.lastIndexOf('.');
        return dot < 0 ? benchmark : benchmark.substring(0, dot);
    }

    /** @return the {@code @Benchmark} method's name */
    public String method() {
        return benchmark.substring(benchmark.lastIndexOf('.') + 1);
    }

    /**
     * @param name a parameter name
     * @return its value, or null
     */
    public String param(String name) {
        return params.get(name);
    }

    /** @return the algorithm's {@code threads} parameter, else JMH's thread count */
    public int threads() {
        String t = params.get("threads");
        return t != null ? Integer.parseInt(t.trim()) : jmhThreads;
    }

    /**
     * @return seconds per operation, from either a time-per-op (avgt, ss, sample) or an
     *         ops-per-time (thrpt) primary metric; NaN if the unit is not a time unit
     */
    public double secondsPerOp() {
        return secondsPerOp(score, unit);
    }

    /** @return the relative half-width of the confidence interval (error / score), NaN if unknown */
    public double relativeError() {
        return error / score;
    }

    /**
     * @param value a metric value
     * @param unit its unit, {@code <time>/op} or {@code ops/<time>}
     * @return seconds per operation, NaN for other units
     */
    static double secondsPerOp(double value, String unit) {
        String u = unit.toLowerCase(Locale.ROOT).trim();
        if (u.endsWith("/op")) {
            double s = seconds(u.substring(0, u.length() - 3));
            return value * s;
        }
        if (u.startsWith("ops/")) {
            double s = seconds(u.substring(4));
            return s / value;
        }
        return Double.NaN;
    }

    /**
     * @param value a rate such as {@code ops/s} or {@code ops/ms}
     * @param unit its unit
     * @return the rate per second, NaN if the unit is not a rate
     */
    static double perSecond(double value, String unit) {
        String u = unit.toLowerCase(Locale.ROOT).trim();
        int slash = u.lastIndexOf('/');
        if (slash < 0) {
            return Double.NaN;
        }
        return value / seconds(u.substring(slash + 1));
    }

    private static double seconds(String timeUnit) {
        return switch (timeUnit) {
            case "ns" -> 1e-9;
            case "us", "\u00b5s" -> 1e-6;
            case "ms" -> 1e-3;
            case "s" -> 1.0;
            case "min" -> 60.0;
            default -> Double.NaN;
        };
    }
}
