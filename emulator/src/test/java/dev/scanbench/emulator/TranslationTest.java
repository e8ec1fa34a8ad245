package dev.scanbench.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The block translator (dev.scanbench.emulator.translate) against a Java model and against the interpreter alone:
 * corpus/translate.cu's straight runs of every operation it emits, and corpus/lookback.cu's scan, whose blocks sit
 * between loads, shuffles, barriers and spin loops. With translation on, a launch must leave the same memory and
 * count the same instructions as with it off: a block runs only where the interpreter would run the same
 * instructions in the same turn.
 */
class TranslationTest {
    private static final int R = 40;
    private static final int WARPS = 64;
    private static PtxModule m;

    @BeforeAll
    static void load() throws Exception {
        m = Nvcc.load("translate.cu");
    }

    /** Inputs: warp 0 has x > y in every lane (the branch is taken by all), warp 1 in none, the rest at random. */
    private static int[][] inputs() {
        Random rnd = new Random(77);
        int threads = 32 * WARPS;
        int[] a = new int[threads];
        int[] b = new int[threads];
        int[] edge = {0, 1, -1, 7, -5, 1000, 1001, Integer.MIN_VALUE, Integer.MAX_VALUE, 0x80000001, -1000};
        for (int t = 0; t < threads; t++) {
            a[t] = t % 3 == 0 ? edge[(t / 3) % edge.length] : rnd.nextInt();
            b[t] = t % 5 == 0 ? a[t] : t % 7 == 0 ? edge[(t / 7) % edge.length] : rnd.nextInt();
            if (t < 32) {
                a[t] = 1000 + t;
                b[t] = -t;
            } else if (t < 64) {
                a[t] = t;
                b[t] = 2 * t;
            }
        }
        return new int[][] {a, b};
    }

    private record Outcome(int[] out, long[] wide, Counters counters) { }

    private static Outcome run(LaunchOptions opt, int[] a, int[] b) throws Exception {
        int threads = a.length;
        try (Device dev = new Device()) {
            DevicePointer pa = dev.alloc(4L * threads);
            DevicePointer pb = dev.alloc(4L * threads);
            DevicePointer out = dev.alloc(4L * R * threads);
            DevicePointer wide = dev.alloc(8L * 8 * threads);
            dev.copyIn(pa, a);
            dev.copyIn(pb, b);
            LaunchResult r = Run.cleanWith(dev, m, "blocks", Dim3.of(WARPS / 4), Dim3.of(128), 0, opt, pa, pb, out,
                    wide);
            int[] o = new int[R * threads];
            long[] w = new long[8 * threads];
            dev.copyOut(out, o);
            dev.copyOut(wide, w);
            return new Outcome(o, w, r.counters());
        }
    }

    @Test
    void everyTranslatedOperationMatchesTheModelAndTheInterpreter() throws Exception {
        int[][] in = inputs();
        LaunchOptions none = LaunchOptions.defaults();
        LaunchOptions memory = LaunchOptions.defaults().withChecks(EnumSet.of(Check.MEMCHECK, Check.RACECHECK,
                Check.SYNCCHECK));
        // several launches, so that blocks are translated part-way through one whatever the arrival threshold
        for (LaunchOptions opt : new LaunchOptions[] {none, none, memory, none}) {
            Outcome on = run(opt, in[0], in[1]);
            Outcome off = run(opt.withTranslation(false), in[0], in[1]);
            for (int t = 0; t < in[0].length; t++) {
                int[] want = expected(in[0][t], in[1][t], t);
                long[] wantWide = expectedWide(in[0][t], in[1][t]);
                for (int i = 0; i < 27; i++) {
                    assertThat(on.out[R * t + i]).as("result %d of thread %d (x=%d, y=%d), %s", i, t, in[0][t],
                            in[1][t], opt.checks()).isEqualTo(want[i]);
                }
                for (int i = 0; i < 8; i++) {
                    assertThat(on.wide[8 * t + i]).as("wide result %d of thread %d (x=%d, y=%d)", i, t, in[0][t],
                            in[1][t]).isEqualTo(wantWide[i]);
                }
            }
            assertThat(on.out).isEqualTo(off.out);
            assertThat(on.wide).isEqualTo(off.wide);
            assertThat(on.counters).as("counters with translation against without").isEqualTo(off.counters);
        }
    }

    @Test
    void lookBackScanLeavesTheSameMemoryAndCountsWithAndWithoutTranslation() throws Exception {
        PtxModule scan = Nvcc.load("lookback.cu");
        int[] v = new Random(12).ints(ScanCorpusTest.TILE * 40 + 77, -100, 100).toArray();
        int[] want = ScanCorpusTest.expected(v);
        LaunchOptions[] options = {LaunchOptions.defaults().withResidency(4, 2),
            LaunchOptions.defaults().withOrder(DispatchOrder.RANDOM, 3).withResidency(1, 3),
            LaunchOptions.defaults().withResidency(2, 2).withCriticalPath(true),
            LaunchOptions.defaults().withQuantum(7)};
        for (LaunchOptions opt : options) {
            int n = v.length;
            int tiles = (n + ScanCorpusTest.TILE - 1) / ScanCorpusTest.TILE;
            Counters[] counters = new Counters[2];
            for (int k = 0; k < 2; k++) {
                try (Device dev = new Device()) {
                    DevicePointer pin = dev.alloc(4L * n);
                    DevicePointer pout = dev.alloc(4L * n);
                    DevicePointer state = dev.alloc(8L * tiles);
                    DevicePointer ticket = dev.alloc(4);
                    dev.copyIn(pin, v);
                    dev.memset(state, (byte) 0, 8L * tiles);
                    dev.memset(ticket, (byte) 0, 4);
                    LaunchResult r = Run.cleanWith(dev, scan, "lookback_scan", Dim3.of(tiles), Dim3.of(256), 0,
                            opt.withTranslation(k == 0), pin, pout, state, ticket, n);
                    int[] o = new int[n];
                    dev.copyOut(pout, o);
                    assertThat(o).as("scan with translation %s, %s", k == 0 ? "on" : "off", opt).isEqualTo(want);
                    counters[k] = r.counters();
                }
            }
            assertThat(counters[0]).as("counters with translation against without, %s", opt).isEqualTo(counters[1]);
        }
    }

    @Test
    void warpsTakeTheSameTurnsWithAndWithoutTranslation() throws Exception {
        int threads = 512;
        int[] a = new Random(13).ints(threads).toArray();
        for (int quantum : new int[] {7, 30, 64}) {
            long[][] got = new long[2][];
            Counters[] counters = new Counters[2];
            for (int k = 0; k < 2; k++) {
                try (Device dev = new Device()) {
                    DevicePointer pa = dev.alloc(4L * threads);
                    DevicePointer out = dev.alloc(8L * 5 * threads);
                    dev.copyIn(pa, a);
                    LaunchOptions opt = LaunchOptions.defaults().withQuantum(quantum).withTranslation(k == 0);
                    // twice, so that every block is translated for the second launch whatever the threshold
                    Run.cleanWith(dev, m, "turns", Dim3.of(threads / 128), Dim3.of(128), 0, opt, pa, out);
                    counters[k] = Run.cleanWith(dev, m, "turns", Dim3.of(threads / 128), Dim3.of(128), 0, opt, pa,
                            out).counters();
                    got[k] = new long[5 * threads];
                    dev.copyOut(out, got[k]);
                }
            }
            for (int t = 0; t < threads; t++) {
                int x = a[t];
                for (int k = 0; k < 4; k++) {
                    for (int i = 0; i < 9; i++) {
                        x = (x * (int) 2654435761L + k) ^ (x >>> 7);
                    }
                }
                assertThat((int) got[0][5 * t + 4]).as("hash of thread %d", t).isEqualTo(x);
            }
            // the clocks are warp-instructions run so far by all warps: they tell each warp's turns apart
            assertThat(got[0]).as("clocks and hashes with translation against without, quantum %d", quantum)
                    .isEqualTo(got[1]);
            assertThat(counters[0]).isEqualTo(counters[1]);
        }
    }

    @Test
    void guardedInstructionsCountTheirActiveLanesEvenWhereTheGuardIsRewrittenLater() throws Exception {
        int threads = 128;
        int[] a = new Random(15).ints(threads).toArray();
        for (int lanes : new int[] {3, 20, 32}) {
            Counters[] counters = new Counters[2];
            int[][] got = new int[2][3 * threads];
            for (int k = 0; k < 2; k++) {
                try (Device dev = new Device()) {
                    DevicePointer pa = dev.alloc(4L * threads);
                    DevicePointer out = dev.alloc(4L * 3 * threads);
                    dev.copyIn(pa, a);
                    LaunchOptions opt = LaunchOptions.defaults().withTranslation(k == 0);
                    for (int rep = 0; rep < 2; rep++) {
                        counters[k] = Run.cleanWith(dev, m, "rewritten_guard", Dim3.of(1), Dim3.of(threads), 0, opt,
                                pa, out, lanes).counters();
                    }
                    dev.copyOut(out, got[k]);
                }
            }
            for (int t = 0; t < threads; t++) {
                int lane = t & 31;
                int x = a[t];
                assertThat(new int[] {got[0][3 * t], got[0][3 * t + 1], got[0][3 * t + 2]}).as("thread %d", t)
                        .containsExactly(lane < lanes ? t + x : t, lane >= lanes ? -t - x : -t,
                                lane < 7 ? (2 * t) ^ x : 2 * t);
            }
            assertThat(got[0]).as("%d lanes", lanes).isEqualTo(got[1]);
            assertThat(counters[0]).as("counters with translation against without, %d lanes", lanes)
                    .isEqualTo(counters[1]);
        }
    }

    @Test
    void divergedPathsRunTheirBlocksForTheirOwnLanesAndMeetAgain() throws Exception {
        int threads = 256;
        Random rnd = new Random(17);
        int[] a = new int[threads];
        for (int t = 0; t < threads; t++) {
            // warp 0 all negative, warp 1 none, the rest mixed (warp 2 alternating lanes)
            a[t] = t < 32 ? -1 - rnd.nextInt(1000) : t < 64 ? rnd.nextInt(1000) : t < 96 ? (t % 2 == 0 ? -t : t)
                    : rnd.nextInt();
        }
        for (LaunchOptions base : new LaunchOptions[] {LaunchOptions.defaults(), LaunchOptions.allChecks(),
            LaunchOptions.defaults().withQuantum(5)}) {
            Counters[] counters = new Counters[2];
            int[][] got = new int[2][threads];
            for (int k = 0; k < 2; k++) {
                try (Device dev = new Device()) {
                    DevicePointer pa = dev.alloc(4L * threads);
                    DevicePointer out = dev.alloc(4L * threads);
                    dev.copyIn(pa, a);
                    for (int rep = 0; rep < 2; rep++) {
                        counters[k] = Run.cleanWith(dev, m, "diverge", Dim3.of(2), Dim3.of(threads / 2), 0,
                                base.withTranslation(k == 0), pa, out).counters();
                    }
                    dev.copyOut(out, got[k]);
                }
            }
            for (int t = 0; t < threads; t++) {
                int x = a[t];
                int want = (x < 0 ? ((-x << 2) + 1 + x) : (((x * 3 + 7) ^ 85) + x)) * 5;
                assertThat(got[0][t]).as("thread %d (x=%d), %s", t, x, base.checks()).isEqualTo(want);
            }
            assertThat(got[0]).isEqualTo(got[1]);
            assertThat(counters[0]).as("counters with translation against without, %s", base).isEqualTo(counters[1]);
        }
    }

    @Test
    void integerConversionsMatchTheModelAndTheInterpreter() throws Exception {
        int threads = 256;
        int[] a = new Random(18).ints(threads).toArray();
        a[0] = Integer.MIN_VALUE;
        a[1] = -1;
        a[2] = 0x7FFF;
        a[3] = 0x8000;
        long[][] got = new long[2][5 * threads];
        Counters[] counters = new Counters[2];
        for (int k = 0; k < 2; k++) {
            try (Device dev = new Device()) {
                DevicePointer pa = dev.alloc(4L * threads);
                DevicePointer out = dev.alloc(8L * 5 * threads);
                dev.copyIn(pa, a);
                for (int rep = 0; rep < 2; rep++) {
                    counters[k] = Run.cleanWith(dev, m, "conversions", Dim3.of(2), Dim3.of(threads / 2), 0,
                            LaunchOptions.allChecks().withTranslation(k == 0), pa, out).counters();
                }
                dev.copyOut(out, got[k]);
            }
        }
        for (int t = 0; t < threads; t++) {
            int x = a[t];
            long w = (long) x * 3 - 7;
            assertThat(new long[] {got[0][5 * t], got[0][5 * t + 1], got[0][5 * t + 2], got[0][5 * t + 3],
                got[0][5 * t + 4]}).as("thread %d (x=%d)", t, x).containsExactly((long) x,
                    Integer.toUnsignedLong(x), (long) (int) w, (long) (short) x, (long) (x & 0xFFFF));
        }
        assertThat(got[0]).isEqualTo(got[1]);
        assertThat(counters[0]).isEqualTo(counters[1]);
    }

    @Test
    void initcheckFindsTheSameUndefinedValuesWithAndWithoutTranslation() throws Exception {
        int[] written = new Random(14).ints(32).toArray();
        LaunchResult[] results = new LaunchResult[2];
        int[][] got = new int[2][64];
        for (int k = 0; k < 2; k++) {
            try (Device dev = new Device()) {
                DevicePointer in = dev.alloc(4L * 64);
                DevicePointer out = dev.alloc(4L * 64);
                dev.copyIn(in, written); // the first 32 elements only
                LaunchOptions opt = LaunchOptions.allChecks().withTranslation(k == 0);
                for (int rep = 0; rep < 2; rep++) { // the second launch runs translated whatever the threshold
                    results[k] = dev.launch(m, "undefined_flow", Dim3.of(1), Dim3.of(64), 0, opt, in, out);
                }
                dev.copyOut(out, got[k]);
            }
        }
        assertThat(results[0].of(Check.INITCHECK)).as("the second warp's undefined values are found").isNotEmpty();
        assertThat(results[0].diagnostics()).as("diagnostics with translation against without")
                .isEqualTo(results[1].diagnostics());
        assertThat(results[0].status()).isEqualTo(results[1].status());
        assertThat(results[0].counters()).isEqualTo(results[1].counters());
        assertThat(got[0]).isEqualTo(got[1]);
        for (int t = 0; t < 32; t++) {
            int x = written[t];
            for (int i = 0; i < 9; i++) {
                x = (x * (int) 2654435761L + 1) ^ (x >>> 7);
            }
            assertThat(got[0][t]).as("thread %d", t).isEqualTo((x & 1) != 0 ? x + 5 : x);
        }
    }

    private static int[] expected(int x, int y, int t) {
        int[] r = new int[27];
        r[0] = x + y;
        r[1] = x - y;
        r[2] = x * y;
        r[3] = x * y + r[0];
        r[4] = x & 0xF0F0F0F0;
        r[5] = x | y;
        r[6] = r[5] ^ r[2];
        r[7] = x << 7;
        r[8] = x >>> 9;
        r[9] = x >> 9;
        r[10] = 0; // shifts clamp at the width
        r[11] = 0;
        r[12] = x >> 31;
        boolean p = x < y;
        boolean q = Integer.compareUnsigned(x, 1000) > 0;
        r[13] = p ? x : y;
        r[14] = q ? 1 : 0;
        r[15] = !q ? r[0] : 5;
        r[16] = !p ? 7 : r[1];
        r[17] = r[0] != r[1] ? r[6] : r[7];
        r[18] = r[3];
        r[19] = -123456;
        int u = Integer.compareUnsigned(x, y);
        boolean[] holds = {x == y, x != y, x < y, x <= y, x > y, x >= y, u < 0, u <= 0, u > 0, u >= 0, u < 0, u >= 0,
            x < -5, x > -5, x == -5, Integer.compareUnsigned(x, -5) > 0, Integer.compareUnsigned(x, 7) < 0, x <= 7,
            x != 7, Integer.compareUnsigned(x, 7) >= 0};
        for (int k = 0; k < holds.length; k++) {
            r[20] |= holds[k] ? 1 << k : 0;
        }
        int z = x + 1 + y;
        r[21] = x > y ? z : (z + 100) ^ 3;
        boolean hi = Integer.compareUnsigned(x, y) > 0;
        r[22] = p ? x + y : x;
        r[22] = !hi ? r[22] ^ 255 : r[22];
        r[23] = hi ? (p ? x : y) : 17;
        r[24] = p ? x * 3 : t;
        r[25] = !p ? y << 2 : -t;
        long w0 = (long) x * y;
        long w1 = Integer.toUnsignedLong(x) * Integer.toUnsignedLong(y);
        int wu = Long.compareUnsigned(w0, w1);
        boolean[] wide = {w0 < w1, wu > 0, w0 >= -4294967296L, w0 == w1, wu <= 0, w0 != 0,
            Long.compareUnsigned(w0, 4294967296L) < 0, w0 > w1};
        for (int k = 0; k < wide.length; k++) {
            r[26] |= wide[k] ? 1 << k : 0;
        }
        return r;
    }

    private static long[] expectedWide(int x, int y) {
        long[] w = new long[8];
        w[0] = (long) x * y;
        w[1] = Integer.toUnsignedLong(x) * Integer.toUnsignedLong(y);
        w[2] = (long) x * y + w[0];
        w[3] = w[0] + w[1];
        w[4] = w[3] << 13;
        w[5] = w[0] >> 3;
        w[6] = w[0] >>> 3;
        w[7] = w[4] ^ -81985529216486895L;
        return w;
    }

    /**
     * A trace checks an address register's spacing once and trusts it for the next access through the same register
     * only while nothing rewrites it: here %rd4 holds in + 4 x tid (evenly spaced) for the first load, then
     * in + 4 x tid^2 (not: lanes 0 and 1 are still a stride apart), and %rd7 a pointer loaded into itself (spaced
     * before, not after). Both later loads must gather lane by lane.
     */
    @Test
    void anAccessTrustsItsRegistersSpacingOnlyUntilTheRegisterIsWritten() throws Exception {
        PtxModule k = Emulator.load("""
                .version 9.0
                .target sm_90a
                .address_size 64
                .visible .entry k(.param .u64 in, .param .u64 out, .param .u64 ptrs)
                {
                    .reg .b32 %r<8>;
                    .reg .b64 %rd<10>;
                    ld.param.u64 %rd1, [in];
                    ld.param.u64 %rd2, [out];
                    ld.param.u64 %rd8, [ptrs];
                    mov.u32 %r1, %tid.x;
                    mul.wide.u32 %rd3, %r1, 4;
                    add.s64 %rd4, %rd1, %rd3;
                    ld.global.u32 %r2, [%rd4];
                    mul.lo.u32 %r3, %r1, %r1;
                    mul.wide.u32 %rd5, %r3, 4;
                    add.s64 %rd4, %rd1, %rd5;
                    ld.global.u32 %r4, [%rd4];
                    mul.wide.u32 %rd9, %r1, 8;
                    add.s64 %rd7, %rd8, %rd9;
                    ld.global.u64 %rd7, [%rd7];
                    ld.global.u32 %r6, [%rd7];
                    add.s32 %r5, %r2, %r4;
                    add.s32 %r5, %r5, %r6;
                    add.s64 %rd6, %rd2, %rd3;
                    st.global.u32 [%rd6], %r5;
                    ret;
                }
                """);
        int threads = 64;
        int[] in = new Random(21).ints(threads * threads, -1000, 1000).toArray();
        for (boolean translate : new boolean[] {true, false}) {
            try (Device dev = new Device()) {
                DevicePointer pin = dev.alloc(4L * in.length);
                DevicePointer out = dev.alloc(4L * threads);
                DevicePointer ptrs = dev.alloc(8L * threads);
                dev.copyIn(pin, in);
                long[] p = new long[threads];
                for (int t = 0; t < threads; t++) {
                    p[t] = pin.address() + 4L * pointed(t); // lanes 0 and 1 a stride apart, the rest not
                }
                dev.copyIn(ptrs, p);
                LaunchOptions opt = LaunchOptions.defaults().withTranslation(translate);
                for (int rep = 0; rep < 3; rep++) {
                    Run.cleanWith(dev, k, "k", Dim3.of(1), Dim3.of(threads), 0, opt, pin, out, ptrs);
                }
                int[] got = new int[threads];
                dev.copyOut(out, got);
                for (int t = 0; t < threads; t++) {
                    assertThat(got[t]).as("thread %d, translation %s", t, translate)
                            .isEqualTo(in[t] + in[t * t] + in[pointed(t)]);
                }
            }
        }
    }

    /** Where thread t's pointer points: one element on in lanes 0 and 1 of a warp, 37 on in the others. */
    private static int pointed(int t) {
        return t + (t % 32 >= 2 ? 37 : 0);
    }

    /**
     * A trace skips a shfl's per-lane operand check only for registers it set with an unguarded mov of an immediate:
     * here one lane operand is such a mov (every lane reads lane 3), one is rewritten per lane (lane l reads l & 7),
     * and one is a mov under a guard that holds in half the lanes (delta 2 below lane 16, 1 above).
     */
    @Test
    void aShuffleTrustsItsOperandsToBeUniformOnlyWhereAnUnguardedMovSetThem() throws Exception {
        PtxModule k = Emulator.load("""
                .version 9.0
                .target sm_90a
                .address_size 64
                .visible .entry k(.param .u64 out)
                {
                    .reg .pred %p<2>;
                    .reg .b32 %r<8>;
                    .reg .b64 %rd<5>;
                    ld.param.u64 %rd1, [out];
                    mov.u32 %r1, %tid.x;
                    and.b32 %r7, %r1, 31;
                    mov.u32 %r2, 3;
                    shfl.sync.idx.b32 %r3, %r1, %r2, 31, -1;
                    and.b32 %r2, %r1, 7;
                    shfl.sync.idx.b32 %r4, %r1, %r2, 31, -1;
                    mov.u32 %r5, 1;
                    setp.lt.u32 %p1, %r7, 16;
                    @%p1 mov.u32 %r5, 2;
                    shfl.sync.up.b32 %r6, %r1, %r5, 0, -1;
                    cvta.to.global.u64 %rd2, %rd1;
                    mul.wide.u32 %rd3, %r1, 12;
                    add.s64 %rd4, %rd2, %rd3;
                    st.global.u32 [%rd4], %r3;
                    st.global.u32 [%rd4+4], %r4;
                    st.global.u32 [%rd4+8], %r6;
                    ret;
                }
                """);
        int threads = 64;
        for (boolean translate : new boolean[] {true, false}) {
            try (Device dev = new Device()) {
                DevicePointer out = dev.alloc(12L * threads);
                LaunchOptions opt = LaunchOptions.defaults().withTranslation(translate);
                for (int rep = 0; rep < 3; rep++) {
                    Run.cleanWith(dev, k, "k", Dim3.of(1), Dim3.of(threads), 0, opt, out);
                }
                int[] got = new int[3 * threads];
                dev.copyOut(out, got);
                for (int t = 0; t < threads; t++) {
                    int lane = t & 31;
                    int warp = t - lane;
                    int delta = lane < 16 ? 2 : 1;
                    assertThat(new int[] {got[3 * t], got[3 * t + 1], got[3 * t + 2]})
                            .as("thread %d, translation %s", t, translate)
                            .containsExactly(warp + 3, warp + (lane & 7), lane >= delta ? t - delta : t);
                }
            }
        }
    }
}
