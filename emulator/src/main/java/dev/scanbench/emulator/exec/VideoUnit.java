package dev.scanbench.emulator.exec;

import static java.lang.Integer.numberOfTrailingZeros;

import dev.scanbench.emulator.decode.Insn;

/**
 * The SIMD video instructions ({@code vadd4 ... vset4}, {@code vadd2 ... vset2}) with the default selectors, as the
 * PTX ISA defines them: each byte (half) of a and b is sign- or zero-extended by its operand's type, the operation
 * is done at full precision, {@code .sat} clamps to the destination element's range; then either each element's low
 * bits replace the matching element of c (merge) or the elements' sum is added to c ({@code .add}). vavrg is
 * {@code (x + y + 1) >> 1} for a non-negative sum and {@code (x + y) >> 1} for a negative one; vset yields 1 or 0.
 * Sub-code layout in {@code decode.VideoDecoder}.
 */
final class VideoUnit {
    private VideoUnit() {
    }

    static void exec(long[] r, Insn in, int mask) {
        int sub = in.sub;
        int kind = sub & 7;
        int cmp = (sub >>> 4) & 15;
        boolean halves = (sub & (1 << 8)) != 0;
        boolean accumulate = (sub & (1 << 9)) != 0;
        boolean sa = (sub & (1 << 10)) != 0;
        boolean sb = (sub & (1 << 11)) != 0;
        boolean sd = (sub & (1 << 12)) != 0;
        boolean sat = (in.flags & Insn.SAT) != 0;
        int n = halves ? 2 : 4;
        int bits = halves ? 16 : 8;
        for (int k = mask; k != 0; k &= k - 1) {
            int l = numberOfTrailingZeros(k);
            r[in.d + l] = lane(Lanes.a(r, in, l), Lanes.b(r, in, l), Lanes.c(r, in, l), kind, cmp, n, bits, sa, sb, sd,
                    sat, accumulate);
        }
    }

    /** One lane's result. */
    static long lane(long a, long b, long c, int kind, int cmp, int n, int bits, boolean sa, boolean sb, boolean sd,
            boolean sat, boolean accumulate) {
        long em = (1L << bits) - 1;
        long d = accumulate ? c : 0;
        for (int i = 0; i < n; i++) {
            long x = element(a, i, bits, sa);
            long y = element(b, i, bits, sb);
            long t = switch (kind) {
                case 0 -> x + y;
                case 1 -> x - y;
                case 2 -> x + y >= 0 ? (x + y + 1) >> 1 : (x + y) >> 1;
                case 3 -> Math.abs(x - y);
                case 4 -> Math.min(x, y);
                case 5 -> Math.max(x, y);
                default -> compare(x, y, cmp) ? 1 : 0;
            };
            if (sat) {
                long lo = sd ? -(1L << (bits - 1)) : 0;
                long hi = sd ? (1L << (bits - 1)) - 1 : em;
                t = Math.max(lo, Math.min(hi, t));
            }
            if (accumulate) {
                d += t;
            } else {
                d |= (t & em) << (i * bits);
            }
        }
        return d & 0xFFFFFFFFL;
    }

    private static long element(long v, int i, int bits, boolean signed) {
        long e = (v >>> (i * bits)) & ((1L << bits) - 1);
        return signed && (e >>> (bits - 1)) != 0 ? e - (1L << bits) : e;
    }

    private static boolean compare(long x, long y, int cmp) {
        return switch (cmp) {
            case 0 -> x == y;
            case 1 -> x != y;
            case 2 -> x < y;
            case 3 -> x <= y;
            case 4 -> x > y;
            default -> x >= y;
        };
    }
}
