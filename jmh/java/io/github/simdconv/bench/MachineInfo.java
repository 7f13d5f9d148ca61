package io.github.simdconv.bench;

import io.github.simdconv.simd.Simd;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Describes the machine a benchmark run measures (results/machine.md): CPU model, logical and
 * physical cores, the SIMD features and caches Linux reports, memory, the preferred Vector API
 * species, the JDK, and the ONNX Runtime and JMH versions. Values that cannot be read say so.
 */
public final class MachineInfo {
    private MachineInfo() {}

    /**
     * @param suiteSettings a line describing how the suite ran (mode, iterations)
     * @return the markdown text
     */
    public static String markdown(String suiteSettings) {
        StringBuilder md = new StringBuilder("# Machine\n\n");
        md.append("Recorded by `io.github.simdconv.bench.MachineInfo` at the start of the run, ")
                .append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append(".\n\n");
        md.append("| | |\n|---|---|\n");
        List<String> cpuinfo = lines(Path.of("/proc/cpuinfo"));
        row(md, "CPU", first(cpuinfo, "model name") + " (" + first(cpuinfo, "vendor_id") + ", family "
                + first(cpuinfo, "cpu family") + ", model " + first(cpuinfo, "model\t") + ", stepping "
                + first(cpuinfo, "stepping") + ")");
        long logical = cpuinfo.stream().filter(l -> l.startsWith("processor")).count();
        Set<String> cores = new LinkedHashSet<>();
        String physId = "0";
        for (String l : cpuinfo) {
            if (l.startsWith("physical id")) {
                physId = value(l);
            } else if (l.startsWith("core id")) {
                cores.add(physId + ":" + value(l));
            }
        }
        row(md, "logical CPUs", logical > 0 ? Long.toString(logical) : "unknown");
        row(md, "physical cores", cores.isEmpty() ? "unknown" : Integer.toString(cores.size()));
        row(md, "JVM availableProcessors", Integer.toString(Runtime.getRuntime().availableProcessors()));
        String flags = first(cpuinfo, "flags");
        List<String> simd = new ArrayList<>();
        for (String f : flags.split(" ")) {
            if (f.matches("sse4_2|avx|avx2|fma|f16c|avx512.*|amx.*")) {
                simd.add(f);
            }
        }
        row(md, "SIMD flags", simd.isEmpty() ? "unknown" : String.join(" ", simd));
        String caches = caches();
        row(md, "caches (cpu0)", caches.equals("unknown")
                ? "not in sysfs; /proc/cpuinfo cache size: " + first(cpuinfo, "cache size") : caches);
        row(md, "memory", first(lines(Path.of("/proc/meminfo")), "MemTotal"));
        row(md, "OS", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        row(md, "JDK", System.getProperty("java.vm.name") + " " + Runtime.version() + " ("
                + System.getProperty("java.vendor") + ")");
        row(md, "Vector API", Simd.reason());
        row(md, "float lanes", Integer.toString(Simd.floatLanes()));
        row(md, "ONNX Runtime", ortVersion());
        row(md, "JMH", jmhVersion());
        row(md, "load average at start", first(lines(Path.of("/proc/loadavg")), ""));
        row(md, "suite", suiteSettings);
        md.append('\n');
        return md.toString();
    }

    /**
     * @param file where to write machine.md
     * @param suiteSettings how the suite ran
     * @throws IOException if it cannot be written
     */
    public static void write(Path file, String suiteSettings) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, markdown(suiteSettings), StandardCharsets.UTF_8);
    }

    private static void row(StringBuilder md, String key, String value) {
        md.append("| ").append(key).append(" | ").append(value.replace("|", "\\|")).append(" |\n");
    }

    private static List<String> lines(Path p) {
        try {
            return Files.readAllLines(p, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    private static String first(List<String> lines, String key) {
        for (String l : lines) {
            if (l.startsWith(key)) {
                return key.isEmpty() ? l.trim() : value(l);
            }
        }
        return "unknown";
    }

    private static String value(String line) {
        int c = line.indexOf(':');
        return c < 0 ? line.trim() : line.substring(c + 1).trim();
    }

    private static String caches() {
        Path base = Path.of("/sys/devices/system/cpu/cpu0/cache");
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Path dir = base.resolve("index" + i);
            if (!Files.isDirectory(dir)) {
                break;
            }
            String level = first(lines(dir.resolve("level")), "");
            String type = first(lines(dir.resolve("type")), "").toLowerCase(Locale.ROOT);
            String size = first(lines(dir.resolve("size")), "");
            String shared = first(lines(dir.resolve("shared_cpu_list")), "");
            parts.add("L" + level + (type.equals("unified") ? "" : " " + type) + " " + size
                    + " (cpus " + shared + ")");
        }
        return parts.isEmpty() ? "unknown" : String.join(", ", parts);
    }

    private static String ortVersion() {
        try {
            return ai.onnxruntime.OrtEnvironment.getEnvironment().getVersion()
                    + " (Maven com.microsoft.onnxruntime:onnxruntime, CPU execution provider)";
        } catch (RuntimeException | LinkageError e) {
            return "unavailable (" + e + ")";
        }
    }

    private static String jmhVersion() {
        Package p = org.openjdk.jmh.runner.Runner.class.getPackage();
        String v = p == null ? null : p.getImplementationVersion();
        return v == null ? "1.37 (from the pom)" : v;
    }
}
