package io.github.simdconv.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class WorkerPoolTest {

    @Test
    void everyItemRunsExactlyOnceWithAStaticPartition() {
        for (int threads = 1; threads <= 4; threads++) {
            WorkerPool pool = WorkerPool.shared(threads);
            for (int n : new int[] {1, 2, 3, 5, 7, 64, 1001}) {
                AtomicIntegerArray hits = new AtomicIntegerArray(n);
                int[] workerOf = new int[n];
                for (int rep = 0; rep < 50; rep++) {
                    pool.parallelFor(n, (b, e, w) -> {
                        for (int i = b; i < e; i++) {
                            hits.incrementAndGet(i);
                            workerOf[i] = w;
                        }
                    });
                }
                for (int i = 0; i < n; i++) {
                    assertEquals(50, hits.get(i), "item " + i + " of " + n + " on " + threads + " threads");
                }
            }
        }
    }

    @Test
    void exceptionsReachTheCaller() {
        WorkerPool pool = WorkerPool.shared(2);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> pool.parallelFor(10, (b, end, w) -> {
            if (w == 1) {
                throw new IllegalStateException("boom");
            }
        }));
        assertEquals("boom", e.getMessage());
        // and the pool still works
        AtomicIntegerArray hits = new AtomicIntegerArray(10);
        pool.parallelFor(10, (b, end, w) -> {
            for (int i = b; i < end; i++) {
                hits.incrementAndGet(i);
            }
        });
        assertEquals(1, hits.get(9));
    }

    @Test
    void nestedAndConcurrentCallsRunInline() throws InterruptedException {
        WorkerPool pool = WorkerPool.shared(2);
        AtomicIntegerArray hits = new AtomicIntegerArray(100);
        Runnable job = () -> {
            for (int r = 0; r < 200; r++) {
                pool.parallelFor(10, (b, e, w) -> {
                    for (int ii = b; ii < e; ii++) {
                        final int i = ii;
                        pool.parallelFor(10, (b2, e2, w2) -> {
                            for (int j = b2; j < e2; j++) {
                                hits.incrementAndGet(i * 10 + j);
                            }
                        });
                    }
                });
            }
        };
        Thread t = new Thread(job);
        t.start();
        job.run();
        t.join();
        for (int i = 0; i < 100; i++) {
            assertEquals(400, hits.get(i));
        }
    }

    @Test
    void sharedPoolsAreCachedAndValidated() {
        assertSame(WorkerPool.shared(3), WorkerPool.shared(3));
        assertEquals("threads = 0: must be >= 1",
                assertThrows(IllegalArgumentException.class, () -> WorkerPool.shared(0)).getMessage());
    }
}
