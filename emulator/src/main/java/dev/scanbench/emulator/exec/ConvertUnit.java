package dev.scanbench.emulator.exec;

import static dev.scanbench.emulator.exec.Lanes.WIDTH;
import static dev.scanbench.emulator.exec.Lanes.a;
import static dev.scanbench.emulator.exec.Lanes.ext;
import static java.lang.Integer.numberOfTrailingZeros;

import dev.scanbench.emulator.decode.Insn;
import dev.scanbench.emulator.decode.Op;
import dev.scanbench.emulator.decode.Space;
import dev.scanbench.emulator.memory.AddressWindows;
import java.math.BigDecimal;

/** cvt between integer and float types, cvta between state-space and generic addresses, isspacep. */
final class ConvertUnit {
    private ConvertUnit() {
    }

    static void exec(Warp w, Insn in, int mask) {
        long[] r = w.r;
        if (in.op == Op.ISSPACEP) {
            int res = 0;
            for (int k = mask; k != 0; k &= k - 1) {
                int l = numberOfTrailingZeros(k);
                if (inSpace(a(r, in, l), in.space)) {
                    res |= 1 << l;
                }
            }
            w.p[in.d] = (w.p[in.d] & ~mask) | (res & mask);
            return;
        }
        for (int k = mask; k != 0; k &= k - 1) {
            int l = numberOfTrailingZeros(k);
            long x = a(r, in, l);
            r[in.d + l] = switch (in.op) {
                case CVTA -> (x & (in.space == Space.GLOBAL ? -1L : 0xFFFFFFFFL)) + window(in.space);
                case CVTA_TO -> (x - window(in.space)) & WIDTH[in.type & 0xF];
                default -> convert(x, in);
            };
        }
    }

    private static long window(int space) {
        return Space.window(space);
    }

    static boolean inSpace(long addr, int space) {
        long w = window(space);
        if (w != 0) {
            return addr >= w && addr < w + AddressWindows.WINDOW;
        }
        return addr >= AddressWindows.GLOBAL_BASE;
    }

    private static long convert(long x, Insn in) {
        int dt = in.type;
        int st = in.type2;
        boolean ftz = (in.flags & Insn.FTZ) != 0;
        boolean dF = (dt & Insn.FLOAT) != 0;
        boolean sF = (st & Insn.FLOAT) != 0;
        int rnd = in.sub & 3;
        if (!dF && !sF) {
            long v = ext(x, st);
            if ((in.flags & Insn.SAT) != 0) {
                v = clamp(BigDecimal.valueOf(v), dt, (st & Insn.SIGNED) == 0 && v < 0);
            }
            return store(v, dt, in.dSize);
        }
        if (sF && !dF) {
            double f = (st & 0xF) == 8 ? Double.longBitsToDouble(x) : FloatUnit.in32(x, ftz);
            if (Double.isNaN(f)) {
                return 0;
            }
            double rounded = roundIntegral(f, rnd);
            if (Double.isInfinite(rounded)) {
                return store(rounded > 0 ? max(dt) : min(dt), dt, in.dSize);
            }
            if (Math.abs(rounded) < 0x1p62) {
                long v = (long) rounded; // the usual case: no BigDecimal in the hot path
                return store(Math.max(min(dt), (dt & 0xF) == 8 && (dt & Insn.SIGNED) == 0 ? v
                        : Math.min(max(dt), v)), dt, in.dSize);
            }
            return store(clamp(new BigDecimal(rounded), dt, false), dt, in.dSize);
        }
        if (!sF) {
            long v = ext(x, st);
            boolean unsigned64 = (st & Insn.SIGNED) == 0 && (st & 0xF) == 8 && v < 0;
            if ((dt & 0xF) == 8) {
                double d = unsigned64 ? new BigDecimal(Long.toUnsignedString(v)).doubleValue() : (double) v;
                return Double.doubleToRawLongBits(d);
            }
            float f = unsigned64 ? new BigDecimal(Long.toUnsignedString(v)).floatValue() : (float) v;
            return FloatUnit.out32(f, ftz);
        }
        double f = (st & 0xF) == 8 ? Double.longBitsToDouble(x) : FloatUnit.in32(x, ftz);
        if ((in.sub & 4) != 0) {
            f = roundIntegral(f, rnd);
        }
        if ((dt & 0xF) == 8) {
            return Double.isNaN(f) ? FloatUnit.NAN64 : Double.doubleToRawLongBits(f);
        }
        return FloatUnit.out32((float) f, ftz);
    }

    private static double roundIntegral(double f, int rnd) {
        return switch (rnd) {
            case 0 -> Math.rint(f);
            case 1 -> f < 0 ? Math.ceil(f) : Math.floor(f);
            case 2 -> Math.floor(f);
            default -> Math.ceil(f);
        };
    }

    private static long max(int t) {
        int bits = (t & 0xF) * 8;
        if ((t & Insn.SIGNED) != 0) {
            return bits == 64 ? Long.MAX_VALUE : (1L << (bits - 1)) - 1;
        }
        return bits == 64 ? -1L : (1L << bits) - 1;
    }

    private static long min(int t) {
        int bits = (t & 0xF) * 8;
        return (t & Insn.SIGNED) != 0 ? (bits == 64 ? Long.MIN_VALUE : -(1L << (bits - 1))) : 0;
    }

    /** Clamps to the destination range; {@code hugeUnsigned} marks a u64 source above 2^63. */
    private static long clamp(BigDecimal v, int t, boolean hugeUnsigned) {
        if (hugeUnsigned) {
            return max(t);
        }
        BigDecimal hi = (t & Insn.SIGNED) == 0 && (t & 0xF) == 8 ? new BigDecimal("18446744073709551615")
                : BigDecimal.valueOf(max(t));
        BigDecimal lo = BigDecimal.valueOf(min(t));
        if (v.compareTo(hi) > 0) {
            return max(t);
        }
        if (v.compareTo(lo) < 0) {
            return min(t);
        }
        return v.toBigInteger().longValue();
    }

    /** Narrows to the destination type, then extends to the register width as its signedness says. */
    private static long store(long v, int dt, int regSize) {
        long narrowed = ext(v, dt);
        return narrowed & WIDTH[Math.max(regSize, dt & 0xF)];
    }
}
