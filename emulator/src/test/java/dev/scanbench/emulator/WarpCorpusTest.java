package dev.scanbench.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** corpus/warp.cu: shuffles, vote, ballot, redux, activemask, int4 vectors. */
class WarpCorpusTest {
    @Test
    void shufflesVotesAndReductionsMatchJava() throws Exception {
        PtxModule m = Nvcc.load("warp.cu");
        int n = 128;
        int[] v = new Random(3).ints(n, -100, 101).toArray();
        try (Device dev = new Device()) {
            DevicePointer in = dev.alloc(4L * n);
            DevicePointer out = dev.alloc(4L * 8 * n);
            dev.copyIn(in, v);
            Run.clean(dev, m, "shuffles", Dim3.of(2), Dim3.of(64), 0, in, out);
            int[] o = new int[8 * n];
            dev.copyOut(out, o);
            for (int w = 0; w < n / 32; w++) {
                int sum = 0;
                int max = Integer.MIN_VALUE;
                int minU = -1;
                int or = 0;
                int ballot = 0;
                boolean any = false;
                boolean all = true;
                for (int l = 0; l < 32; l++) {
                    int x = v[32 * w + l];
                    sum += x;
                    max = Math.max(max, x);
                    minU = Integer.compareUnsigned(x, minU) < 0 ? x : minU;
                    or |= x;
                    ballot |= (x > 0 ? 1 : 0) << l;
                    any |= x > 90;
                    all &= x > -100;
                }
                int prefix = 0;
                for (int l = 0; l < 32; l++) {
                    int i = 32 * w + l;
                    prefix += v[i];
                    int[] want = {prefix, l + 3 <= 31 ? v[i + 3] : v[i], v[32 * w + ((l * 7) & 31)], v[32 * w + (l ^ 5)],
                        (l % 8) < 7 ? v[i + 1] : v[i], v[32 * w + 31 - l] + (31 - l),
                        ballot ^ ((any ? 1 : 0) << 1) ^ ((all ? 1 : 0) << 2), sum + max * 3 + minU + (or & 0xff)};
                    for (int k = 0; k < 8; k++) {
                        assertThat(o[8 * i + k]).as("thread %d result %d", i, k).isEqualTo(want[k]);
                    }
                }
            }
        }
    }

    @Test
    void activemaskInsideADivergentBranchSeesOnlyThatBranch() throws Exception {
        PtxModule m = Nvcc.load("warp.cu");
        try (Device dev = new Device()) {
            DevicePointer out = dev.alloc(4L * 64);
            Run.clean(dev, m, "divergent_mask", Dim3.of(1), Dim3.of(48), 0, out);
            int[] o = new int[48];
            dev.copyOut(out, o);
            for (int t = 0; t < 48; t++) {
                int expectedMask = t < 32 ? 0xAAAAAAAA : 0x0000AAAA;
                assertThat(o[t]).as("thread %d", t).isEqualTo((t & 1) == 1 ? expectedMask : 0);
            }
        }
    }

    @Test
    void int4VectorLoadsAndStores() throws Exception {
        PtxModule m = Nvcc.load("warp.cu");
        int n4 = 50;
        int[] v = new Random(4).ints(4 * n4).toArray();
        try (Device dev = new Device()) {
            DevicePointer in = dev.alloc(16L * n4);
            DevicePointer out = dev.alloc(16L * n4);
            dev.copyIn(in, v);
            Run.clean(dev, m, "vec4", Dim3.of(2), Dim3.of(32), 0, in, out, n4);
            int[] o = new int[4 * n4];
            dev.copyOut(out, o);
            for (int i = 0; i < n4; i++) {
                assertThat(new int[] {o[4 * i], o[4 * i + 1], o[4 * i + 2], o[4 * i + 3]}).containsExactly(v[4 * i + 3],
                        v[4 * i + 2] + 1, v[4 * i + 1] * 2, v[4 * i] ^ 0x55);
            }
        }
    }
}
