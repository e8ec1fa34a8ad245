package dev.scanbench.emulator.exec;

import java.util.Arrays;

/**
 * A warp's validity bits for initcheck, as Valgrind's memcheck keeps them: for every value register and lane the
 * bits whose value is undefined ({@link #v}, laid out as the register file), for every predicate the lanes in
 * which it is undefined ({@link #p}), and per register the origin of its undefined value (an index into the
 * launch's {@link Origins}). Everything starts undefined except the special registers; local memory has a
 * one-bit-per-byte defined map of its own.
 */
final class Shadow {
    /** Undefined bits per register lane: {@code v[reg * 32 + lane]}. */
    final long[] v;
    /** Undefined lanes per predicate register. */
    final int[] p;
    /** Origin of each value register's undefined bits, or {@link Origins#NEVER_WRITTEN}. */
    final int[] vo;
    /** Origin of each predicate's undefined lanes, or {@link Origins#NEVER_WRITTEN}. */
    final int[] po;
    /** One bit per byte of the warp's local memory (32 lanes' frames): set while it holds a defined value. */
    final long[] local;
    /**
     * Per value register: false only while every lane of it is defined (its 32 {@link #v} entries all zero). An
     * instruction whose sources are all known defined then skips the per-lane propagation, which is most of
     * initcheck's cost. Conservative: every write of undefined bits sets it ({@link #set}); only {@link #settle},
     * after a scan, clears it.
     */
    final boolean[] mayBeUndefined;

    Shadow(int valueRegs, int predRegs, int localBytes) {
        v = new long[valueRegs * 32];
        p = new int[predRegs];
        vo = new int[valueRegs];
        po = new int[predRegs];
        local = localBytes == 0 ? null : new long[localBytes * 32 / 64 + 2];
        mayBeUndefined = new boolean[valueRegs];
        reset();
    }

    /** True if this shadow fits a warp of a program with these counts (what {@link #reset} can serve). */
    boolean fits(int valueRegs, int predRegs, int localBytes) {
        return v.length == valueRegs * 32 && p.length == predRegs
                && (local == null ? localBytes == 0 : local.length == localBytes * 32 / 64 + 2);
    }

    /** Back to a new warp's state, every bit undefined: a retired warp's shadow serves the next warp. */
    Shadow reset() {
        Arrays.fill(v, -1L);
        Arrays.fill(p, -1);
        Arrays.fill(vo, Origins.NEVER_WRITTEN);
        Arrays.fill(po, Origins.NEVER_WRITTEN);
        if (local != null) {
            Arrays.fill(local, 0L);
        }
        Arrays.fill(mayBeUndefined, true);
        return this;
    }

    /** Sets lane {@code l} of the register at lane base {@code base} to the undefined bits {@code u}. */
    void set(int base, int l, long u) {
        v[base + l] = u;
        if (u != 0) {
            mayBeUndefined[base >> 5] = true;
        }
    }

    /** True if the register at lane base {@code base} is defined in every lane (an immediate, -1, always is). */
    boolean defined(int base) {
        return base < 0 || !mayBeUndefined[base >> 5];
    }

    /** Marks every lane of the register at lane base {@code base} defined (a full warp wrote defined values). */
    void defineAll(int base) {
        Arrays.fill(v, base, base + 32, 0L);
        mayBeUndefined[base >> 5] = false;
    }

    /** After a write: marks the register at lane base {@code base} defined if every lane of it now is. */
    void settle(int base) {
        int reg = base >> 5;
        if (!mayBeUndefined[reg]) {
            return;
        }
        for (int l = 0; l < 32; l++) {
            if (v[base + l] != 0) {
                return;
            }
        }
        mayBeUndefined[reg] = false;
    }
}
