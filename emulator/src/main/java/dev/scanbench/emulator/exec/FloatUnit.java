package dev.scanbench.emulator.exec;

import static dev.scanbench.emulator.exec.Lanes.a;
import static dev.scanbench.emulator.exec.Lanes.b;
import static dev.scanbench.emulator.exec.Lanes.c;
import static java.lang.Integer.numberOfTrailingZeros;

import dev.scanbench.emulator.decode.Insn;

/**
 * IEEE float arithmetic with round-to-nearest-even, as the PTX {@code .rn} forms specify. NaN results are
 * the canonical NaN the hardware produces (0x7fffffff for f32); {@code .ftz} flushes subnormal inputs and
 * results to sign-preserving zero.
 */
final class FloatUnit {
    /** Canonical single-precision NaN produced by the GPU. */
    static final int NAN32 = 0x7fffffff;
    /** Canonical double-precision NaN. */
    static final long NAN64 = 0x7fffffffffffffffL;

    private FloatUnit() {
    }

    static void exec(Warp w, Insn in, int mask) {
        long[] r = w.r;
        boolean ftz = (in.flags & Insn.FTZ) != 0;
        boolean f64 = (in.type & 0xF) == 8;
        if (in.op == dev.scanbench.emulator.decode.Op.FSETP) {
            setp(w, in, mask, ftz, f64);
            return;
        }
        for (int k = mask; k != 0; k &= k - 1) {
            int l = numberOfTrailingZeros(k);
            if (f64) {
                double x = Double.longBitsToDouble(a(r, in, l));
                double y = Double.longBitsToDouble(b(r, in, l));
                double v = switch (in.op) {
                    case FADD -> x + y;
                    case FSUB -> x - y;
                    case FMUL -> x * y;
                    case FFMA -> Math.fma(x, y, Double.longBitsToDouble(c(r, in, l)));
                    case FDIV -> x / y;
                    case FABS -> Math.abs(x);
                    case FNEG -> -x;
                    case FMIN -> min(x, y);
                    case FMAX -> -min(-x, -y);
                    case FSQRT -> Math.sqrt(x);
                    default -> 1.0 / x;
                };
                r[in.d + l] = Double.isNaN(v) && in.op != dev.scanbench.emulator.decode.Op.FABS
                        && in.op != dev.scanbench.emulator.decode.Op.FNEG ? NAN64 : Double.doubleToRawLongBits(v);
            } else {
                float x = in32(a(r, in, l), ftz);
                float y = in32(b(r, in, l), ftz);
                float v = switch (in.op) {
                    case FADD -> x + y;
                    case FSUB -> x - y;
                    case FMUL -> x * y;
                    case FFMA -> Math.fma(x, y, in32(c(r, in, l), ftz));
                    case FDIV -> x / y;
                    case FABS -> Math.abs(x);
                    case FNEG -> -x;
                    case FMIN -> (float) min(x, y);
                    case FMAX -> (float) -min(-x, -y);
                    case FSQRT -> (float) Math.sqrt(x);
                    default -> 1.0f / x;
                };
                boolean bitwise = in.op == dev.scanbench.emulator.decode.Op.FABS
                        || in.op == dev.scanbench.emulator.decode.Op.FNEG;
                r[in.d + l] = bitwise && !ftz ? bitwise(a(r, in, l), in.op) : out32(v, ftz);
            }
        }
    }

    /** abs / neg only touch the sign bit, NaN payloads included. */
    private static long bitwise(long bits, dev.scanbench.emulator.decode.Op op) {
        return (op == dev.scanbench.emulator.decode.Op.FABS ? bits & 0x7fffffffL : bits ^ 0x80000000L) & 0xFFFFFFFFL;
    }

    /** PTX min: a NaN operand yields the other operand; -0 is less than +0. */
    private static double min(double x, double y) {
        if (Double.isNaN(x)) {
            return y;
        }
        if (Double.isNaN(y)) {
            return x;
        }
        return Math.min(x, y);
    }

    static float in32(long bits, boolean ftz) {
        float f = Float.intBitsToFloat((int) bits);
        if (ftz && Math.abs(f) < Float.MIN_NORMAL) {
            return Math.copySign(0f, f);
        }
        return f;
    }

    static long out32(float v, boolean ftz) {
        if (Float.isNaN(v)) {
            return NAN32;
        }
        if (ftz && Math.abs(v) < Float.MIN_NORMAL) {
            v = Math.copySign(0f, v);
        }
        return Float.floatToRawIntBits(v) & 0xFFFFFFFFL;
    }

    private static void setp(Warp w, Insn in, int mask, boolean ftz, boolean f64) {
        long[] r = w.r;
        int res = 0;
        int cmp = in.sub & 0xFF;
        for (int k = mask; k != 0; k &= k - 1) {
            int l = numberOfTrailingZeros(k);
            double x = f64 ? Double.longBitsToDouble(a(r, in, l)) : in32(a(r, in, l), ftz);
            double y = f64 ? Double.longBitsToDouble(b(r, in, l)) : in32(b(r, in, l), ftz);
            boolean nan = Double.isNaN(x) || Double.isNaN(y);
            boolean t = switch (cmp) {
                case 0 -> !nan && x == y;
                case 1 -> !nan && x != y;
                case 2 -> !nan && x < y;
                case 3 -> !nan && x <= y;
                case 4 -> !nan && x > y;
                case 5 -> !nan && x >= y;
                case 10 -> nan || x == y;
                case 11 -> nan || x != y;
                case 12 -> nan || x < y;
                case 13 -> nan || x <= y;
                case 14 -> nan || x > y;
                case 15 -> nan || x >= y;
                case 16 -> !nan;
                case 17 -> nan;
                default -> throw new IllegalStateException("unsigned comparison on floats");
            };
            if (t) {
                res |= 1 << l;
            }
        }
        IntegerUnit.writeCompare(w, in, mask, res);
    }
}
