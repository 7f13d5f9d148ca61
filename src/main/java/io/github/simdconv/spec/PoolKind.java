package io.github.simdconv.spec;

/** What a pooling window computes. */
public enum PoolKind {
    /** Maximum of the window; NaN propagates; padding never wins. */
    MAX,
    /** Mean of the window, padding counted or not as {@code countIncludePad} says. */
    AVG
}
