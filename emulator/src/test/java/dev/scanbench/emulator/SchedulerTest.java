package dev.scanbench.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** corpus/sched.cu and lookback.cu: dispatch order, residency, grid sync, deadlock detection. */
class SchedulerTest {
    private static int[] probe(PtxModule m, LaunchOptions opt) throws Exception {
        try (Device dev = new Device()) {
            DevicePointer flags = dev.alloc(4L * 8);
            DevicePointer out = dev.alloc(4L * 8);
            dev.memset(flags, (byte) 0, 32);
            Run.cleanWith(dev, m, "order_probe", Dim3.of(8), Dim3.of(32), 0, opt, flags, out);
            int[] o = new int[8];
            dev.copyOut(out, o);
            return o;
        }
    }

    @Test
    void orderDependentResultIsExposedByReversedAndRandomDispatch() throws Exception {
        PtxModule m = Nvcc.load("sched.cu");
        LaunchOptions one = LaunchOptions.defaults().withResidency(1, 1);
        int[] inOrder = probe(m, one);
        int[] reversed = probe(m, one.withOrder(DispatchOrder.REVERSED, 0));
        int[] random = probe(m, one.withOrder(DispatchOrder.RANDOM, 7));
        assertThat(inOrder).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(reversed).containsExactly(0, 0, 0, 0, 0, 0, 0, 0);
        assertThat(random).isNotEqualTo(inOrder).isNotEqualTo(reversed);
        assertThat(probe(m, one.withOrder(DispatchOrder.RANDOM, 7))).as("seeded: reproducible").isEqualTo(random);
    }

    @Test
    void blockIndexLookBackDeadlocksUnderReversedDispatchWithLimitedResidencyAndIsReported() throws Exception {
        PtxModule m = Nvcc.load("lookback.cu");
        int tiles = 6;
        int n = ScanCorpusTest.TILE * tiles;
        try (Device dev = new Device()) {
            DevicePointer in = dev.alloc(4L * n);
            DevicePointer out = dev.alloc(4L * n);
            DevicePointer state = dev.alloc(8L * tiles);
            dev.copyIn(in, new Random(1).ints(n, -5, 5).toArray());
            dev.memset(state, (byte) 0, 8L * tiles);
            LaunchOptions opt = LaunchOptions.defaults().withResidency(1, 2).withOrder(DispatchOrder.REVERSED, 0)
                    .withLimits(2_000_000, Long.MAX_VALUE);
            LaunchResult r = dev.launch(m, "lookback_blockidx", Dim3.of(tiles), Dim3.of(256), 0, opt, in, out, state, n);
            assertThat(r.status()).isEqualTo(LaunchResult.Status.DEADLOCKED);
            Diagnostic spinner = r.of(Check.DEADLOCK).stream().filter(d -> d.message().contains("spins")).findFirst()
                    .orElseThrow();
            assertThat(spinner.source()).startsWith("lookback.cu:");
            assertThat(spinner.message()).contains("last polled address 0x").contains("ld.acquire");
            assertThat(r.of(Check.DEADLOCK).get(r.of(Check.DEADLOCK).size() - 1).message())
                    .contains("4 CTAs never started");
        }
    }

    @Test
    void gridSyncCompletesWhenTheWholeGridIsResident() throws Exception {
        PtxModule m = Nvcc.load("sched.cu");
        int n = 4 * 64;
        try (Device dev = new Device()) {
            DevicePointer a = dev.alloc(4L * n);
            LaunchResult r = dev.launch(m, "grid_sync", Dim3.of(4), Dim3.of(64), 0, LaunchOptions.allChecks(),
                    new LaunchMode(true, 0), a, n);
            assertThat(r.diagnostics()).isEmpty();
            assertThat(r.status()).isEqualTo(LaunchResult.Status.COMPLETED);
            int[] o = new int[n];
            dev.copyOut(a, o);
            assertThat(o).containsOnly(2);
        }
    }

    @Test
    void spinOnAFlagNobodySetsIsReportedNotHung() throws Exception {
        PtxModule m = Nvcc.load("sched.cu");
        try (Device dev = new Device()) {
            DevicePointer flag = dev.alloc(4);
            DevicePointer out = dev.alloc(4L * 128);
            dev.memset(flag, (byte) 0, 4);
            LaunchOptions opt = LaunchOptions.defaults().withLimits(500_000, Long.MAX_VALUE);
            LaunchResult r = dev.launch(m, "spin_forever", Dim3.of(2), Dim3.of(64), 0, opt, flag, out);
            assertThat(r.status()).isEqualTo(LaunchResult.Status.DEADLOCKED);
            Diagnostic d = r.of(Check.DEADLOCK).get(0);
            assertThat(d.block()).isEqualTo(new Coord(0, 0, 0));
            assertThat(d.thread()).isEqualTo(new Coord(0, 0, 0));
            assertThat(d.source()).isEqualTo("sched.cu:30");
            assertThat(d.message()).contains("spins").contains("0x" + Long.toHexString(flag.address()));
            assertThat(r.counters().ctas()).as("block 1 finished").isEqualTo(1);
        }
    }

    @Test
    void namedBarrierThatTooFewThreadsReachIsReportedAsDeadlock() throws Exception {
        PtxModule m = Nvcc.load("sched.cu");
        try (Device dev = new Device()) {
            DevicePointer out = dev.alloc(4L * 128);
            LaunchResult r = dev.launch(m, "barrier_deadlock", Dim3.of(1), Dim3.of(128), 0, LaunchOptions.defaults(),
                    out);
            assertThat(r.status()).isEqualTo(LaunchResult.Status.DEADLOCKED);
            Diagnostic d = r.of(Check.DEADLOCK).get(0);
            assertThat(d.message()).contains("no warp can make progress").contains("CTA barrier 1")
                    .contains("32 of 64 threads arrived");
            assertThat(d.source()).isEqualTo("sched.cu:38");
        }
    }

    @Test
    void trapStopsTheLaunchWithAFaultNamingTheThread() throws Exception {
        PtxModule m = Nvcc.load("sched.cu");
        try (Device dev = new Device()) {
            DevicePointer out = dev.alloc(4L * 32);
            LaunchResult r = dev.launch(m, "trap_kernel", Dim3.of(1), Dim3.of(32), 0, LaunchOptions.defaults(), out);
            assertThat(r.status()).isEqualTo(LaunchResult.Status.FAULTED);
            Diagnostic d = r.of(Check.FAULT).get(0);
            assertThat(d.thread()).isEqualTo(new Coord(5, 0, 0));
            assertThat(d.message()).contains("trap");
            assertThat(d.source()).isEqualTo("sched.cu:45");
        }
    }

    @Test
    void longLoopsOverFreshAddressesAreProgressNotDeadlock() throws Exception {
        PtxModule m = Nvcc.load("sched.cu");
        int n = 1 << 16;
        int[] v = new Random(21).ints(n, 0, 100).toArray();
        try (Device dev = new Device()) {
            DevicePointer in = dev.alloc(4L * n);
            DevicePointer out = dev.alloc(4);
            dev.copyIn(in, v);
            dev.memset(out, (byte) 0, 4);
            // a spin limit far below the instructions that run before the first store
            // (small quanta so that the detector looks many times before the first store)
            LaunchOptions opt = LaunchOptions.defaults().withLimits(20_000, Long.MAX_VALUE).withQuantum(4);
            LaunchResult r = Run.cleanWith(dev, m, "late_store", Dim3.of(16), Dim3.of(64), 0, opt, in, out, n, 4);
            assertThat(r.counters().warpInstructions()).isGreaterThan(20_000);
            int want = 0;
            for (int round = 0; round < 4; round++) {
                for (int x : v) {
                    want += x ^ round;
                }
            }
            int[] o = new int[1];
            dev.copyOut(out, o);
            assertThat(o[0]).isEqualTo(want);
        }
    }
}
