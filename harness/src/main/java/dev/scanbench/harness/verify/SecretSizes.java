package dev.scanbench.harness.verify;

import java.util.List;

/**
 * The sizes a correctness gate adds to its fixed ones, drawn from the run's secret seed so that no candidate
 * can know them: one uniformly in each band. The last band reaches far past the largest fixed size, so a kernel
 * that is right only up to some element count, or only at the published sizes, meets a size it was not
 * written for. Bands are per target: the emulator's stop at 4 x 10^6 elements (seconds with every diagnostic
 * on), a GPU's at the task's 10^8.
 */
public final class SecretSizes {

    /**
     * A band of sizes.
     *
     * @param min smallest size, at least 2 (a tail splice needs two elements)
     * @param max largest size
     */
    public record Band(long min, long max) {
        public Band {
            if (min < 2 || max < min) {
                throw new IllegalArgumentException("size band [" + min + ", " + max + "]");
            }
        }
    }

    /** The emulator's bands: up to 2^16, up to 2^20, and the top half of 4 x 10^6. */
    public static final List<Band> EMULATOR = List.of(new Band(2, 1 << 16), new Band((1 << 16) + 1, 1 << 20),
            new Band(2_000_001, 4_000_000));

    /** A GPU's bands: up to 2^16, 2^20, 2^24, and the top half of the task's 10^8. */
    public static final List<Band> DEVICE = List.of(new Band(2, 1 << 16), new Band((1 << 16) + 1, 1 << 20),
            new Band((1 << 20) + 1, 1 << 24), new Band(50_000_001, 100_000_000));

    /** The software CUDA driver's bands (its runs are practice): up to 2^16 and up to 2^20. */
    public static final List<Band> SIMULATED = List.of(new Band(2, 1 << 16), new Band((1 << 16) + 1, 1 << 20));

    private static final long SIZE_STREAM = 0x5123_5E00L;
    private static final long CUT_STREAM = 0x7A11_C700L;
    private static final long TAIL_STREAM = 0x7A11_5EEDL;

    private SecretSizes() {
    }

    /** One size per band, in band order. */
    public static long[] draw(SecretSeed seed, List<Band> bands) {
        long[] sizes = new long[bands.size()];
        for (int i = 0; i < sizes.length; i++) {
            Band b = bands.get(i);
            sizes[i] = b.min() + Long.remainderUnsigned(seed.derived(SIZE_STREAM, i), b.max() - b.min() + 1);
        }
        return sizes;
    }

    /** Where the tail splice of size {@code n} (the {@code i}-th secret size) starts: in [n/2, n). */
    static long cut(SecretSeed seed, int i, long n) {
        long half = n / 2;
        return half + Long.remainderUnsigned(seed.derived(CUT_STREAM, i), n - half);
    }

    /** The seed of the spliced tail of the {@code i}-th secret size. */
    static long tailSeed(SecretSeed seed, int i) {
        return seed.derived(TAIL_STREAM, i);
    }
}
