package io.github.simdconv.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class PartClaimsTest {
    @Test
    void ownersTakeFromTheFrontOthersFromTheBack() {
        PartClaims c = new PartClaims(3);
        c.reset(10); // parts [0,3) [3,6) [6,10)
        assertEquals(0, c.claim(0, true));
        assertEquals(1, c.claim(0, true));
        assertEquals(9, c.claim(2, false));
        assertEquals(6, c.claim(2, true));
        assertEquals(8, c.claim(2, false));
        assertEquals(7, c.claim(2, true));
        assertEquals(-1, c.claim(2, true));
        assertEquals(-1, c.claim(2, false));
        assertEquals(2, c.claim(0, false));
        assertEquals(-1, c.claim(0, true));
        assertEquals(3, c.claim(1, true));
        c.reset(2); // parts [0,0) [0,1) [1,2)
        assertEquals(-1, c.claim(0, true));
        assertEquals(0, c.claim(1, false));
        assertEquals(1, c.claim(2, true));
    }

    @Test
    void everyItemIsClaimedExactlyOnceUnderContention() throws InterruptedException {
        int parts = 4;
        int items = 100_003;
        PartClaims c = new PartClaims(parts);
        for (int round = 0; round < 5; round++) {
            c.reset(items);
            AtomicIntegerArray seen = new AtomicIntegerArray(items);
            Thread[] ts = new Thread[parts];
            for (int w = 0; w < parts; w++) {
                final int me = w;
                ts[w] = new Thread(() -> {
                    for (int k = 0; k < parts; k++) {
                        int q = (me + k) % parts;
                        for (int i = c.claim(q, k == 0); i >= 0; i = c.claim(q, k == 0)) {
                            seen.incrementAndGet(i);
                        }
                    }
                });
                ts[w].start();
            }
            for (Thread t : ts) {
                t.join();
            }
            for (int i = 0; i < items; i++) {
                assertEquals(1, seen.get(i), "item " + i + " claimed " + seen.get(i) + " times");
            }
        }
    }

    @Test
    void rejectsBadArguments() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PartClaims(0));
        assertTrue(e.getMessage().contains("parts = 0"), e.getMessage());
        PartClaims c = new PartClaims(2);
        e = assertThrows(IllegalArgumentException.class, () -> c.reset(-1));
        assertTrue(e.getMessage().contains("items = -1"), e.getMessage());
        c.reset(4);
        e = assertThrows(IllegalArgumentException.class, () -> c.claim(2, true));
        assertTrue(e.getMessage().contains("q = 2") && e.getMessage().contains("[0, 2)"), e.getMessage());
        assertEquals(0, c.claim(0, true), "a rejected claim takes nothing");
    }
}
