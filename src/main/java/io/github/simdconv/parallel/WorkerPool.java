package io.github.simdconv.parallel;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed team of threads for fork-join loops without allocation per call.
 *
 * <p>{@link #parallelFor(int, ParallelBody)} splits {@code [0, n)} into {@code threads}
 * contiguous near-equal ranges (a static partition: the same {@code n} always gives the same
 * ranges) and runs range {@code i} on worker {@code i}; the calling thread is worker 0, so a
 * one-thread pool has no threads and no synchronization at all. Workers spin briefly, then park.
 *
 * <p>A pool serves one parallel loop at a time. A caller that finds it busy (another thread's
 * loop, or a nested call from inside a body) runs its whole loop itself as worker 0: never a
 * deadlock, never a wrong result, only less parallelism. Bodies must therefore give the same
 * result for any partition and use per-worker scratch only through the {@code worker} index.
 */
public final class WorkerPool {
    private static final ConcurrentHashMap<Integer, WorkerPool> SHARED = new ConcurrentHashMap<>();
    private static final int SPINS = 2_000;

    private final int threads;
    private final Thread[] workers;
    // not a ReentrantLock: a nested call from inside a body must find the pool busy
    private final AtomicBoolean busy = new AtomicBoolean();
    private final AtomicInteger pending = new AtomicInteger();
    private volatile int generation;
    private volatile ParallelBody body;
    private volatile int items;
    private volatile Thread caller;
    private volatile Throwable failure;

    private WorkerPool(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads = " + threads + ": must be >= 1");
        }
        this.threads = threads;
        this.workers = new Thread[threads - 1];
        for (int i = 1; i < threads; i++) {
            final int id = i;
            Thread t = new Thread(() -> workerLoop(id), "simdconv-worker-" + threads + "-" + i);
            t.setDaemon(true);
            workers[i - 1] = t;
            t.start();
        }
    }

    /**
     * The process-wide pool with this many threads (created on first use, daemon threads).
     *
     * @param threads worker count including the caller, {@code >= 1}
     * @return the shared pool
     */
    public static WorkerPool shared(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads = " + threads + ": must be >= 1");
        }
        return SHARED.computeIfAbsent(threads, WorkerPool::new);
    }

    /** @return the number of available processors, the default thread count */
    public static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** @return the number of workers including the caller */
    public int threads() {
        return threads;
    }

    /**
     * First item of range {@code part} when {@code n} items are split into {@code parts}.
     *
     * @param part range index in {@code [0, parts]}
     * @param n items
     * @param parts ranges
     * @return the first item of that range ({@code n} for {@code part == parts})
     */
    public static int rangeStart(int part, int n, int parts) {
        return (int) ((long) n * part / parts);
    }

    /**
     * Runs {@code body} over {@code [0, n)} split across the workers, and returns when all
     * ranges are done. Exceptions thrown by a body are rethrown here.
     *
     * @param n number of items
     * @param body the loop body
     */
    public void parallelFor(int n, ParallelBody body) {
        if (n <= 0) {
            return;
        }
        if (threads == 1 || n == 1 || !busy.compareAndSet(false, true)) {
            body.run(0, n, 0);
            return;
        }
        try {
            this.failure = null;
            this.body = body;
            this.items = n;
            this.caller = Thread.currentThread();
            pending.set(threads - 1);
            generation++; // publishes body/items to the workers
            for (Thread w : workers) {
                LockSupport.unpark(w);
            }
            int end = rangeStart(1, n, threads);
            Throwable mine = null;
            try {
                if (end > 0) {
                    body.run(0, end, 0);
                }
            } catch (Throwable t) {
                mine = t;
            }
            int spins = 0;
            while (pending.get() != 0) {
                if (++spins < SPINS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
            }
            this.body = null;
            Throwable t = mine != null ? mine : failure;
            if (t != null) {
                if (t instanceof RuntimeException r) {
                    throw r;
                }
                if (t instanceof Error e) {
                    throw e;
                }
                throw new IllegalStateException(t);
            }
        } finally {
            busy.set(false);
        }
    }

    private void workerLoop(int id) {
        int seen = 0;
        while (true) {
            int spins = 0;
            int g;
            while ((g = generation) == seen) {
                if (++spins < SPINS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
            }
            seen = g;
            ParallelBody b = body;
            int n = items;
            int begin = rangeStart(id, n, threads);
            int end = rangeStart(id + 1, n, threads);
            try {
                if (begin < end) {
                    b.run(begin, end, id);
                }
            } catch (Throwable t) {
                failure = t;
            }
            if (pending.decrementAndGet() == 0) {
                LockSupport.unpark(caller);
            }
        }
    }
}
