package dev.scanbench.emulator.exec;

import static java.lang.Integer.numberOfTrailingZeros;

import dev.scanbench.emulator.decode.Insn;
import dev.scanbench.emulator.decode.Op;

/**
 * Carry chains and 24-bit multiplies. The carry flag is a per-thread hidden register ({@code %cc}, made by the
 * decoder): a carry-in reads it as source e, a carry-out writes 0 or 1 into it as the destination {@code dv[0]}.
 * add / mad: the flag is the unsigned carry out of the width's addition; sub: the borrow ({@code subc: d = a -
 * (b + CF)}, borrow out when that is below zero). mad.cc adds c (and the carry) to the low or high half of the
 * product. mul24 / mad24 multiply the low 24 bits (sign-extended for .s32) into a 48-bit product; .lo takes bits
 * 0-31, .hi bits 16-47; mad24.hi.sat.s32 clamps the sum to the s32 range.
 */
final class CarryUnit {
    private CarryUnit() {
    }

    static void carry(long[] r, Insn in, int mask) {
        int kind = in.sub & 3;
        boolean wide = (in.type & 0xF) == 8;
        long wm = Lanes.WIDTH[in.type & 0xF];
        int cc = in.dv != null ? in.dv[0] : -1;
        for (int k = mask; k != 0; k &= k - 1) {
            int l = numberOfTrailingZeros(k);
            long x = Lanes.a(r, in, l) & wm;
            long y = Lanes.b(r, in, l) & wm;
            long cin = in.e >= 0 ? r[in.e + l] & 1 : 0;
            long res;
            long cout;
            if (kind == 1) {
                res = (x - y - cin) & wm;
                cout = Long.compareUnsigned(x, y) < 0 || (cin != 0 && x == y) ? 1 : 0;
            } else {
                if (kind >= 2) {
                    long p = kind == 2 ? Lanes.a(r, in, l) * Lanes.b(r, in, l)
                            : IntegerUnit.mulHi(Lanes.a(r, in, l), Lanes.b(r, in, l), in.type);
                    x = p & wm;
                    y = Lanes.c(r, in, l) & wm;
                }
                if (wide) {
                    long s = x + y;
                    long s2 = s + cin;
                    res = s2;
                    cout = Long.compareUnsigned(s, x) < 0 || (cin != 0 && s2 == 0) ? 1 : 0;
                } else {
                    long s = x + y + cin;
                    res = s & wm;
                    cout = s >>> 32;
                }
            }
            r[in.d + l] = res;
            if (cc >= 0) {
                r[cc + l] = cout;
            }
        }
    }

    static void mul24(long[] r, Insn in, int mask) {
        boolean signed = (in.type & Insn.SIGNED) != 0;
        boolean hi = in.sub == 1;
        boolean mad = in.op == Op.MAD24;
        boolean sat = (in.flags & Insn.SAT) != 0;
        for (int k = mask; k != 0; k &= k - 1) {
            int l = numberOfTrailingZeros(k);
            long t = low24(Lanes.a(r, in, l), signed) * low24(Lanes.b(r, in, l), signed);
            long part = hi ? t >> 16 : t;
            long v;
            if (sat) {
                long s = (long) (int) part + (int) Lanes.c(r, in, l);
                v = Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, s));
            } else {
                v = mad ? part + Lanes.c(r, in, l) : part;
            }
            r[in.d + l] = v & 0xFFFFFFFFL;
        }
    }

    private static long low24(long v, boolean signed) {
        long x = v & 0xFFFFFF;
        return signed && (x & 0x800000) != 0 ? x - 0x1000000 : x;
    }
}
