package io.github.simdconv.layer;

import java.util.Objects;

/**
 * How a layer picks its convolution or pooling algorithm for each input shape:
 * <ul>
 * <li>{@link #AUTO}: the documented rule of {@link io.github.simdconv.conv.AutoChoice} (kernel
 *     size, stride, dilation, groups, channels; never a low-accuracy Winograd variant). It does not
 *     depend on the thread count, so results are bitwise identical for any thread count;</li>
 * <li>{@link #MEASURE}: times every supported candidate once per geometry at plan time and keeps
 *     the fastest for the rest of the process (cuDNN's benchmark mode, FFTW_MEASURE). The winner
 *     is cached per geometry, not per thread count, so within a process results stay identical
 *     for any thread count; between processes the winner may differ (timings are noisy);</li>
 * <li>{@link #named(String)}: exactly that registered algorithm; a geometry it does not support is
 *     an {@link IllegalArgumentException} carrying its {@code supports()} reason;</li>
 * <li>{@link #prefer(String)}: that algorithm where it applies, {@link #AUTO} elsewhere (for
 *     benchmarking a whole network with one algorithm).</li>
 * </ul>
 */
public final class AlgorithmChoice {
    /** What kind of choice this is. */
    public enum Kind {
        /** The documented rule. */
        AUTO,
        /** Time the candidates once per geometry. */
        MEASURE,
        /** Exactly the named algorithm. */
        NAMED,
        /** The named algorithm where supported, else the rule. */
        PREFER
    }

    /** The documented rule ({@link io.github.simdconv.conv.AutoChoice}). */
    public static final AlgorithmChoice AUTO = new AlgorithmChoice(Kind.AUTO, null);
    /** Measured once per geometry at plan time. */
    public static final AlgorithmChoice MEASURE = new AlgorithmChoice(Kind.MEASURE, null);

    private final Kind kind;
    private final String name;

    private AlgorithmChoice(Kind kind, String name) {
        this.kind = kind;
        this.name = name;
    }

    /**
     * @param name a registered algorithm name, e.g. {@code "im2col"}
     * @return the explicit choice (whether the name is registered is checked by the layer that uses it)
     */
    public static AlgorithmChoice named(String name) {
        return new AlgorithmChoice(Kind.NAMED, requireName(name));
    }

    /**
     * @param name a registered algorithm name
     * @return that algorithm where it supports the geometry, {@link #AUTO} elsewhere
     */
    public static AlgorithmChoice prefer(String name) {
        return new AlgorithmChoice(Kind.PREFER, requireName(name));
    }

    /**
     * Parses {@code "auto"}, {@code "measure"}, {@code "prefer:NAME"} or an algorithm name.
     *
     * @param text the choice as text
     * @return the choice
     */
    public static AlgorithmChoice parse(String text) {
        String t = requireName(text);
        if (t.equalsIgnoreCase("auto")) {
            return AUTO;
        }
        if (t.equalsIgnoreCase("measure")) {
            return MEASURE;
        }
        if (t.startsWith("prefer:")) {
            return prefer(t.substring("prefer:".length()));
        }
        return named(t);
    }

    private static String requireName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("algorithm name = " + (name == null ? "null" : "\"" + name + "\"")
                    + ": must be a registered algorithm name, \"auto\" or \"measure\"");
        }
        return name;
    }

    /** @return the kind */
    public Kind kind() {
        return kind;
    }

    /** @return the algorithm name of a NAMED or PREFER choice, else null */
    public String name() {
        return name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AlgorithmChoice c && c.kind == kind && Objects.equals(c.name, name);
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + Objects.hashCode(name);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case AUTO -> "auto";
            case MEASURE -> "measure";
            case NAMED -> name;
            case PREFER -> "prefer:" + name;
        };
    }
}
