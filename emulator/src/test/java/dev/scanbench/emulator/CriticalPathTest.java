package dev.scanbench.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** corpus/critical_path.cu: the critical-path clock counts dependent cross-CTA hops, and only when asked to. */
class CriticalPathTest {
    private static final int BLOCKS = 300;
    private static final LaunchOptions MEASURED = LaunchOptions.defaults().withResidency(132, 1)
            .withCriticalPath(true);

    @Test
    void aChainThroughABarrierIsOneHopPerBlockAndEachBlockLooksBackOnOne() throws Exception {
        PtxModule m = Nvcc.load("critical_path.cu");
        try (Device dev = new Device()) {
            DevicePointer flags = dev.alloc(4L * BLOCKS);
            DevicePointer out = dev.alloc(4L * BLOCKS);
            dev.copyIn(flags, new int[BLOCKS]);
            CriticalPathCounts c = Run.cleanWith(dev, m, "chain", Dim3.of(BLOCKS), Dim3.of(64), 0, MEASURED, flags,
                    out).counters().criticalPath();
            assertThat(c.chainHops()).isEqualTo(BLOCKS - 1);
            assertThat(c.steadyChainHops()).as("every block adds a hop")
                    .isCloseTo(BLOCKS, org.assertj.core.data.Offset.offset(2.0));
            assertThat(c.ctas()).isEqualTo(BLOCKS);
            assertThat(c.lookbackMax()).isEqualTo(1);
            assertThat(c.lookbackSum()).isEqualTo(BLOCKS - 1);
            assertThat(c.sms()).isEqualTo(132);
            assertThat(c.smInstructionsSum()).isPositive();
            assertThat(c.smInstructionsMax()).isGreaterThanOrEqualTo(c.smInstructionsSum() / 132);
        }
    }

    @Test
    void aTicketCounterTakenByEveryBlockIsNoChain() throws Exception {
        PtxModule m = Nvcc.load("critical_path.cu");
        try (Device dev = new Device()) {
            DevicePointer ticket = dev.alloc(4);
            DevicePointer out = dev.alloc(4L * BLOCKS);
            dev.copyIn(ticket, new int[1]);
            CriticalPathCounts c = Run.cleanWith(dev, m, "tickets", Dim3.of(BLOCKS), Dim3.of(32), 0, MEASURED, ticket,
                    out).counters().criticalPath();
            assertThat(c.chainHops()).as("one round trip for the ticket, none through the counter").isEqualTo(1);
            int[] o = new int[BLOCKS];
            dev.copyOut(out, o);
            assertThat(java.util.Arrays.stream(o).sorted().toArray())
                    .isEqualTo(java.util.stream.IntStream.range(0, BLOCKS).toArray());
        }
    }

    @Test
    void nothingIsMeasuredUnlessAskedFor() throws Exception {
        PtxModule m = Nvcc.load("critical_path.cu");
        try (Device dev = new Device()) {
            DevicePointer flags = dev.alloc(4L * BLOCKS);
            DevicePointer out = dev.alloc(4L * BLOCKS);
            dev.copyIn(flags, new int[BLOCKS]);
            LaunchResult r = Run.cleanWith(dev, m, "chain", Dim3.of(BLOCKS), Dim3.of(64), 0,
                    LaunchOptions.defaults().withResidency(132, 1), flags, out);
            assertThat(r.counters().criticalPath()).isNull();
        }
    }
}
