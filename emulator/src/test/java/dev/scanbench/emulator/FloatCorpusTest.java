package dev.scanbench.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** corpus/floats.cu: f32 add/mul/fma/div/sqrt/rcp/min/max, conversions with every rounding, setp. */
class FloatCorpusTest {
    @Test
    void floatResultsAreBitExact() throws Exception {
        PtxModule m = Nvcc.load("floats.cu");
        float[] special = {0f, -0f, 1f, 0.5f, 1.5f, 2.5f, -2.5f, 1e-40f, -3e38f, 3e38f, Float.POSITIVE_INFINITY,
            Float.NaN, 7f, -1e-3f, 123456.78f, 4e9f};
        int n = 256;
        Random rnd = new Random(8);
        float[] a = new float[n];
        float[] b = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = i < 64 ? special[i % special.length] : (rnd.nextFloat() - 0.5f) * 2000f;
            b[i] = i < 64 ? special[(i / special.length + i) % special.length] : (rnd.nextFloat() - 0.5f) * 50f;
        }
        try (Device dev = new Device()) {
            DevicePointer da = dev.alloc(4L * n);
            DevicePointer db = dev.alloc(4L * n);
            DevicePointer o = dev.alloc(32L * n);
            DevicePointer oi = dev.alloc(16L * n);
            dev.copyIn(da, a);
            dev.copyIn(db, b);
            Run.clean(dev, m, "floats", Dim3.of(2), Dim3.of(128), 0, da, db, o, oi, n);
            int[] of = new int[8 * n];
            int[] oint = new int[4 * n];
            dev.copyOut(o, of);
            dev.copyOut(oi, oint);
            for (int i = 0; i < n; i++) {
                float x = a[i];
                float y = b[i];
                float[] want = {x + y, x * y - y, Math.fma(x, y, 1.25f), x / y, fmin(x, y) + fmax(x, y) * 0.5f,
                    y + (float) Math.sqrt(Math.abs(x)),
                    (float) i + ((float) (int) x + (float) Integer.toUnsignedLong((int) Math.abs(y))),
                    Math.fma(x, 0.25f, 1f / y) + x * 0.1f};
                for (int k = 0; k < 8; k++) {
                    assertThat(of[8 * i + k]).as("o[%d] for x=%s y=%s", k, x, y).isEqualTo(bits(want[k]));
                }
                int[] wantI = {(int) Math.rint(x) + (int) y * 3,
                    (x < y ? 1 : 0) + 2 * (x >= y ? 1 : 0) + 4 * (x != x ? 1 : 0) + 8 * (x == y ? 1 : 0),
                    (int) Math.floor(x) ^ (int) Math.ceil(y),
                    (int) toUnsigned(x * 1000f) + bits((float) (trunc(y) + Math.rint(x)))};
                for (int k = 0; k < 4; k++) {
                    assertThat(oint[4 * i + k]).as("oi[%d] for x=%s y=%s", k, x, y).isEqualTo(wantI[k]);
                }
            }
        }
    }

    private static int bits(float f) {
        return Float.isNaN(f) ? 0x7fffffff : Float.floatToRawIntBits(f);
    }

    private static float fmin(float x, float y) {
        return Float.isNaN(x) ? y : Float.isNaN(y) ? x : Math.min(x, y);
    }

    private static float fmax(float x, float y) {
        return Float.isNaN(x) ? y : Float.isNaN(y) ? x : Math.max(x, y);
    }

    private static float trunc(float f) {
        return (float) (f < 0 ? Math.ceil(f) : Math.floor(f));
    }

    private static long toUnsigned(float f) {
        if (Float.isNaN(f) || f <= 0) {
            return 0;
        }
        return f >= 4294967296.0 ? 0xFFFFFFFFL : (long) f;
    }
}
