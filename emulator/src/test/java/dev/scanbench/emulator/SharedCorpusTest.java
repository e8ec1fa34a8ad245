package dev.scanbench.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** corpus/smem.cu: block scan in dynamic shared memory, barriers, bar.red.popc, generic and local memory. */
class SharedCorpusTest {
    @Test
    void blockScanWithBarriers() throws Exception {
        PtxModule m = Nvcc.load("smem.cu");
        int blocks = 3;
        int threads = 256;
        int n = blocks * threads;
        int[] v = new Random(5).ints(n, -10, 10).toArray();
        try (Device dev = new Device()) {
            DevicePointer in = dev.alloc(4L * n);
            DevicePointer out = dev.alloc(4L * n);
            DevicePointer tot = dev.alloc(8L * blocks);
            dev.copyIn(in, v);
            LaunchResult r = Run.clean(dev, m, "block_scan", Dim3.of(blocks), Dim3.of(threads), 4 * threads, in, out,
                    tot);
            int[] o = new int[n];
            int[] t = new int[2 * blocks];
            dev.copyOut(out, o);
            dev.copyOut(tot, t);
            for (int b = 0; b < blocks; b++) {
                int s = 0;
                int pos = 0;
                for (int i = 0; i < threads; i++) {
                    s += v[b * threads + i];
                    pos += v[b * threads + i] > 0 ? 1 : 0;
                    assertThat(o[b * threads + i]).isEqualTo(s);
                }
                assertThat(t[2 * b]).isEqualTo(s);
                assertThat(t[2 * b + 1]).isEqualTo(pos);
            }
            // 2 + 2 per doubling step (8 steps for 256 threads) + __syncthreads_count, per block
            assertThat(r.counters().barriers()).isEqualTo(blocks * (1 + 2 * 8 + 1));
        }
    }

    @Test
    void genericPointersResolveToSharedOrGlobalAtRunTime() throws Exception {
        PtxModule m = Nvcc.load("smem.cu");
        int[] v = new Random(6).ints(64, -1000, 1000).toArray();
        for (int which = 0; which < 2; which++) {
            try (Device dev = new Device()) {
                DevicePointer in = dev.alloc(4L * 64);
                DevicePointer out = dev.alloc(4L * 64);
                dev.copyIn(in, v);
                Run.clean(dev, m, "generic_shared", Dim3.of(1), Dim3.of(64), 0, in, out, which);
                int[] o = new int[64];
                dev.copyOut(out, o);
                for (int t = 0; t < 64; t++) {
                    int s = 0;
                    for (int k = 0; k < 8; k++) {
                        s += v[(t + k) & 63] + v[t] * ((t + k) & 7);
                    }
                    assertThat(o[t]).as("thread %d which %d", t, which).isEqualTo(s);
                }
            }
        }
    }
}
