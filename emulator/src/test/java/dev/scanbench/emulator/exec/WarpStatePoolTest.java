package dev.scanbench.emulator.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class WarpStatePoolTest {
    @Test
    void aThreadKeepsItsShadowsAcrossLaunchesOfKernelsOfDifferentShapes() throws Exception {
        onAFreshThread(() -> {
            Shadow reduce = new Shadow(12, 3, 0);
            Shadow scan = new Shadow(20, 5, 16);
            WarpStatePool.forThread(12, 3, 0).giveShadow(reduce);
            // a launch of another shape in between (as a plan's scan follows its reduce) must not drop the first pool
            WarpStatePool.forThread(20, 5, 16).giveShadow(scan);
            assertThat(WarpStatePool.forThread(12, 3, 0).takeShadow()).isSameAs(reduce);
            assertThat(WarpStatePool.forThread(20, 5, 16).takeShadow()).isSameAs(scan);
            assertThat(WarpStatePool.forThread(12, 3, 0).takeShadow()).isNull();
        });
    }

    @Test
    void aRegisterFileComesBackZeroedAndOnlyToItsShape() throws Exception {
        onAFreshThread(() -> {
            long[] r = new long[12 * 32];
            Arrays.fill(r, 0x5EED);
            WarpStatePool.forThread(12, 3, 0).giveRegisters(r);
            WarpStatePool.forThread(12, 3, 0).giveRegisters(new long[11 * 32]);
            assertThat(WarpStatePool.forThread(20, 5, 16).takeRegisters()).isNull();
            long[] back = WarpStatePool.forThread(12, 3, 0).takeRegisters();
            assertThat(back).isSameAs(r).containsOnly(0L);
            assertThat(WarpStatePool.forThread(12, 3, 0).takeRegisters()).isNull();
        });
    }

    @Test
    void aShadowOfAnotherShapeIsNotKept() throws Exception {
        onAFreshThread(() -> {
            WarpStatePool.forThread(12, 3, 0).giveShadow(new Shadow(13, 3, 0));
            assertThat(WarpStatePool.forThread(12, 3, 0).takeShadow()).isNull();
        });
    }

    @Test
    void theLeastRecentlyLaunchedShapeIsDroppedPastTheLimit() throws Exception {
        onAFreshThread(() -> {
            Shadow first = new Shadow(1, 1, 0);
            WarpStatePool.forThread(1, 1, 0).giveShadow(first);
            for (int regs = 2; regs <= 7; regs++) {
                WarpStatePool.forThread(regs, 1, 0);
            }
            assertThat(WarpStatePool.forThread(1, 1, 0).takeShadow()).isNull();
        });
    }

    /** Runs the check on a thread of its own (the pools are per thread, and a new thread starts with none). */
    private static void onAFreshThread(Runnable check) throws InterruptedException {
        Throwable[] failure = new Throwable[1];
        Thread t = new Thread(check);
        t.setUncaughtExceptionHandler((th, e) -> failure[0] = e);
        t.start();
        t.join();
        assertThat(failure[0]).isNull();
    }
}
