package dev.scanbench.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** corpus/lookback.cu: a decoupled look-back scan across CTAs (acquire/release, nanosleep, shuffles). */
class ScanCorpusTest {
    static final int TILE = 256 * 8;

    static int[] expected(int[] v) {
        int[] out = new int[v.length];
        int s = 0;
        for (int i = 0; i < v.length; i++) {
            s += v[i];
            out[i] = s;
        }
        return out;
    }

    static int[] run(PtxModule m, String entry, int[] v, LaunchOptions opt, boolean ticket) throws Exception {
        int n = v.length;
        int tiles = (n + TILE - 1) / TILE;
        try (Device dev = new Device()) {
            DevicePointer in = dev.alloc(4L * n);
            DevicePointer out = dev.alloc(4L * n);
            DevicePointer state = dev.alloc(8L * tiles);
            DevicePointer counter = dev.alloc(4);
            dev.copyIn(in, v);
            dev.memset(state, (byte) 0, 8L * tiles);
            dev.memset(counter, (byte) 0, 4);
            Object[] args = ticket ? new Object[] {in, out, state, counter, n} : new Object[] {in, out, state, n};
            LaunchResult r = Run.cleanWith(dev, m, entry, Dim3.of(tiles), Dim3.of(256), 0, opt, args);
            assertThat(r.counters().ctas()).isEqualTo(tiles);
            int[] o = new int[n];
            dev.copyOut(out, o);
            return o;
        }
    }

    @Test
    void lookBackScanIsExactWithAllChecksOn() throws Exception {
        PtxModule m = Nvcc.load("lookback.cu");
        int[] v = new Random(9).ints(TILE * 6 + 123, -10, 10).toArray();
        assertThat(run(m, "lookback_scan", v, LaunchOptions.allChecks(), true)).isEqualTo(expected(v));
    }

    @Test
    void lookBackScanCompletesUnderEveryDispatchOrderAndResidency() throws Exception {
        PtxModule m = Nvcc.load("lookback.cu");
        int[] v = new Random(10).ints(TILE * 9, -1000, 1000).toArray();
        int[] want = expected(v);
        for (DispatchOrder order : DispatchOrder.values()) {
            for (int resident : new int[] {1, 3, 0}) {
                LaunchOptions opt = LaunchOptions.defaults().withOrder(order, 42).withResidency(1, resident);
                assertThat(run(m, "lookback_scan", v, opt, true)).as("%s, %d resident", order, resident)
                        .isEqualTo(want);
            }
        }
    }

    @Test
    void blockIndexLookBackIsExactWhenEveryCtaIsResident() throws Exception {
        PtxModule m = Nvcc.load("lookback.cu");
        int[] v = new Random(11).ints(TILE * 5, -10, 10).toArray();
        LaunchOptions opt = LaunchOptions.allChecks().withOrder(DispatchOrder.REVERSED, 0);
        assertThat(run(m, "lookback_blockidx", v, opt, false)).isEqualTo(expected(v));
    }
}
