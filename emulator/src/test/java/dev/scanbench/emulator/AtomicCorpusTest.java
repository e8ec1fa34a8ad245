package dev.scanbench.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** corpus/atomics.cu: every global atomic operation, a CAS loop, 64-bit and float adds, shared atomics. */
class AtomicCorpusTest {
    @Test
    void atomicsCombineEveryThreadsContribution() throws Exception {
        PtxModule m = Nvcc.load("atomics.cu");
        int blocks = 4;
        int threads = 96;
        int n = blocks * threads;
        int[] v = new Random(7).ints(n).toArray();
        try (Device dev = new Device()) {
            DevicePointer in = dev.alloc(4L * n);
            DevicePointer g = dev.alloc(4L * 16);
            DevicePointer g64 = dev.alloc(8);
            DevicePointer gf = dev.alloc(4);
            DevicePointer out = dev.alloc(4L * n);
            dev.copyIn(in, v);
            dev.copyIn(g, new int[] {0, Integer.MAX_VALUE, Integer.MIN_VALUE, -1, 0, 0, 0, 0, -5, 0, 0, 0, 0, 0, 0, 0});
            dev.copyIn(g64, new long[] {0});
            dev.copyIn(gf, new float[] {0});
            LaunchResult r = Run.clean(dev, m, "atomics", Dim3.of(blocks), Dim3.of(threads), 0, in, g, g64, gf, out);
            int[] go = new int[16];
            long[] g64o = new long[1];
            float[] gfo = new float[1];
            int[] o = new int[n];
            dev.copyOut(g, go);
            dev.copyOut(g64, g64o);
            dev.copyOut(gf, gfo);
            dev.copyOut(out, o);
            int sum = 0;
            int min = Integer.MAX_VALUE;
            int max = Integer.MIN_VALUE;
            int and = -1;
            int or = 0;
            int xor = 0;
            int low = 0;
            long sum64 = 0;
            int[] lanes = new int[4];
            for (int i = 0; i < n; i++) {
                sum += v[i];
                min = Math.min(min, v[i]);
                max = Math.max(max, v[i]);
                and &= v[i] | 0x0ffff000;
                or |= v[i] & 0x00ff00ff;
                xor ^= v[i];
                low += v[i] & 7;
                sum64 += v[i];
                lanes[(i % threads) & 3] += v[i];
            }
            assertThat(go).startsWith(sum, min, max, and, or, xor, n % 1001, low);
            assertThat(go[8]).isBetween(0, n - 1);
            assertThat(new int[] {go[9], go[10], go[11], go[12]}).containsExactly(lanes);
            assertThat(g64o[0]).isEqualTo(sum64);
            assertThat(gfo[0]).isEqualTo(0.5f * n);
            assertThat(java.util.Arrays.stream(o).sum()).as("exactly one thread saw the initial -5").isEqualTo(n - 1);
            assertThat(r.counters().atomics()).isGreaterThanOrEqualTo(11L * n);
        }
    }
}
