package dev.scanbench.emulator.exec;

import static dev.scanbench.emulator.exec.Lanes.WIDTH;
import static dev.scanbench.emulator.exec.Lanes.a;
import static dev.scanbench.emulator.exec.Lanes.b;
import static dev.scanbench.emulator.exec.Lanes.c;
import static dev.scanbench.emulator.exec.Lanes.ext;
import static java.lang.Integer.numberOfTrailingZeros;

import dev.scanbench.emulator.decode.Insn;

/** Integer arithmetic, bit operations, moves, compares and selects, warp-wide over the active lanes. */
final class IntegerUnit {
    private IntegerUnit() {
    }

    /**
     * Active lanes from which a partial warp's operation runs over all 32 lanes and keeps the active ones
     * ({@link FullWarp#blend}) rather than lane by lane: below it the per-lane loop, about twice a full-warp loop's
     * cost per lane, does less work. The shuffle scans' {@code if (lane >= d)} bodies run with 31 to 16 lanes.
     */
    static final int BLEND_LANES = 12;

    static void exec(Machine mc, Warp w, Insn in, int mask) {
        final long[] r = w.r;
        final int d = in.d;
        final int size = in.type & 0xF;
        final long wm = WIDTH[size];
        final boolean signed = (in.type & Insn.SIGNED) != 0;
        if (mask == -1) {
            if (FullWarp.binary(r, in, r, d)) {
                return;
            }
        } else if (Integer.bitCount(mask) >= BLEND_LANES && FullWarp.binary(r, in, mc.laneScratch, 0)) {
            FullWarp.blend(r, d, mc.laneScratch, mask);
            return;
        }
        switch (in.op) {
            case MOV -> {
                if (mask != -1 && Integer.bitCount(mask) < BLEND_LANES) {
                    for (int k = mask; k != 0; k &= k - 1) {
                        int l = numberOfTrailingZeros(k);
                        r[d + l] = a(r, in, l) & wm;
                    }
                    return;
                }
                long[] out = mask == -1 ? r : mc.laneScratch;
                int o = mask == -1 ? d : 0;
                if (in.a >= 0) {
                    int ra = in.a;
                    for (int l = 0; l < 32; l++) {
                        out[o + l] = r[ra + l] & wm;
                    }
                } else {
                    java.util.Arrays.fill(out, o, o + 32, in.ia & wm);
                }
                if (mask != -1) {
                    FullWarp.blend(r, d, out, mask);
                }
            }
            case ADD -> {
                if ((in.flags & Insn.SAT) != 0) {
                    for (int k = mask; k != 0; k &= k - 1) {
                        int l = numberOfTrailingZeros(k);
                        long v = (long) (int) a(r, in, l) + (int) b(r, in, l);
                        r[d + l] = Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v)) & wm;
                    }
                } else if (mask == -1 && in.a >= 0) {
                    // the common full-warp case: straight loops the JIT can vectorise
                    int ra = in.a;
                    if (in.b >= 0) {
                        int rb = in.b;
                        for (int l = 0; l < 32; l++) {
                            r[d + l] = (r[ra + l] + r[rb + l]) & wm;
                        }
                    } else {
                        long ib = in.ib;
                        for (int l = 0; l < 32; l++) {
                            r[d + l] = (r[ra + l] + ib) & wm;
                        }
                    }
                } else {
                    for (int k = mask; k != 0; k &= k - 1) {
                        int l = numberOfTrailingZeros(k);
                        r[d + l] = (a(r, in, l) + b(r, in, l)) & wm;
                    }
                }
            }
            case SUB -> {
                for (int k = mask; k != 0; k &= k - 1) {
                    int l = numberOfTrailingZeros(k);
                    long v = a(r, in, l) - b(r, in, l);
                    if ((in.flags & Insn.SAT) != 0) {
                        v = Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, (long) (int) a(r, in, l)
                                - (int) b(r, in, l)));
                    }
                    r[d + l] = v & wm;
                }
            }
            case MUL_LO, MAD_LO -> {
                boolean mad = in.op == dev.scanbench.emulator.decode.Op.MAD_LO;
                for (int k = mask; k != 0; k &= k - 1) {
                    int l = numberOfTrailingZeros(k);
                    long v = a(r, in, l) * b(r, in, l);
                    r[d + l] = (mad ? v + c(r, in, l) : v) & wm;
                }
            }
            case MUL_HI, MAD_HI -> {
                boolean mad = in.op == dev.scanbench.emulator.decode.Op.MAD_HI;
                for (int k = mask; k != 0; k &= k - 1) {
                    int l = numberOfTrailingZeros(k);
                    long v = mulHi(a(r, in, l), b(r, in, l), in.type);
                    r[d + l] = (mad ? v + c(r, in, l) : v) & wm;
                }
            }
            case MUL_WIDE, MAD_WIDE -> {
                boolean mad = in.op == dev.scanbench.emulator.decode.Op.MAD_WIDE;
                long wide = WIDTH[Math.min(8, size * 2)];
                for (int k = mask; k != 0; k &= k - 1) {
                    int l = numberOfTrailingZeros(k);
                    long v = ext(a(r, in, l), in.type) * ext(b(r, in, l), in.type);
                    r[d + l] = (mad ? v + c(r, in, l) : v) & wide;
                }
            }
            case DIV, REM -> divRem(mc, w, in, mask, wm, signed);
            case ABS, NEG, NOT, CNOT, POPC, CLZ, BREV, BFIND -> BitOps.unary(r, in, mask);
            case MIN, MAX -> {
                boolean min = in.op == dev.scanbench.emulator.decode.Op.MIN;
                for (int k = mask; k != 0; k &= k - 1) {
                    int l = numberOfTrailingZeros(k);
                    long x = ext(a(r, in, l), in.type);
                    long y = ext(b(r, in, l), in.type);
                    int cmp = signed ? Long.compare(x, y) : Long.compareUnsigned(x, y);
                    r[d + l] = ((min ? cmp <= 0 : cmp >= 0) ? x : y) & wm;
                }
            }
            case AND -> {
                for (int k = mask; k != 0; k &= k - 1) {
                    int l = numberOfTrailingZeros(k);
                    r[d + l] = a(r, in, l) & b(r, in, l) & wm;
                }
            }
            case OR -> {
                for (int k = mask; k != 0; k &= k - 1) {
                    int l = numberOfTrailingZeros(k);
                    r[d + l] = (a(r, in, l) | b(r, in, l)) & wm;
                }
            }
            case XOR -> {
                for (int k = mask; k != 0; k &= k - 1) {
                    int l = numberOfTrailingZeros(k);
                    r[d + l] = (a(r, in, l) ^ b(r, in, l)) & wm;
                }
            }
            case SHL, SHR -> shift(r, in, mask, size, wm);
            case BFE, BFI, FNS, PRMT, LOP3 -> BitOps.bitfield(r, in, mask);
            case SAD -> {
                for (int k = mask; k != 0; k &= k - 1) {
                    int l = numberOfTrailingZeros(k);
                    long x = ext(a(r, in, l), in.type);
                    long y = ext(b(r, in, l), in.type);
                    int cmp = signed ? Long.compare(x, y) : Long.compareUnsigned(x, y);
                    r[d + l] = (c(r, in, l) + (cmp < 0 ? y - x : x - y)) & wm;
                }
            }
            case SHF -> {
                for (int k = mask; k != 0; k &= k - 1) {
                    int l = numberOfTrailingZeros(k);
                    long pair = (a(r, in, l) & 0xFFFFFFFFL) | (b(r, in, l) << 32);
                    long n = c(r, in, l) & 0xFFFFFFFFL;
                    n = (in.sub & 2) != 0 ? Math.min(n, 32) : n & 31;
                    r[d + l] = ((in.sub & 1) != 0 ? pair >>> n : (pair << n) >>> 32) & 0xFFFFFFFFL;
                }
            }
            case SELP -> selp(mc, w, in, mask, wm);
            case SETP -> setp(w, in, mask, signed);
            case MOV_SYMBOL -> {
                long addr = mc.symbolAddress(in.sym);
                for (int k = mask; k != 0; k &= k - 1) {
                    r[d + numberOfTrailingZeros(k)] = addr;
                }
            }
            case PACK -> {
                int bits = in.size * 8;
                for (int k = mask; k != 0; k &= k - 1) {
                    int l = numberOfTrailingZeros(k);
                    long v = 0;
                    for (int i = 0; i < in.sv.length; i++) {
                        long x = in.sv[i] >= 0 ? r[in.sv[i] + l] : in.siv[i];
                        v |= (x & WIDTH[in.size]) << (i * bits);
                    }
                    r[d + l] = v;
                }
            }
            case UNPACK -> {
                int bits = in.size * 8;
                for (int k = mask; k != 0; k &= k - 1) {
                    int l = numberOfTrailingZeros(k);
                    long v = a(r, in, l);
                    for (int i = 0; i < in.dv.length; i++) {
                        if (in.dv[i] >= 0) {
                            r[in.dv[i] + l] = (v >>> (i * bits)) & WIDTH[in.size];
                        }
                    }
                }
            }
            case PRED_MOV, PRED_NOT, PRED_AND, PRED_OR, PRED_XOR -> predicate(w, in, mask);
            case VIDEO -> VideoUnit.exec(r, in, mask);
            case CARRY -> CarryUnit.carry(r, in, mask);
            case MUL24, MAD24 -> CarryUnit.mul24(r, in, mask);
            default -> throw new IllegalStateException("not an integer op: " + in.op);
        }
    }

    /**
     * selp d, a, b, p. A full warp is computed branch-free, one loop per operand kind: the predicate is data, and a
     * mispredicted branch per lane costs more than reading both sources.
     */
    private static void selp(Machine mc, Warp w, Insn in, int mask, long wm) {
        long[] r = w.r;
        int d = in.d;
        int p = w.p[in.pa];
        if (in.paNeg) {
            p = ~p;
        }
        if (mask != -1 && Integer.bitCount(mask) < BLEND_LANES) {
            for (int k = mask; k != 0; k &= k - 1) {
                int l = numberOfTrailingZeros(k);
                r[d + l] = ((p >>> l & 1) != 0 ? a(r, in, l) : b(r, in, l)) & wm;
            }
            return;
        }
        long[] out = mask == -1 ? r : mc.laneScratch;
        int o = mask == -1 ? d : 0;
        int ra = in.a;
        int rb = in.b;
        long ia = in.ia & wm;
        long ib = in.ib & wm;
        if (ra >= 0 && rb >= 0) {
            for (int l = 0; l < 32; l++) {
                long pick = -(long) (p >>> l & 1);
                out[o + l] = ((r[ra + l] & pick) | (r[rb + l] & ~pick)) & wm;
            }
        } else if (rb >= 0) {
            // selp d, imm, reg, p: nvcc's usual form ("p ? 0 : x")
            for (int l = 0; l < 32; l++) {
                long pick = -(long) (p >>> l & 1);
                out[o + l] = (ia & pick) | (r[rb + l] & wm & ~pick);
            }
        } else if (ra >= 0) {
            for (int l = 0; l < 32; l++) {
                long pick = -(long) (p >>> l & 1);
                out[o + l] = (r[ra + l] & wm & pick) | (ib & ~pick);
            }
        } else {
            // selp d, 1, 0, p: a predicate made a value
            for (int l = 0; l < 32; l++) {
                long pick = -(long) (p >>> l & 1);
                out[o + l] = (ia & pick) | (ib & ~pick);
            }
        }
        if (mask != -1) {
            FullWarp.blend(r, d, out, mask);
        }
    }

    static long mulHi(long x, long y, int type) {
        int size = type & 0xF;
        boolean signed = (type & Insn.SIGNED) != 0;
        if (size == 8) {
            long hi = Math.multiplyHigh(x, y);
            return signed ? hi : hi + ((x >> 63) & y) + ((y >> 63) & x);
        }
        long p = ext(x, type) * ext(y, type);
        return p >> (size * 8);
    }

    private static void divRem(Machine mc, Warp w, Insn in, int mask, long wm, boolean signed) {
        long[] r = w.r;
        boolean div = in.op == dev.scanbench.emulator.decode.Op.DIV;
        for (int k = mask; k != 0; k &= k - 1) {
            int l = numberOfTrailingZeros(k);
            long x = ext(a(r, in, l), in.type);
            long y = ext(b(r, in, l), in.type);
            long v;
            if (y == 0) {
                // PTX leaves the result unspecified: say so rather than pass off a value as the GPU's
                mc.rep.report(dev.scanbench.emulator.Check.FAULT, false, w, l, in, "integer division by zero: the"
                        + " result is machine-specific; the emulator returns " + (div ? "all ones" : "the dividend"));
                v = div ? -1L : x;
            } else if (signed) {
                v = div ? x / y : x % y;
            } else {
                v = div ? Long.divideUnsigned(x, y) : Long.remainderUnsigned(x, y);
            }
            r[in.d + l] = v & wm;
        }
    }

    private static void shift(long[] r, Insn in, int mask, int size, long wm) {
        int bits = size * 8;
        boolean left = in.op == dev.scanbench.emulator.decode.Op.SHL;
        boolean arith = (in.flags & Insn.ARITH) != 0;
        for (int k = mask; k != 0; k &= k - 1) {
            int l = numberOfTrailingZeros(k);
            long x = a(r, in, l);
            long n = b(r, in, l) & 0xFFFFFFFFL; // shift amounts are unsigned and clamp at the width
            long v;
            if (left) {
                v = n >= bits ? 0 : x << n;
            } else if (arith) {
                long s = Lanes.sext(x, size);
                v = s >> Math.min(n, 63);
            } else {
                v = n >= bits ? 0 : (x & wm) >>> n;
            }
            r[in.d + l] = v & wm;
        }
    }

    /** For each comparison code, bit (sign(x - y) + 1) says whether the comparison holds. */
    static final int[] CMP_TRUTH = dev.scanbench.emulator.decode.IntegerCompare.truths();

    private static void setp(Warp w, Insn in, int mask, boolean signed) {
        long[] r = w.r;
        int res = 0;
        int cmp = in.sub & 0xFF;
        int truth = CMP_TRUTH[cmp];
        boolean unsigned = !dev.scanbench.emulator.decode.IntegerCompare.signedOrder(cmp, signed);
        // comparing with the sign bit flipped turns an unsigned comparison into a signed one
        long flip = unsigned ? Long.MIN_VALUE : 0;
        int size = in.type & 0xF;
        boolean sx = (in.type & Insn.SIGNED) != 0;
        int ra = in.a;
        int rb = in.b;
        if (size == 4 && ra >= 0) {
            writeCompare(w, in, mask, compare32(r, ra, rb, in.ib, truth, !unsigned));
            return;
        }
        // the operand kinds are the instruction's, not the lane's: one loop per kind, the immediate keyed once
        if (ra >= 0 && rb >= 0) {
            for (int k = mask; k != 0; k &= k - 1) {
                int l = numberOfTrailingZeros(k);
                int c = Long.compare(key(r[ra + l], size, sx, flip), key(r[rb + l], size, sx, flip)) + 1;
                res |= ((truth >>> c) & 1) << l;
            }
        } else if (ra >= 0) {
            long y = key(in.ib, size, sx, flip);
            for (int k = mask; k != 0; k &= k - 1) {
                int l = numberOfTrailingZeros(k);
                int c = Long.compare(key(r[ra + l], size, sx, flip), y) + 1;
                res |= ((truth >>> c) & 1) << l;
            }
        } else {
            for (int k = mask; k != 0; k &= k - 1) {
                int l = numberOfTrailingZeros(k);
                int c = Long.compare(key(a(r, in, l), size, sx, flip), key(b(r, in, l), size, sx, flip)) + 1;
                res |= ((truth >>> c) & 1) << l;
            }
        }
        writeCompare(w, in, mask, res);
    }

    /**
     * nvcc's usual setp, of 32-bit values, register {@code ra} against register {@code rb} or (rb < 0) the
     * immediate {@code ib}: the lanes whose comparison holds. Branch-free over all 32 lanes (reading an inactive
     * lane's register changes nothing; the caller masks), so a data-dependent comparison costs no mispredicted
     * branch per lane. Each operand becomes a key: its low 32 bits, with the sign bit flipped for an unsigned order
     * (which makes it a signed one), sign-extended. Two keys lie within 2^32 of each other, so the sign of their
     * difference is their order. lt, gt and eq each have a loop that reads just the bit it needs, and ge, le and ne
     * are their complements (the operand's kind is loop-invariant, so the JIT splits each loop in two).
     */
    static int compare32(long[] r, int ra, int rb, long ib, int truth, boolean signedOrder) {
        long f = signedOrder ? 0 : 0x80000000L;
        long y = (int) (ib ^ f);
        int res = 0;
        switch (truth) {
            case 0b001, 0b110 -> { // lt, lo; ge, hs is its complement
                for (int l = 0; l < 32; l++) {
                    res |= (int) (((long) (int) (r[ra + l] ^ f) - (rb >= 0 ? (int) (r[rb + l] ^ f) : y)) >>> 63) << l;
                }
            }
            case 0b100, 0b011 -> { // gt, hi; le, ls is its complement
                for (int l = 0; l < 32; l++) {
                    res |= (int) (((rb >= 0 ? (long) (int) (r[rb + l] ^ f) : y) - (int) (r[ra + l] ^ f)) >>> 63) << l;
                }
            }
            case 0b010, 0b101 -> { // eq; ne is its complement
                for (int l = 0; l < 32; l++) {
                    res |= ((int) r[ra + l] == (rb >= 0 ? (int) r[rb + l] : (int) ib) ? 1 : 0) << l;
                }
            }
            default -> throw new IllegalArgumentException("not a CMP_TRUTH: " + truth);
        }
        // ge, le and ne hold exactly where lt, gt and eq do not (the caller masks the inactive lanes)
        boolean complement = truth == 0b110 || truth == 0b011 || truth == 0b101;
        return complement ? ~res : res;
    }

    /** A value extended by its type and xor-ed with {@code flip}: compared as signed longs, it orders as setp does. */
    private static long key(long v, int size, boolean signedType, long flip) {
        if (size == 4) {
            return (signedType ? (long) (int) v : v & 0xFFFFFFFFL) ^ flip;
        }
        return (signedType ? Lanes.sext(v, size) : v & WIDTH[size]) ^ flip;
    }

    /** Writes a compare result, combining with the bool operand when setp has one. */
    static void writeCompare(Warp w, Insn in, int mask, int res) {
        int q = ~res;
        int bool = in.sub >>> 8;
        if (bool != 0) {
            int c = w.p[in.pa];
            if (in.paNeg) {
                c = ~c;
            }
            switch (bool) {
                case 1 -> { res &= c; q &= c; }
                case 2 -> { res |= c; q |= c; }
                default -> { res ^= c; q ^= c; }
            }
        }
        w.p[in.d] = (w.p[in.d] & ~mask) | (res & mask);
        if (in.d2 >= 0) {
            w.p[in.d2] = (w.p[in.d2] & ~mask) | (q & mask);
        }
    }

    private static void predicate(Warp w, Insn in, int mask) {
        int[] p = w.p;
        int v;
        if (in.op == dev.scanbench.emulator.decode.Op.PRED_MOV) {
            v = in.pa >= 0 ? (in.paNeg ? ~p[in.pa] : p[in.pa]) : (int) in.ia;
        } else if (in.op == dev.scanbench.emulator.decode.Op.PRED_NOT) {
            v = ~p[in.pa];
        } else {
            int x = p[in.pa];
            int y = p[in.a];
            v = switch (in.op) {
                case PRED_AND -> x & y;
                case PRED_OR -> x | y;
                default -> x ^ y;
            };
        }
        p[in.d] = (p[in.d] & ~mask) | (v & mask);
    }
}
