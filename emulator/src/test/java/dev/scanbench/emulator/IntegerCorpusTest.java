package dev.scanbench.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** corpus/intops.cu: integer arithmetic and bit operations against a Java model of the CUDA source. */
class IntegerCorpusTest {
    private static final int N = 300;

    @Test
    void everyResultMatchesTheJavaExpectation() throws Exception {
        PtxModule m = Nvcc.load("intops.cu");
        int[] a = inputs(11);
        int[] b = inputs(12);
        try (Device dev = new Device()) {
            DevicePointer da = dev.alloc(4L * N);
            DevicePointer db = dev.alloc(4L * N);
            DevicePointer o = dev.alloc(4L * 24 * N);
            DevicePointer o64 = dev.alloc(8L * 3 * N);
            dev.copyIn(da, a);
            dev.copyIn(db, b);
            Run.clean(dev, m, "intops", Dim3.of(3), Dim3.of(128), 0, da, db, o, o64, N);
            int[] out = new int[24 * N];
            long[] out64 = new long[3 * N];
            dev.copyOut(o, out);
            dev.copyOut(o64, out64);
            for (int i = 0; i < N; i++) {
                int[] want = expected(a[i], b[i]);
                for (int k = 0; k < 24; k++) {
                    assertThat(out[24 * i + k]).as("r[%d] for x=%d y=%d", k, a[i], b[i]).isEqualTo(want[k]);
                }
                long[] want64 = expected64(a[i], b[i]);
                for (int k = 0; k < 3; k++) {
                    assertThat(out64[3 * i + k]).as("o64[%d] for x=%d y=%d", k, a[i], b[i]).isEqualTo(want64[k]);
                }
            }
        }
    }

    /** Random values mixed with edge cases; never INT_MIN (its abs and division are undefined in C). */
    static int[] inputs(long seed) {
        Random rnd = new Random(seed);
        int[] edge = {0, 1, -1, 2, -2, 31, 32, 33, Integer.MAX_VALUE, Integer.MIN_VALUE + 1, 0x7f00ff00, -65536};
        int[] v = new int[N];
        for (int i = 0; i < N; i++) {
            v[i] = i < edge.length * 3 ? edge[(int) ((i * (seed + 5)) % edge.length)] : switch (i % 3) {
                case 0 -> rnd.nextInt();
                case 1 -> rnd.nextInt(200) - 100;
                default -> rnd.nextInt() >> rnd.nextInt(31);
            };
            if (v[i] == Integer.MIN_VALUE) {
                v[i] = 0;
            }
        }
        return v;
    }

    private static int[] expected(int x, int y) {
        int[] r = new int[24];
        r[0] = Integer.bitCount(x);
        r[1] = Integer.numberOfLeadingZeros(y);
        r[2] = Integer.reverse(x);
        r[3] = x / (y | 1);
        r[4] = x % (y | 1);
        r[5] = Integer.divideUnsigned(x, y | 1);
        r[6] = Integer.remainderUnsigned(x, y | 1);
        r[7] = (int) (((long) x * y) >> 32);
        r[8] = (int) ((Integer.toUnsignedLong(x) * Integer.toUnsignedLong(y)) >>> 32);
        r[9] = Math.min(x, y) ^ (Math.max(x, y) << 1);
        r[10] = (Integer.compareUnsigned(x, y) < 0 ? x : y) + (Integer.compareUnsigned(x, y) < 0 ? y : x);
        r[11] = (x == 0 ? 0 : Integer.numberOfTrailingZeros(x) + 1) + 32 * nthSetBitFrom(x, 3, 2);
        r[12] = (x >>> (y & 31)) | (x >> (y & 31));
        r[13] = x << (y & 31);
        long pair = Integer.toUnsignedLong(x) | (Integer.toUnsignedLong(y) << 32);
        int perm = 0;
        int[] sel = {0, 4, 1, 5};
        for (int i = 0; i < 4; i++) {
            perm |= (int) ((pair >>> (8 * sel[i])) & 0xFF) << (8 * i);
        }
        r[14] = perm;
        r[15] = Math.abs(x) + y;
        r[16] = ~x & (y | 0x0f0f0f0f);
        r[17] = x * y + 3 * x;
        r[18] = (x < y ? y - x : x - y) + 5;
        r[19] = (x > y ? 1 : 0) + 2 * (Integer.compareUnsigned(x, y) > 0 ? 1 : 0) + 4 * (x == y ? 1 : 0)
                + 8 * (x <= 0 ? 1 : 0);
        r[20] = Long.numberOfLeadingZeros((long) x * y)
                + Long.bitCount(Integer.toUnsignedLong(x) * Integer.toUnsignedLong(y));
        r[21] = ((x >>> 4) & 0xfff) ^ ((y >>> 7) & 0x3f);
        long hiLo = pair;
        int left = (int) ((hiLo << (y & 31)) >>> 32);
        int rc = (int) (hiLo >>> Math.min((y >> 8) & 63, 32));
        r[22] = left ^ rc;
        r[23] = x < 0 ? y : x;
        return r;
    }

    /** __fns(mask, base, offset) for offset > 0: position of the offset-th set bit at or above base. */
    private static int nthSetBitFrom(int mask, int base, int offset) {
        int seen = 0;
        for (int pos = base; pos < 32; pos++) {
            if ((mask >>> pos & 1) != 0 && ++seen == offset) {
                return pos;
            }
        }
        return -1;
    }

    private static long[] expected64(int x, int y) {
        long wx = x;
        long wy = y;
        return new long[] {wx * wy + (wx << 20), (wx * 1000003L) / (wy | 1) + (wx * 77) % (wy | 1),
            ((wx * wy) >>> 7) ^ ((wx * wy) >> 9)};
    }
}
