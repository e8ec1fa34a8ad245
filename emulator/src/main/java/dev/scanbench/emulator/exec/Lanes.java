package dev.scanbench.emulator.exec;

import dev.scanbench.emulator.decode.Insn;

/** Operand access and value-width helpers shared by the executors. */
final class Lanes {
    /** Mask of the low bytes of a value, indexed by byte size. */
    static final long[] WIDTH = {0, 0xFFL, 0xFFFFL, 0, 0xFFFFFFFFL, 0, 0, 0, -1L};

    private Lanes() {
    }

    static long a(long[] r, Insn in, int lane) {
        return in.a >= 0 ? r[in.a + lane] : in.ia;
    }

    static long b(long[] r, Insn in, int lane) {
        return in.b >= 0 ? r[in.b + lane] : in.ib;
    }

    static long c(long[] r, Insn in, int lane) {
        return in.c >= 0 ? r[in.c + lane] : in.ic;
    }

    static long e(long[] r, Insn in, int lane) {
        return in.e >= 0 ? r[in.e + lane] : in.ie;
    }

    /** Sign-extends the low {@code size} bytes. */
    static long sext(long v, int size) {
        return switch (size) {
            case 1 -> (byte) v;
            case 2 -> (short) v;
            case 4 -> (int) v;
            default -> v;
        };
    }

    /** Extends the low bytes of the type's size by the type's signedness. */
    static long ext(long v, int type) {
        int size = type & 0xF;
        return (type & Insn.SIGNED) != 0 ? sext(v, size) : v & WIDTH[size];
    }

    /** Value of a uniform operand (barrier id, member mask) read from the first active lane. */
    static long uniformA(long[] r, Insn in, int mask) {
        return a(r, in, Integer.numberOfTrailingZeros(mask));
    }
}
