package dev.scanbench.emulator.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanbench.emulator.Coord;
import dev.scanbench.emulator.decode.Insn;
import dev.scanbench.emulator.decode.Program;
import java.util.Arrays;
import java.util.List;
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
    void aRetiredWarpComesBackZeroedAndOnlyToItsShape() throws Exception {
        onAFreshThread(() -> {
            Warp used = dirty(new Warp(cta(), 0, 64, program(12, 3, 8), false, null, null));
            WarpStatePool.forThread(12, 3, 8).giveHusk(used);
            WarpStatePool.forThread(12, 3, 8).giveHusk(new Warp(cta(), 0, 64, program(11, 3, 8), false, null, null));
            WarpStatePool.forThread(12, 3, 8).giveHusk(new Warp(cta(), 0, 64, program(12, 3, 0), false, null, null));
            assertThat(WarpStatePool.forThread(20, 5, 16).takeHusk(null)).isNull();
            Warp back = WarpStatePool.forThread(12, 3, 8).takeHusk(null);
            assertThat(back).isSameAs(used);
            assertThat(back.r).containsOnly(0L);
            assertThat(back.local).containsOnly((byte) 0);
            assertThat(WarpStatePool.forThread(12, 3, 8).takeHusk(null)).isNull();
        });
    }

    @Test
    void onlyTheRegistersAThreadMaySeeFirstAreZeroed() throws Exception {
        onAFreshThread(() -> {
            WarpStatePool.forThread(12, 3, 8).giveHusk(dirty(new Warp(cta(), 0, 64, program(12, 3, 8), false, null,
                    null)));
            Warp back = WarpStatePool.forThread(12, 3, 8).takeHusk(new int[] {2, 5});
            for (int reg = 0; reg < 12; reg++) {
                long[] lanes = Arrays.copyOfRange(back.r, reg * 32, reg * 32 + 32);
                assertThat(lanes).as("register %d", reg).containsOnly(reg == 2 || reg == 5 ? 0L : 0x5EED);
            }
            assertThat(back.local).containsOnly((byte) 0);
        });
    }

    @Test
    void aWarpBuiltOnAHuskStartsAsANewOne() {
        Program prog = program(12, 3, 8);
        Warp husk = dirty(new Warp(cta(), 0, 64, prog, false, null, null));
        // the second warp of a 40-thread CTA: 8 lanes, so the husk's full mask must not survive
        Warp reused = new Warp(cta(), 1, 40, prog, false, husk, null);
        Warp fresh = new Warp(cta(), 1, 40, prog, false, null, null);
        assertThat(reused.r).isSameAs(husk.r); // within a launch the registers pass on as they are
        for (int[][] pair : new int[][][] {{reused.p, fresh.p}, {reused.spc, fresh.spc}, {reused.smask, fresh.smask},
                {reused.swait, fresh.swait}, {reused.sbar, fresh.sbar}}) {
            assertThat(pair[0]).containsExactly(pair[1]);
        }
        assertThat(reused.valid).isEqualTo(0xFF);
        assertThat(reused.ns).isEqualTo(1);
        // the husk's last load is not a recent one of the new warp
        assertThat(reused.loadsNewAddress(0x1000)).isTrue();
        assertThat(reused.loadsNewAddress(0x1000)).isFalse();
    }

    /** A warp as a launch leaves it: registers, local memory, splits, predicates and recent loads all written. */
    private static Warp dirty(Warp w) {
        Arrays.fill(w.r, 0x5EED);
        Arrays.fill(w.local, (byte) 7);
        Arrays.fill(w.p, -1);
        for (int[] a : new int[][] {w.spc, w.smask, w.swait, w.sbar}) {
            Arrays.fill(a, 9);
        }
        w.ns = 5;
        w.loadsNewAddress(0x1000);
        return w;
    }

    private static Program program(int valueRegs, int predRegs, int localBytes) {
        return new Program("k", new Insn[0], valueRegs, predRegs, new String[valueRegs], List.of(), List.of(), 0, 0,
                16, localBytes, new int[0], null, null);
    }

    private static Cta cta() {
        return new Cta(0, new Coord(0, 0, 0), 64, 0, false);
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
