package dev.scanbench.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * corpus/partial.cu: integer operations run by part of a warp, with as few active lanes as take the per-lane loop
 * and as many as take the whole-warp loop and the blend, on both paths: each active lane gets its result and each
 * inactive lane keeps what its register held.
 */
class PartialWarpTest {
    private static PtxModule m;

    @BeforeAll
    static void load() throws Exception {
        m = Nvcc.load("partial.cu");
    }

    private static final List<LaunchOptions> BOTH_PATHS = List.of(LaunchOptions.allChecks(),
            LaunchOptions.defaults().withChecks(EnumSet.noneOf(Check.class)));

    @Test
    void activeLanesGetTheResultAndInactiveLanesKeepTheirValue() throws Exception {
        int threads = 64;
        Random rnd = new Random(5);
        int[] a = new int[threads];
        int[] b = new int[threads];
        for (int t = 0; t < threads; t++) {
            a[t] = rnd.nextInt();
            b[t] = t % 5 == 0 ? a[t] : rnd.nextInt();
        }
        for (int lanes : new int[] {1, 5, 11, 12, 20, 31, 32}) {
            for (LaunchOptions opt : BOTH_PATHS) {
                try (Device dev = new Device()) {
                    DevicePointer pa = dev.alloc(4L * threads);
                    DevicePointer pb = dev.alloc(4L * threads);
                    DevicePointer out = dev.alloc(4L * 12 * threads);
                    dev.copyIn(pa, a);
                    dev.copyIn(pb, b);
                    Run.cleanWith(dev, m, "partial_ops", Dim3.of(1), Dim3.of(threads), 0, opt, pa, pb, out, lanes);
                    int[] got = new int[12 * threads];
                    dev.copyOut(out, got);
                    for (int t = 0; t < threads; t++) {
                        int x = a[t];
                        int y = b[t];
                        int[] want = {x + y, x - y, x * y, x & y, x | y, x ^ 1431655765, x << 3, x >>> 5, y, -7,
                            x < y ? x : y, x < y ? 9 : y};
                        for (int i = 0; i < 12; i++) {
                            int expected = (t & 31) < lanes ? want[i] : 1000 * i + t;
                            assertThat(got[12 * t + i]).as("op %d, thread %d, %d lanes active, %s", i, t, lanes,
                                    opt.checks()).isEqualTo(expected);
                        }
                    }
                }
            }
        }
    }
}
