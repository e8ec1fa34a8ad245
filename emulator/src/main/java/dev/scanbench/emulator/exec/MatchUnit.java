package dev.scanbench.emulator.exec;

import static java.lang.Integer.numberOfTrailingZeros;

import dev.scanbench.emulator.decode.Insn;

/**
 * match.any / match.all and elect.sync over the lanes {@code m} that execute together ({@link WarpCollectiveUnit}
 * has gathered them and checked the member mask). match.any: each lane gets the mask of lanes whose value equals its
 * own; match.all: the lanes' mask (and p true) if every lane's value is the same, else 0 (and p false). elect: the
 * lowest lane of the member mask among them is the leader; every lane gets its lane id, p is true in the leader
 * only. initcheck: a match result is undefined in every lane if any lane's value is (simplest honest rule: it
 * compares all of them); elect's depends only on the member mask, which the caller has checked.
 */
final class MatchUnit {
    private MatchUnit() {
    }

    static void match(Machine mc, Warp w, Insn in, int m) {
        long[] r = w.r;
        long wm = Lanes.WIDTH[in.type & 0xF];
        long[] v = mc.scratch;
        for (int k = m; k != 0; k &= k - 1) {
            int l = numberOfTrailingZeros(k);
            v[l] = Lanes.a(r, in, l) & wm;
        }
        boolean undefined = false;
        if (mc.defs != null && in.a >= 0) {
            for (int k = m; k != 0; k &= k - 1) {
                undefined |= (w.shadow.v[in.a + numberOfTrailingZeros(k)] & wm) != 0;
            }
        }
        if (in.sub == 0) {
            for (int k = m; k != 0; k &= k - 1) {
                int l = numberOfTrailingZeros(k);
                int same = 0;
                for (int j = m; j != 0; j &= j - 1) {
                    int o = numberOfTrailingZeros(j);
                    if (v[o] == v[l]) {
                        same |= 1 << o;
                    }
                }
                r[in.d + l] = same & 0xFFFFFFFFL;
            }
        } else {
            boolean all = true;
            long first = v[numberOfTrailingZeros(m)];
            for (int k = m; k != 0; k &= k - 1) {
                all &= v[numberOfTrailingZeros(k)] == first;
            }
            for (int k = m; k != 0; k &= k - 1) {
                r[in.d + numberOfTrailingZeros(k)] = all ? m & 0xFFFFFFFFL : 0;
            }
            if (in.d2 >= 0) {
                w.p[in.d2] = (w.p[in.d2] & ~m) | (all ? m : 0);
            }
        }
        if (mc.defs != null) {
            shadow(mc.defs, w, in, m, undefined);
        }
    }

    static void elect(Machine mc, Warp w, Insn in, int m, int member) {
        int present = member & m;
        int leader = present != 0 ? numberOfTrailingZeros(present) : -1;
        if (in.d >= 0) {
            for (int k = m; k != 0; k &= k - 1) {
                w.r[in.d + numberOfTrailingZeros(k)] = leader & 0xFFFFFFFFL;
            }
        }
        int p = leader >= 0 ? 1 << leader : 0;
        w.p[in.d2] = (w.p[in.d2] & ~m) | (p & m);
        if (mc.defs != null) {
            shadow(mc.defs, w, in, m, false);
        }
    }

    private static void shadow(Definedness defs, Warp w, Insn in, int m, boolean undefined) {
        Shadow s = w.shadow;
        int origin = undefined ? defs.originOfRegister(w, in.a, in) : 0;
        if (in.d >= 0) {
            for (int k = m; k != 0; k &= k - 1) {
                s.set(in.d, numberOfTrailingZeros(k), undefined ? 0xFFFFFFFFL : 0);
            }
            s.settle(in.d);
            if (undefined) {
                s.vo[in.d >> 5] = origin;
            }
        }
        if (in.d2 >= 0) {
            s.p[in.d2] = (s.p[in.d2] & ~m) | (undefined ? m : 0);
            if (undefined) {
                s.po[in.d2] = origin;
            }
        }
    }
}
