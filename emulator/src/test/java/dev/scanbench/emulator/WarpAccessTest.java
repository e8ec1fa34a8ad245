package dev.scanbench.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * corpus/access.cu: how one warp's access is resolved. A load at which every active lane reads one address is
 * resolved once per warp, and each lane must get what it would have read alone: the value, its undefined bits, a race
 * record. Lanes whose addresses lie in several memories must each get their own.
 */
class WarpAccessTest {
    private static PtxModule m;
    private static CorpusMarkers markers;

    @BeforeAll
    static void load() throws Exception {
        m = Nvcc.load("access.cu");
        markers = CorpusMarkers.of("access.cu", "ACCESS:");
    }

    private static String at(String marker) {
        return markers.at(marker);
    }

    /** Every diagnostic on (the checked path) and none (the fast path): each test that checks values runs both. */
    private static final List<LaunchOptions> BOTH_PATHS = List.of(LaunchOptions.allChecks(),
            LaunchOptions.defaults().withChecks(EnumSet.noneOf(Check.class)));

    private static LaunchOptions only(Check c) {
        return LaunchOptions.defaults().withChecks(EnumSet.of(c));
    }

    /** The same values with every diagnostic on (the checked path) and with none (the fast path). */
    @Test
    void everyLaneGetsTheOneAddresssValueOnBothPaths() throws Exception {
        int threads = 80; // two full warps and a partial one
        int[] input = new int[threads];
        for (int i = 0; i < threads; i++) {
            input[i] = 3 * i + 1;
        }
        int k = 12;
        for (LaunchOptions opt : BOTH_PATHS) {
            try (Device dev = new Device()) {
                DevicePointer in = dev.alloc(4L * threads);
                DevicePointer out = dev.alloc(4L * 7 * threads);
                dev.copyIn(in, input);
                Run.cleanWith(dev, m, "broadcast_global", Dim3.of(1), Dim3.of(threads), 0, opt, in, out, k);
                int[] got = new int[7 * threads];
                dev.copyOut(out, got);
                for (int t = 0; t < threads; t++) {
                    assertThat(new int[] {got[7 * t], got[7 * t + 1], got[7 * t + 2], got[7 * t + 3], got[7 * t + 4],
                            got[7 * t + 5], got[7 * t + 6]})
                            .as("thread %d with %s", t, opt.checks())
                            .containsExactly(input[k], (t & 1) != 0 ? input[k + 1] : -1, input[k / 4 * 4 + 4],
                                    input[k / 4 * 4 + 5], input[k / 4 * 4 + 6], input[k / 4 * 4 + 7], input[t]);
                }
            }
        }
    }

    /** A word one byte of which was written: every lane's copy is undefined above that byte, not only the first's. */
    @Test
    void everyLaneGetsTheUndefinedBitsOfTheWordItRead() throws Exception {
        try (Device dev = new Device()) {
            DevicePointer out = dev.alloc(4L * 64);
            LaunchResult r = dev.launch(m, "broadcast_partly_written", Dim3.of(1), Dim3.of(64), 0,
                    only(Check.INITCHECK), out);
            assertThat(r.diagnostics()).isEmpty();
            assertThat(r.status()).isEqualTo(LaunchResult.Status.COMPLETED);
            // even lanes store the defined low byte, odd lanes the whole word: the first undefined byte is byte 1
            // of thread 1's word
            Diagnostic d = dev.firstUndefined(out, 4L * 64).orElseThrow();
            assertThat(d.source()).isEqualTo(at("partly"));
            assertThat(d.message()).startsWith("byte 5 (").contains("never-written shared memory at shared offset 1");
            int[] got = new int[64];
            dev.copyOut(out, got);
            for (int t = 0; t < 64; t += 2) {
                assertThat(got[t]).as("thread %d's defined low byte", t).isEqualTo(7);
            }
        }
    }

    /**
     * Three warps broadcast one word and a thread of the last writes it, no barrier between: whichever runs first,
     * a read and the write race (the read after the write, as the scheduler orders them here).
     */
    @Test
    void aWriteBetweenBroadcastsOfOneWordIsARace() throws Exception {
        try (Device dev = new Device()) {
            DevicePointer out = dev.alloc(4L * 96);
            LaunchResult r = dev.launch(m, "broadcast_race", Dim3.of(1), Dim3.of(96), 0,
                    only(Check.RACECHECK), out);
            assertThat(r.of(Check.RACECHECK)).extracting(Diagnostic::source).containsExactly(at("read"));
            assertThat(r.of(Check.RACECHECK).get(0).message())
                    .contains("read of shared offset 0 races with an access by thread (64,0,0)");
        }
    }

    /** One load and one store whose lanes point into two global buffers and shared memory, on both paths. */
    @Test
    void lanesInSeveralMemoriesEachReadAndWriteTheirOwn() throws Exception {
        int threads = 96;
        int[] a = new int[threads];
        int[] b = new int[threads];
        for (int i = 0; i < threads; i++) {
            a[i] = 1000 + i;
            b[i] = 2000 + i;
        }
        for (LaunchOptions opt : BOTH_PATHS) {
            try (Device dev = new Device()) {
                DevicePointer pa = dev.alloc(4L * threads);
                DevicePointer pb = dev.alloc(4L * threads);
                DevicePointer out = dev.alloc(4L * threads);
                dev.copyIn(pa, a);
                dev.copyIn(pb, b);
                Run.cleanWith(dev, m, "three_memories", Dim3.of(1), Dim3.of(threads), 0, opt, pa, pb, out);
                int[] got = new int[threads];
                dev.copyOut(out, got);
                for (int t = 0; t < threads; t++) {
                    int read = t % 3 == 0 ? a[t] : t % 3 == 1 ? b[t] : 100 + t;
                    assertThat(got[t]).as("thread %d with %s", t, opt.checks()).isEqualTo(read + 1);
                }
            }
        }
    }

    /**
     * Evenly spaced lanes (x[s * t + k]): forward and backward spacings, each on both paths, with 80 threads so two
     * warps take the run and the partial third goes lane by lane; every element between the lanes' stays untouched.
     */
    @Test
    void evenlySpacedLanesReadAndWriteTheirOwnElementsOnBothPaths() throws Exception {
        int threads = 80;
        int[][] spacings = {{1, 0}, {3, 2}, {-2, 2 * (threads - 1)}, {-5, 5 * (threads - 1) + 1}};
        for (int[] sk : spacings) {
            int s = sk[0];
            int k = sk[1];
            int n = Math.abs(s) * threads + 2;
            int[] input = new int[n];
            for (int i = 0; i < n; i++) {
                input[i] = 7 * i - 1000;
            }
            for (LaunchOptions opt : BOTH_PATHS) {
                try (Device dev = new Device()) {
                    DevicePointer in = dev.alloc(4L * n);
                    DevicePointer out = dev.alloc(4L * n);
                    dev.copyIn(in, input);
                    dev.copyIn(out, new int[n]);
                    Run.cleanWith(dev, m, "strided_copy", Dim3.of(1), Dim3.of(threads), 0, opt, in, out, s, k);
                    int[] want = new int[n];
                    for (int t = 0; t < threads; t++) {
                        want[s * t + k] = input[s * t + k] + 1;
                    }
                    int[] got = new int[n];
                    dev.copyOut(out, got);
                    assertThat(got).as("spacing %d from %d with %s", s, k, opt.checks()).containsExactly(want);
                }
            }
        }
    }

    /**
     * Four-element vectors two apart, sign-extended bytes and halves three apart: each element at its lane's place,
     * and only the stored halves marked written.
     */
    @Test
    void evenlySpacedVectorsBytesAndHalvesOnBothPaths() throws Exception {
        int threads = 64;
        for (LaunchOptions opt : BOTH_PATHS) {
            try (Device dev = new Device()) {
                int n = 4 * 2 * threads;
                int[] input = new int[n];
                for (int i = 0; i < n; i++) {
                    input[i] = 11 * i;
                }
                DevicePointer in = dev.alloc(4L * n);
                DevicePointer out = dev.alloc(4L * n);
                dev.copyIn(in, input);
                dev.copyIn(out, new int[n]);
                Run.cleanWith(dev, m, "strided_vec", Dim3.of(1), Dim3.of(threads), 0, opt, in, out, 2);
                int[] want = new int[n];
                for (int t = 0; t < threads; t++) {
                    for (int e = 0; e < 4; e++) {
                        want[8 * t + e] = input[8 * t + e] + e + 1;
                    }
                }
                int[] got = new int[n];
                dev.copyOut(out, got);
                assertThat(got).as("int4 two apart with %s", opt.checks()).containsExactly(want);

                byte[] bytes = new byte[3 * threads];
                for (int i = 0; i < bytes.length; i++) {
                    bytes[i] = (byte) (i * 37 + 128);
                }
                DevicePointer b = dev.alloc(bytes.length);
                DevicePointer wide = dev.alloc(4L * threads);
                DevicePointer half = dev.alloc(2L * 3 * threads);
                dev.copyIn(b, bytes);
                Run.cleanWith(dev, m, "strided_narrow", Dim3.of(1), Dim3.of(threads), 0, opt, b, wide, half, 3);
                int[] widened = new int[threads];
                dev.copyOut(wide, widened);
                byte[] halves = new byte[2 * 3 * threads];
                dev.copyOut(half, halves);
                for (int t = 0; t < threads; t++) {
                    assertThat(widened[t]).as("byte of thread %d with %s", t, opt.checks()).isEqualTo(bytes[3 * t]);
                    short h = (short) ((halves[6 * t] & 0xFF) | (halves[6 * t + 1] << 8));
                    assertThat(h).as("half of thread %d with %s", t, opt.checks()).isEqualTo((short) -t);
                    // only each lane's own half counts as written: the two between stay undefined
                    assertThat(dev.firstUndefined(half.plus(6L * t), 2)).as("thread %d's half", t).isEmpty();
                    for (int j = 2; j < 6; j++) {
                        assertThat(dev.firstUndefined(half.plus(6L * t + j), 1)).as("byte %d after thread %d's", j, t)
                                .isPresent();
                    }
                }
            }
        }
    }

    /**
     * A full warp's spaced read whose last lane lies one element past the buffer faults at that lane, on both paths.
     * The first warp's read lies inside and leaves the instruction's allocation cached, so the second's is the one
     * that takes the run's bounds check.
     */
    @Test
    void aSpacedRunWhoseLastLaneIsPastTheEndFaultsThere() throws Exception {
        for (LaunchOptions opt : BOTH_PATHS) {
            try (Device dev = new Device()) {
                int n = 3 * 63; // thread 63, lane 31 of the second warp, reads element 189
                DevicePointer in = dev.alloc(4L * n);
                DevicePointer out = dev.alloc(4L * (n + 1));
                dev.copyIn(in, new int[n]);
                dev.copyIn(out, new int[n + 1]);
                LaunchResult r = dev.launch(m, "strided_copy", Dim3.of(1), Dim3.of(64), 0, opt, in, out, 3, 0);
                assertThat(r.status()).as("with %s", opt.checks()).isEqualTo(LaunchResult.Status.FAULTED);
                Diagnostic d = r.diagnostics().get(0);
                assertThat(d.thread()).isEqualTo(new Coord(63, 0, 0));
                assertThat(d.source()).isEqualTo(at("strided"));
                assertThat(d.message()).contains("out-of-bounds global read of 4 bytes").contains("0 bytes after the end");
                int[] got = new int[n + 1];
                dev.copyOut(out, got);
                for (int i = 96; i <= n; i++) {
                    assertThat(got[i]).as("element %d, the faulting warp's", i).isZero();
                }
            }
        }
    }
}
