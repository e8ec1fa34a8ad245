package dev.scanbench.emulator.exec;

import dev.scanbench.emulator.decode.Insn;

/**
 * Straight-line loops for the most frequent integer operations over all 32 lanes: no per-lane mask scan and no
 * per-lane operand-kind branch, so the JIT can unroll and vectorise them. Semantics are those of
 * {@link IntegerUnit}; it falls back there for anything not handled here. A warp with most lanes active runs them
 * too, into a scratch register, and keeps the active lanes' results ({@link #blend}): these operations have no
 * effect beyond their destination, so computing an inactive lane's value and dropping it changes nothing.
 */
final class FullWarp {
    private FullWarp() {
    }

    /**
     * Executes the op for all 32 lanes if it is one handled here, writing lane l's result to {@code out[d + l]}
     * ({@code r} itself at the instruction's destination, or a scratch register); returns false (doing nothing)
     * otherwise.
     */
    static boolean binary(long[] r, Insn in, long[] out, int d) {
        if (in.a < 0 || (in.flags & Insn.SAT) != 0) {
            return false;
        }
        int size = in.type & 0xF;
        long wm = Lanes.WIDTH[size];
        int ra = in.a;
        int rb = in.b;
        long ib = in.ib;
        switch (in.op) {
            case ADD -> {
                if (rb >= 0) {
                    for (int l = 0; l < 32; l++) {
                        out[d + l] = (r[ra + l] + r[rb + l]) & wm;
                    }
                } else {
                    for (int l = 0; l < 32; l++) {
                        out[d + l] = (r[ra + l] + ib) & wm;
                    }
                }
            }
            case SUB -> {
                if (rb >= 0) {
                    for (int l = 0; l < 32; l++) {
                        out[d + l] = (r[ra + l] - r[rb + l]) & wm;
                    }
                } else {
                    for (int l = 0; l < 32; l++) {
                        out[d + l] = (r[ra + l] - ib) & wm;
                    }
                }
            }
            case MUL_LO -> {
                if (rb >= 0) {
                    for (int l = 0; l < 32; l++) {
                        out[d + l] = (r[ra + l] * r[rb + l]) & wm;
                    }
                } else {
                    for (int l = 0; l < 32; l++) {
                        out[d + l] = (r[ra + l] * ib) & wm;
                    }
                }
            }
            case AND -> {
                if (rb >= 0) {
                    for (int l = 0; l < 32; l++) {
                        out[d + l] = r[ra + l] & r[rb + l] & wm;
                    }
                } else {
                    for (int l = 0; l < 32; l++) {
                        out[d + l] = r[ra + l] & ib & wm;
                    }
                }
            }
            case OR -> {
                if (rb >= 0) {
                    for (int l = 0; l < 32; l++) {
                        out[d + l] = (r[ra + l] | r[rb + l]) & wm;
                    }
                } else {
                    for (int l = 0; l < 32; l++) {
                        out[d + l] = (r[ra + l] | ib) & wm;
                    }
                }
            }
            case XOR -> {
                if (rb >= 0) {
                    for (int l = 0; l < 32; l++) {
                        out[d + l] = (r[ra + l] ^ r[rb + l]) & wm;
                    }
                } else {
                    for (int l = 0; l < 32; l++) {
                        out[d + l] = (r[ra + l] ^ ib) & wm;
                    }
                }
            }
            case SHL, SHR -> {
                if (rb >= 0 || (in.flags & Insn.ARITH) != 0) {
                    return false;
                }
                long n = ib & 0xFFFFFFFFL;
                if (n >= size * 8) {
                    for (int l = 0; l < 32; l++) {
                        out[d + l] = 0;
                    }
                } else if (in.op == dev.scanbench.emulator.decode.Op.SHL) {
                    for (int l = 0; l < 32; l++) {
                        out[d + l] = (r[ra + l] << n) & wm;
                    }
                } else {
                    for (int l = 0; l < 32; l++) {
                        out[d + l] = (r[ra + l] & wm) >>> n;
                    }
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Copies the lanes of {@code mask} from {@code from} into the register at lane base {@code d}. */
    static void blend(long[] r, int d, long[] from, int mask) {
        for (int l = 0; l < 32; l++) {
            long keep = -(long) (mask >>> l & 1);
            r[d + l] = (from[l] & keep) | (r[d + l] & ~keep);
        }
    }
}
