package io.github.simdconv.bench;

/**
 * Evicts a benchmark's data from the caches between calls by reading a buffer larger than the
 * last-level cache this core sees (about 16-32 MB here, docs/pooling.md). A plain scalar loop:
 * this class must load without the vector module.
 */
final class CacheFlush {
    private CacheFlush() {}

    /** Floats in a flush buffer: 16 Mi = 64 MB. */
    static final int FLOATS = 16 << 20;

    /**
     * Touches one float per 64-byte line of the buffer.
     *
     * @param buffer the flush buffer
     * @return a value that depends on every line read
     */
    static float read(float[] buffer) {
        float s = 0;
        for (int i = 0; i < buffer.length; i += 16) {
            s += buffer[i];
        }
        return s;
    }
}
