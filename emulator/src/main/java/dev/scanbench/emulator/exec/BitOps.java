package dev.scanbench.emulator.exec;

import static dev.scanbench.emulator.exec.Lanes.WIDTH;
import static dev.scanbench.emulator.exec.Lanes.a;
import static dev.scanbench.emulator.exec.Lanes.b;
import static dev.scanbench.emulator.exec.Lanes.c;
import static dev.scanbench.emulator.exec.Lanes.e;
import static dev.scanbench.emulator.exec.Lanes.ext;
import static java.lang.Integer.numberOfTrailingZeros;

import dev.scanbench.emulator.decode.Insn;

/** Bit-level integer operations with the exact PTX ISA definitions (bfe, bfi, fns, prmt, lop3, bfind, ...). */
final class BitOps {
    private BitOps() {
    }

    static void unary(long[] r, Insn in, int mask) {
        int size = in.type & 0xF;
        int bits = size * 8;
        long wm = WIDTH[size];
        for (int k = mask; k != 0; k &= k - 1) {
            int l = numberOfTrailingZeros(k);
            long x = a(r, in, l) & wm;
            long v = switch (in.op) {
                case ABS -> Math.abs(ext(x, in.type)) & wm;
                case NEG -> -x & wm;
                case NOT -> ~x & wm;
                case CNOT -> x == 0 ? 1 : 0;
                case POPC -> Long.bitCount(x);
                case CLZ -> Long.numberOfLeadingZeros(x) - (64 - bits);
                case BREV -> (Long.reverse(x) >>> (64 - bits)) & wm;
                default -> bfind(x, in, bits);
            };
            r[in.d + l] = v;
        }
    }

    private static long bfind(long x, Insn in, int bits) {
        long v = x;
        if ((in.type & Insn.SIGNED) != 0 && Lanes.sext(x, bits / 8) < 0) {
            v = ~x & WIDTH[bits / 8]; // most significant non-sign bit
        }
        if (v == 0) {
            return 0xFFFFFFFFL;
        }
        int msb = 63 - Long.numberOfLeadingZeros(v);
        return (in.flags & Insn.SHIFTAMT) != 0 ? (bits - 1 - msb) : msb;
    }

    static void bitfield(long[] r, Insn in, int mask) {
        int size = in.type & 0xF;
        int msb = size * 8 - 1;
        long wm = WIDTH[size];
        for (int k = mask; k != 0; k &= k - 1) {
            int l = numberOfTrailingZeros(k);
            long v = switch (in.op) {
                case BFE -> bfe(a(r, in, l) & wm, (int) (b(r, in, l) & 0xFF), (int) (c(r, in, l) & 0xFF), msb,
                        (in.type & Insn.SIGNED) != 0);
                case BFI -> bfi(a(r, in, l), b(r, in, l) & wm, (int) (c(r, in, l) & 0xFF),
                        (int) (e(r, in, l) & 0xFF), msb);
                case FNS -> fns(a(r, in, l), b(r, in, l), (int) c(r, in, l));
                case PRMT -> prmt(a(r, in, l), b(r, in, l), c(r, in, l));
                default -> lop3(a(r, in, l), b(r, in, l), c(r, in, l), (int) e(r, in, l));
            };
            r[in.d + l] = v & wm;
        }
    }

    static long bfe(long a, int pos, int len, int msb, boolean signed) {
        long sbit = 0;
        if (signed && len > 0) {
            sbit = (a >>> Math.min(pos + len - 1, msb)) & 1;
        }
        long d = 0;
        for (int i = 0; i <= msb; i++) {
            long bit = (i < len && pos + i <= msb) ? (a >>> (pos + i)) & 1 : sbit;
            d |= bit << i;
        }
        return d;
    }

    static long bfi(long f, long b, int pos, int len, int msb) {
        long d = b;
        for (int i = 0; i < len && pos + i <= msb; i++) {
            long bit = (f >>> i) & 1;
            d = (d & ~(1L << (pos + i))) | (bit << (pos + i));
        }
        return d;
    }

    static long fns(long mask, long base, int offset) {
        int b = (int) (base & 0xFFFFFFFFL);
        if (b < 0 || b > 31) {
            return 0xFFFFFFFFL;
        }
        if (offset == 0) {
            return ((mask >>> b) & 1) != 0 ? b : 0xFFFFFFFFL;
        }
        int inc = offset > 0 ? 1 : -1;
        long count = Math.abs((long) offset) - 1;
        for (int pos = b; pos >= 0 && pos < 32; pos += inc) {
            if (((mask >>> pos) & 1) != 0) {
                if (count == 0) {
                    return pos;
                }
                count--;
            }
        }
        return 0xFFFFFFFFL;
    }

    static long prmt(long a, long b, long c) {
        long bytes = (a & 0xFFFFFFFFL) | ((b & 0xFFFFFFFFL) << 32);
        long d = 0;
        for (int i = 0; i < 4; i++) {
            int sel = (int) (c >>> (4 * i)) & 0xF;
            long byteVal = (bytes >>> (8 * (sel & 7))) & 0xFF;
            if ((sel & 8) != 0) {
                byteVal = (byteVal & 0x80) != 0 ? 0xFF : 0;
            }
            d |= byteVal << (8 * i);
        }
        return d;
    }

    static long lop3(long a, long b, long c, int lut) {
        long d = 0;
        for (int i = 0; i < 8; i++) {
            if ((lut >>> i & 1) != 0) {
                d |= ((i & 4) != 0 ? a : ~a) & ((i & 2) != 0 ? b : ~b) & ((i & 1) != 0 ? c : ~c);
            }
        }
        return d;
    }
}
