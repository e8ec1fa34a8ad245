package dev.scanbench.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * corpus/runs.cu: a full warp's evenly spaced loads and stores with the memory diagnostics on take one pass for the
 * whole warp (exec.MemoryUnit's checked runs) only where no lane has anything to report; these kernels put something
 * to report in such runs (bytes never written, undefined values stored, shared races) and check that it is found,
 * and that a clean launch counts the bytes and the critical path that the launch without diagnostics counts.
 */
class MemoryRunTest {
    private static final int BLOCKS = 4;
    private static final int THREADS = 128;
    private static final int N = BLOCKS * THREADS;
    private static PtxModule m;

    @BeforeAll
    static void load() throws Exception {
        m = Nvcc.load("runs.cu");
    }

    private record Outcome(int[] y, int[] flags, LaunchResult result) { }

    /** Runs {@code strided} with {@code written} elements of x written (the rest never is). */
    private static Outcome strided(LaunchOptions opt, int[] x, int[] x4, int written) throws Exception {
        try (Device dev = new Device()) {
            DevicePointer px = dev.alloc(4L * x.length);
            DevicePointer px4 = dev.alloc(4L * x4.length);
            DevicePointer py = dev.alloc(4L * N);
            DevicePointer pf = dev.alloc(4L * N);
            dev.copyIn(px, java.util.Arrays.copyOf(x, written));
            dev.copyIn(px4, x4);
            dev.copyIn(pf, new int[N]);
            LaunchResult r = dev.launch(m, "strided", Dim3.of(BLOCKS), Dim3.of(THREADS), 0, opt, px, px4, py, pf);
            int[] y = new int[N];
            int[] f = new int[N];
            dev.copyOut(py, y);
            dev.copyOut(pf, f);
            return new Outcome(y, f, r);
        }
    }

    private static int[][] stridedInputs() {
        Random rnd = new Random(31);
        return new int[][] {rnd.ints(8 * N, -50, 50).toArray(), rnd.ints(4 * N, -50, 50).toArray()};
    }

    @Test
    void aCleanStridedLaunchWithEveryDiagnosticCountsWhatTheLaunchWithoutCounts() throws Exception {
        int[][] in = stridedInputs();
        int[] x = in[0];
        int[] x4 = in[1];
        Outcome checked = strided(LaunchOptions.allChecks().withCriticalPath(true), x, x4, x.length);
        Outcome plain = strided(LaunchOptions.defaults().withCriticalPath(true), x, x4, x.length);
        assertThat(checked.result.diagnostics()).isEmpty();
        for (int i = 0; i < N; i++) {
            int v = x[8 * i] + x[i] + x4[4 * i] + x4[4 * i + 1] + x4[4 * i + 2] + x4[4 * i + 3];
            assertThat(checked.y[i]).as("y[%d]", i).isEqualTo(v);
            assertThat(checked.flags[i]).as("flags[%d]", i).isEqualTo(v > 0 ? 1 : 0);
        }
        assertThat(checked.y).isEqualTo(plain.y);
        assertThat(checked.flags).isEqualTo(plain.flags);
        Counters c = checked.result.counters();
        assertThat(c.globalBytesRead()).as("x[8i], x[i] and an int4 per thread").isEqualTo(N * (4L + 4 + 16));
        assertThat(c).as("counters, critical path included, against the launch without diagnostics")
                .isEqualTo(plain.result.counters());
    }

    @Test
    void runsAloneCarryTheCriticalPathWithEveryDiagnosticOn() throws Exception {
        int blocks = 40;
        Counters[] counters = new Counters[2];
        int[][] got = new int[2][32 * (blocks + 1)];
        LaunchOptions one = LaunchOptions.defaults().withResidency(1, 1).withCriticalPath(true);
        LaunchOptions[] options = {LaunchOptions.allChecks().withResidency(1, 1).withCriticalPath(true), one};
        for (int k = 0; k < 2; k++) {
            try (Device dev = new Device()) {
                DevicePointer buf = dev.alloc(4L * got[k].length);
                dev.copyIn(buf, new int[got[k].length]);
                counters[k] = Run.cleanWith(dev, m, "relay", Dim3.of(blocks), Dim3.of(32), 0, options[k], buf)
                        .counters();
                dev.copyOut(buf, got[k]);
            }
        }
        for (int i = 0; i < got[0].length; i++) {
            assertThat(got[0][i]).as("word %d", i).isEqualTo(i / 32);
        }
        assertThat(counters[0].criticalPath().chainHops()).as("a hop per block after the first")
                .isEqualTo(blocks - 1);
        assertThat(counters[0]).isEqualTo(counters[1]);
    }

    @Test
    void aRunThatReadsNeverWrittenBytesIsReported() throws Exception {
        int[][] in = stridedInputs();
        // x[8i] for the upper half of the threads lies beyond the written half; x[i] is always written
        Outcome r = strided(LaunchOptions.allChecks(), in[0], in[1], in[0].length / 2);
        assertThat(r.result.of(Check.INITCHECK)).isNotEmpty();
        assertThat(r.result.of(Check.INITCHECK).get(0).message()).contains("never-written global memory");
    }

    /** The races one CTA of two warps running {@code entry} with every diagnostic on is reported for. */
    private static java.util.List<Diagnostic> racesOf(String entry) throws Exception {
        try (Device dev = new Device()) {
            DevicePointer out = dev.alloc(4L * 64);
            return dev.launch(m, entry, Dim3.of(1), Dim3.of(64), 0, LaunchOptions.allChecks(), out)
                    .of(Check.RACECHECK);
        }
    }

    @Test
    void warpsWritingOneSharedRunWithoutABarrierRace() throws Exception {
        java.util.List<Diagnostic> races = racesOf("shared_write_race");
        assertThat(races).isNotEmpty();
        assertThat(races.get(0).message()).startsWith("write of shared offset");
    }

    @Test
    void aWarpReadingAnotherWarpsSharedRunWithoutABarrierRaces() throws Exception {
        java.util.List<Diagnostic> races = racesOf("shared_read_race");
        assertThat(races).isNotEmpty();
        assertThat(races.get(0).message()).startsWith("read of shared offset");
    }

    @Test
    void undefinedValuesStoredInARunStayUndefined() throws Exception {
        try (Device dev = new Device()) {
            DevicePointer x = dev.alloc(4L * 32);
            DevicePointer out = dev.alloc(4L * 32);
            dev.copyIn(x, new Random(5).ints(32, 1, 100).toArray());
            dev.copyIn(out, new int[32]);
            LaunchResult r = dev.launch(m, "undefined_store", Dim3.of(1), Dim3.of(32), 0, LaunchOptions.allChecks(),
                    x, out);
            assertThat(r.of(Check.INITCHECK)).as("lanes 0-15 read back what lanes 16-31 never computed")
                    .isNotEmpty();
            int[] o = new int[32];
            dev.copyOut(out, o);
            for (int lane = 16; lane < 32; lane++) {
                assertThat(o[lane]).as("lane %d reads a defined positive value", lane).isEqualTo(1);
            }
        }
    }
}
