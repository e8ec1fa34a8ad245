package dev.scanbench.emulator.exec;

import static java.lang.Integer.numberOfTrailingZeros;

import dev.scanbench.emulator.Check;
import dev.scanbench.emulator.decode.Insn;
import dev.scanbench.emulator.decode.Op;
import dev.scanbench.emulator.decode.Space;
import dev.scanbench.emulator.memory.Bytes;

/**
 * atom / red. Lanes are applied one after another in lane order: the emulator runs one interleaving, in
 * which every atomic is indivisible and every memory order is satisfied. Under initcheck an undefined address or
 * operand is reported (it decides where and what is written); an undefined value found in memory makes the
 * returned value and the value written back undefined, except for exch, which replaces it.
 */
final class AtomicUnit {
    private AtomicUnit() {
    }

    static void exec(Machine mc, Warp w, Insn in, int mask) {
        long[] r = w.r;
        int size = in.size;
        long wm = Lanes.WIDTH[size];
        w.lintPc = -1;
        Definedness defs = mc.defs;
        for (int k = mask; k != 0; k &= k - 1) {
            int l = numberOfTrailingZeros(k);
            long addr = mc.address(w, in, l);
            if (defs != null) {
                defs.address(w, in, l, in.addr);
                defs.operand(w, in, 1 << l, in.a, "an operand of this ");
                defs.operand(w, in, 1 << l, in.b, "an operand of this ");
            }
            mc.resolve(w, in, l, in.space, addr, size, size, true);
            if (mc.tSpace != Space.GLOBAL && mc.tSpace != Space.SHARED) {
                mc.fail(w, in, l, "atomic on " + Space.name(mc.tSpace) + " memory");
            }
            byte[] bytes = mc.tBytes;
            int off = mc.tOff;
            // the value found: an undefined one makes the result (and, but for exch, what is written back) undefined
            long undefinedOld = defs != null ? defs.loaded(w, in, addr, off, size, false, wm) : 0;
            int oldOrigin = undefinedOld != 0 ? defs.lastOrigin : 0;
            long old = Bytes.get(bytes, off, size);
            long b = Lanes.b(r, in, l);
            long v = apply(in, old, Lanes.a(r, in, l), b) & wm;
            if (v != old) {
                Bytes.put(bytes, off, size, v);
                mc.progress();
            }
            if (defs != null) {
                defs.stored(w, in, l, off, size, in.sub == 1 ? 0 : undefinedOld, oldOrigin);
            } else if (mc.tWritten != null) {
                Bytes.markWritten(mc.tWritten, off, size);
            }
            if (mc.tSpace == Space.GLOBAL) {
                mc.globalRead += size;
                mc.globalWritten += size;
                if (mc.path != null) {
                    mc.path.atomic(w, mc.tAlloc, off, size, in.op == Op.ATOM);
                }
            }
            if (in.op == Op.ATOM && in.dv[0] >= 0) {
                r[in.dv[0] + l] = old;
                if (defs != null) {
                    w.shadow.set(in.dv[0], l, undefinedOld);
                    if (undefinedOld != 0) {
                        w.shadow.vo[in.dv[0] >> 5] = oldOrigin;
                    }
                }
            }
        }
        if (defs != null && in.op == Op.ATOM && in.dv[0] >= 0) {
            w.shadow.settle(in.dv[0]);
        }
        mc.atomics += Integer.bitCount(mask);
    }

    private static long apply(Insn in, long old, long x, long y) {
        int t = in.type;
        boolean signed = (t & Insn.SIGNED) != 0;
        long o = Lanes.ext(old, t);
        long a = Lanes.ext(x, t);
        return switch (in.sub) {
            case 0 -> (t & Insn.FLOAT) != 0 ? floatAdd(old, x, t) : old + x;
            case 1 -> x;
            case 2 -> (old & Lanes.WIDTH[t & 0xF]) == (x & Lanes.WIDTH[t & 0xF]) ? y : old;
            case 3 -> (signed ? Long.compare(o, a) : Long.compareUnsigned(o, a)) <= 0 ? old : x;
            case 4 -> (signed ? Long.compare(o, a) : Long.compareUnsigned(o, a)) >= 0 ? old : x;
            case 5 -> Long.compareUnsigned(o, a) >= 0 ? 0 : old + 1;
            case 6 -> (o == 0 || Long.compareUnsigned(o, a) > 0) ? x : old - 1;
            case 7 -> old & x;
            case 8 -> old | x;
            default -> old ^ x;
        };
    }

    /** atom.add.f32 flushes subnormal inputs and results to zero, as the ISA states. */
    private static long floatAdd(long old, long x, int t) {
        if ((t & 0xF) == 8) {
            return Double.doubleToRawLongBits(Double.longBitsToDouble(old) + Double.longBitsToDouble(x));
        }
        return FloatUnit.out32(FloatUnit.in32(old, true) + FloatUnit.in32(x, true), true);
    }
}
