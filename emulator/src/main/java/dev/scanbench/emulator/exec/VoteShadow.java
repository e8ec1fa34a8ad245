package dev.scanbench.emulator.exec;

import static java.lang.Integer.numberOfTrailingZeros;

import dev.scanbench.emulator.decode.Insn;

/**
 * initcheck through vote.sync and redux.sync, whose result combines every executing lane. A ballot's bit for a
 * lane is undefined exactly when that lane's predicate is; any (all) is known as soon as one defined lane votes
 * true (false); otherwise, and for uni and every redux, one undefined lane makes the whole result undefined.
 */
final class VoteShadow {
    private VoteShadow() {
    }

    /** Before vote writes its destination: {@code bits} are the (negation-applied) votes of the lanes {@code m}. */
    static void apply(Definedness defs, Warp w, Insn in, int m, int bits) {
        Shadow s = w.shadow;
        int u = s.p[in.pa] & m;
        int origin = u != 0 ? defs.originOfPred(w, in.pa, in) : 0;
        if (in.sub == 3) {
            for (int k = m; k != 0; k &= k - 1) {
                s.set(in.d, numberOfTrailingZeros(k), u & 0xFFFFFFFFL);
            }
            s.settle(in.d);
            if (u != 0) {
                s.vo[in.d >> 5] = origin;
            }
            return;
        }
        boolean undefined = switch (in.sub) {
            case 0 -> u != 0 && (~bits & m & ~u) == 0; // all: a defined false decides it
            case 1 -> u != 0 && (bits & ~u) == 0;      // any: a defined true decides it
            default -> u != 0;
        };
        s.p[in.d] = (s.p[in.d] & ~m) | (undefined ? m : 0);
        if (undefined) {
            s.po[in.d] = origin;
        }
    }

    /** Before redux writes its destination. */
    static void redux(Definedness defs, Warp w, Insn in, int m) {
        Shadow s = w.shadow;
        boolean undefined = false;
        if (in.a >= 0) {
            for (int k = m; k != 0; k &= k - 1) {
                undefined |= (s.v[in.a + numberOfTrailingZeros(k)] & 0xFFFFFFFFL) != 0;
            }
        }
        int origin = undefined ? defs.originOfRegister(w, in.a, in) : 0;
        for (int k = m; k != 0; k &= k - 1) {
            s.set(in.d, numberOfTrailingZeros(k), undefined ? 0xFFFFFFFFL : 0);
        }
        s.settle(in.d);
        if (undefined) {
            s.vo[in.d >> 5] = origin;
        }
    }
}
