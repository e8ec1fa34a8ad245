package dev.scanbench.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** corpus/misc.cu: less frequent spellings through inline PTX. */
class MiscCorpusTest {
    @Test
    void lessFrequentSpellingsMatchTheirDefinitions() throws Exception {
        PtxModule m = Nvcc.load("misc.cu");
        int[] in = new Random(20).ints(64, -1000, 1000).toArray();
        try (Device dev = new Device()) {
            DevicePointer din = dev.alloc(4L * 64);
            DevicePointer out = dev.alloc(8L * 16 * 64);
            dev.copyIn(din, in);
            dev.memset(out, (byte) 0, 8L * 16 * 64);
            LaunchResult r = Run.clean(dev, m, "misc", Dim3.of(1), Dim3.of(64), 0, din, out);
            long[] o = new long[16 * 64];
            dev.copyOut(out, o);
            for (int t = 0; t < 64; t++) {
                int v = in[t];
                int w = t / 32;
                int and = -1;
                int xor = 0;
                for (int l = 0; l < 32; l++) {
                    and &= in[32 * w + l] | 0x100;
                    xor ^= in[32 * w + l];
                }
                long x = (long) v * 0x9E3779B97F4A7C15L;
                long neg = x < 0 ? ~x : x;
                int bf = neg == 0 ? -1 : 63 - Long.numberOfLeadingZeros(neg);
                long hi = Math.multiplyHigh(x, x + 12345) + ((x >> 63) & (x + 12345)) + (((x + 12345) >> 63) & x);
                long[] want = {11, 1, t >= 32 ? 3L * in[t - 32] : 0, 1, Integer.toUnsignedLong(and),
                    Integer.toUnsignedLong(xor), Long.reverse(x),
                    Long.bitCount(x) + 100L * Long.numberOfLeadingZeros(x >>> (t & 63)) + 10000L * bf, hi,
                    (long) v * (v - 7) + (1L << 40), Math.max(-32768, Math.min(32767, v * 1000))};
                for (int k = 0; k < want.length; k++) {
                    assertThat(o[16 * t + k]).as("thread %d value %d (v=%d)", t, k, v).isEqualTo(want[k]);
                }
            }
            int s1 = 3 * in[1];
            assertThat(new long[] {o[11], o[12], o[13], o[14], o[15]}).as("mbarrier and shared atomics")
                    .containsExactly(0, 0, 1, s1, 509);
            assertThat(r.counters().barriers()).as("named barrier + __syncthreads").isEqualTo(2);
        }
    }
}
