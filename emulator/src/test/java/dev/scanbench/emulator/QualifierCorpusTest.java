package dev.scanbench.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** corpus/qualifiers.cu: memory-order / cache qualifiers and fences, inline-PTX bit ops, CUB BlockScan. */
class QualifierCorpusTest {
    @Test
    void everyMemoryOrderSpellingLoadsStoresAndUpdates() throws Exception {
        PtxModule m = Nvcc.load("qualifiers.cu");
        int[] g = new Random(14).ints(66, -1000, 1000).toArray();
        g[64] = 0;
        g[65] = 0;
        try (Device dev = new Device()) {
            DevicePointer dg = dev.alloc(4L * 66);
            DevicePointer out = dev.alloc(4L * 4 * 64);
            dev.copyIn(dg, g);
            LaunchResult r = Run.clean(dev, m, "memory_orders", Dim3.of(1), Dim3.of(64), 0, dg, out);
            int[] o = new int[4 * 64];
            int[] go = new int[66];
            dev.copyOut(out, o);
            dev.copyOut(dg, go);
            for (int t = 0; t < 64; t++) {
                assertThat(new int[] {o[4 * t], o[4 * t + 1], o[4 * t + 2], o[4 * t + 3]})
                        .containsExactly(g[t] + 1, 2 * g[t], g[t] * g[t], 1);
            }
            assertThat(go[64]).isEqualTo(64);
            assertThat(go[65]).isEqualTo(63 * 64 / 2);
            assertThat(r.counters().atomics()).isEqualTo(128);
        }
    }

    @Test
    void inlinePtxBitOperationsMatchTheirIsaDefinitions() throws Exception {
        PtxModule m = Nvcc.load("qualifiers.cu");
        int[] a = new Random(15).ints(64).toArray();
        a[0] = 0;
        a[1] = -1;
        a[32] = 31;
        try (Device dev = new Device()) {
            DevicePointer da = dev.alloc(4L * 64);
            DevicePointer out = dev.alloc(4L * 8 * 32);
            dev.copyIn(da, a);
            Run.clean(dev, m, "bit_ops", Dim3.of(1), Dim3.of(32), 0, da, out);
            int[] o = new int[8 * 32];
            dev.copyOut(out, o);
            for (int t = 0; t < 32; t++) {
                int x = a[t];
                int y = a[t + 32];
                int len = y & 15;
                int field = len == 0 ? 0 : (x << (32 - 5 - len)) >> (32 - len);
                int mask = ((1 << len) - 1) << 4;
                int shifted = x >>> (y & 31);
                int neg = x < 0 ? ~x : x;
                int[] want = {x ^ y ^ (x >>> 3), (x >>> (y & 31)) & 0x7f, field, (y & ~mask) | ((x << 4) & mask),
                    shifted == 0 ? -1 : 31 - Integer.numberOfLeadingZeros(shifted),
                    neg == 0 ? -1 : Integer.numberOfLeadingZeros(neg), (x & 3) == 0 ? 1 : 0, permute(x, y, 0x8d31)};
                for (int k = 0; k < 8; k++) {
                    assertThat(o[8 * t + k]).as("op %d for x=%08x y=%08x", k, x, y).isEqualTo(want[k]);
                }
            }
        }
    }

    private static int permute(int x, int y, int sel) {
        byte[] bytes = new byte[8];
        for (int i = 0; i < 4; i++) {
            bytes[i] = (byte) (x >>> (8 * i));
            bytes[4 + i] = (byte) (y >>> (8 * i));
        }
        int r = 0;
        for (int i = 0; i < 4; i++) {
            int s = (sel >>> (4 * i)) & 15;
            int b = bytes[s & 7] & 0xFF;
            if ((s & 8) != 0) {
                b = (b & 0x80) != 0 ? 0xFF : 0;
            }
            r |= b << (8 * i);
        }
        return r;
    }

    @Test
    void cubBlockScanIsExact() throws Exception {
        PtxModule m = Nvcc.load("qualifiers.cu");
        int blocks = 3;
        int[] v = new Random(16).ints(512 * blocks, -50, 50).toArray();
        try (Device dev = new Device()) {
            DevicePointer in = dev.alloc(4L * v.length);
            DevicePointer out = dev.alloc(4L * v.length);
            dev.copyIn(in, v);
            Run.clean(dev, m, "cub_block_scan", Dim3.of(blocks), Dim3.of(128), 0, in, out);
            int[] o = new int[v.length];
            dev.copyOut(out, o);
            for (int b = 0; b < blocks; b++) {
                int total = 0;
                for (int i = 0; i < 512; i++) {
                    total += v[b * 512 + i];
                }
                int prefix = 0;
                for (int i = 0; i < 512; i++) {
                    assertThat(o[b * 512 + i]).as("block %d item %d", b, i).isEqualTo(prefix + total);
                    prefix += v[b * 512 + i];
                }
            }
        }
    }
}
