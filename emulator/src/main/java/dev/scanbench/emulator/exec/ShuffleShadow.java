package dev.scanbench.emulator.exec;

import static java.lang.Integer.numberOfTrailingZeros;

import dev.scanbench.emulator.decode.Insn;

/**
 * initcheck through one shfl.sync: each lane receives the validity bits of the lane it reads, so an undefined
 * value moves between lanes like any other; a read of a lane that has exited or is not taking part, or a lane
 * index or clamp that is itself undefined, yields an undefined value (reported only where it decides something).
 * The sources' shadows are read before any destination is written, as the values are.
 */
final class ShuffleShadow {
    private final Definedness defs;
    private final Warp w;
    private final Insn in;
    private final long[] bits = new long[32];
    private final int[] origin = new int[32];
    private int predUndefined;

    private ShuffleShadow(Definedness defs, Warp w, Insn in) {
        this.defs = defs;
        this.w = w;
        this.in = in;
    }

    /**
     * The shadow of this shfl, or null when its result is known defined in every lane: all 32 lanes execute it
     * (so every lane read takes part) and the value, lane index and clamp registers are defined in every lane, as
     * they are in a warp-wide scan. That case, most shuffles, then costs {@link #commitDefined} instead of a
     * per-lane walk.
     */
    static ShuffleShadow before(Definedness defs, Warp w, Insn in, int m) {
        Shadow s = w.shadow;
        if (m == -1 && s.defined(in.a) && s.defined(in.b) && s.defined(in.c)) {
            return null;
        }
        return new ShuffleShadow(defs, w, in);
    }

    /** The destinations of a shfl whose {@link #before} was null: defined in the executing lanes {@code m}. */
    static void commitDefined(Warp w, Insn in, int m) {
        Shadow s = w.shadow;
        if (!s.defined(in.d)) {
            for (int k = m; k != 0; k &= k - 1) {
                s.v[in.d + numberOfTrailingZeros(k)] = 0;
            }
            s.settle(in.d);
        }
        if (in.d2 >= 0) {
            s.p[in.d2] &= ~m;
        }
    }

    /** Lane {@code lane} reads lane {@code j} among the executing lanes {@code m}. */
    void lane(int lane, int j, int m) {
        long[] v = w.shadow.v;
        long control = ((in.b >= 0 ? v[in.b + lane] : 0) | (in.c >= 0 ? v[in.c + lane] : 0)) & 0xFFFFFFFFL;
        if (control != 0) {
            bits[lane] = 0xFFFFFFFFL;
            origin[lane] = defs.originOfRegister(w, (in.b >= 0 && v[in.b + lane] != 0) ? in.b : in.c, in);
            predUndefined |= 1 << lane;
        } else if ((m >>> j & 1) == 0) {
            bits[lane] = 0xFFFFFFFFL;
            String why = (w.live >>> j & 1) == 0 ? "has exited" : "is not executing this shfl";
            origin[lane] = defs.origins.of("shfl:" + in.pc + ":" + why, () -> "shfl reads lane " + j + ", which " + why
                    + ": the value is undefined (" + Definedness.where(in) + ")");
        } else {
            bits[lane] = in.a >= 0 ? v[in.a + j] & 0xFFFFFFFFL : 0;
            origin[lane] = bits[lane] != 0 ? defs.originOfRegister(w, in.a, in) : 0;
        }
    }

    /** Writes the destinations' shadows for the executing lanes {@code m}. */
    void commit(int m) {
        Shadow s = w.shadow;
        for (int k = m; k != 0; k &= k - 1) {
            int l = numberOfTrailingZeros(k);
            s.set(in.d, l, bits[l]);
            if (bits[l] != 0) {
                s.vo[in.d >> 5] = origin[l];
            }
        }
        s.settle(in.d);
        if (in.d2 >= 0) {
            s.p[in.d2] = (s.p[in.d2] & ~m) | (predUndefined & m);
            if ((predUndefined & m) != 0) {
                s.po[in.d2] = origin[numberOfTrailingZeros(predUndefined & m)];
            }
        }
    }
}
