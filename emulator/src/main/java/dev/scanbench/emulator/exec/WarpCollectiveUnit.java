package dev.scanbench.emulator.exec;

import static java.lang.Integer.numberOfTrailingZeros;

import dev.scanbench.emulator.Check;
import dev.scanbench.emulator.decode.Insn;
import dev.scanbench.emulator.decode.Op;

/**
 * shfl.sync, vote.sync, redux.sync, match.sync, elect.sync ({@link MatchUnit}), bar.warp.sync and activemask. A
 * collective runs once every live lane of its member mask has arrived at it: a split that gets there first waits
 * while the other splits of the warp catch up (and merge with it). If the missing lanes cannot arrive, it runs with
 * the lanes present and synccheck reports the mask problem.
 */
final class WarpCollectiveUnit {
    private WarpCollectiveUnit() {
    }

    static void exec(Machine mc, Warp w, int si, int pc, Insn in, int mask, int m) {
        long[] r = w.r;
        if (in.op == Op.ACTIVEMASK) {
            for (int k = m; k != 0; k &= k - 1) {
                r[in.d + numberOfTrailingZeros(k)] = mask & 0xFFFFFFFFL;
            }
            Interpreter.advance(w, si, pc);
            return;
        }
        if (m == 0) {
            Interpreter.advance(w, si, pc);
            return;
        }
        int member = (int) switch (in.op) {
            case SHFL -> Lanes.e(r, in, numberOfTrailingZeros(m));
            case REDUX, MATCH -> Lanes.b(r, in, numberOfTrailingZeros(m));
            default -> Lanes.a(r, in, numberOfTrailingZeros(m));
        };
        int missing = member & w.live & ~m;
        if (missing != 0 && !w.forceCollective) {
            for (int i = 0; i < w.ns; i++) {
                if (i != si && w.swait[i] == Warp.RUNNABLE && (w.smask[i] & missing) != 0) {
                    w.swait[si] = Warp.AT_COLLECTIVE;
                    w.reschedule();
                    return;
                }
            }
        }
        w.forceCollective = false;
        if (mc.synccheck) {
            maskChecks(mc, w, in, m, member, missing);
        }
        if (mc.defs != null) {
            int maskReg = switch (in.op) {
                case SHFL -> in.e;
                case REDUX, MATCH -> in.b;
                default -> in.a;
            };
            mc.defs.operand(w, in, m, maskReg, "the member mask of this ");
        }
        switch (in.op) {
            case SHFL -> shfl(mc, w, in, m, false);
            case VOTE -> vote(mc, w, in, m);
            case REDUX -> redux(mc, w, in, m);
            case MATCH -> MatchUnit.match(mc, w, in, m);
            case ELECT -> MatchUnit.elect(mc, w, in, m, member);
            default -> { } // bar.warp.sync: the convergence above is its whole effect
        }
        Interpreter.advance(w, si, pc);
    }

    private static void maskChecks(Machine mc, Warp w, Insn in, int m, int member, int missing) {
        int lane = numberOfTrailingZeros(m);
        if (missing != 0) {
            mc.rep.report(Check.SYNCCHECK, true, w, lane, in, "warp collective: lanes 0x" + Integer.toHexString(
                    missing) + " of membermask 0x" + Integer.toHexString(member) + " did not reach it (diverged)");
        }
        if ((m & ~member) != 0) {
            mc.rep.report(Check.SYNCCHECK, true, w, lane, in, "warp collective executed by lanes 0x"
                    + Integer.toHexString(m & ~member) + " not named in its membermask 0x"
                    + Integer.toHexString(member));
        }
        int gone = member & ~w.live;
        if (gone != 0) {
            mc.rep.report(Check.SYNCCHECK, true, w, lane, in, "warp collective membermask 0x"
                    + Integer.toHexString(member) + " names exited or nonexistent lanes 0x"
                    + Integer.toHexString(gone));
        }
    }

    /**
     * A shfl inside a translated trace, in the lanes {@code m} (its guard applied), as {@link #exec} runs it once its
     * member mask's lanes are all there; false, having done nothing, when some are not (the interpreter then waits for
     * them, or runs it with those present). Synccheck's mask checks run as there (a report does not stop the launch).
     * {@code uniform}: the trace knows the lane and clamp operands hold one value in every lane of {@code m} (each set
     * by an unguarded mov of an immediate on its path), so that is not checked lane by lane.
     */
    static boolean traceShuffle(Machine mc, Warp w, Insn in, int m, boolean uniform) {
        int member = (int) Lanes.e(w.r, in, numberOfTrailingZeros(m));
        int missing = member & w.live & ~m;
        if (missing != 0) {
            return false;
        }
        w.forceCollective = false;
        if (mc.synccheck) {
            maskChecks(mc, w, in, m, member, missing);
        }
        shfl(mc, w, in, m, uniform);
        return true;
    }

    private static void shfl(Machine mc, Warp w, Insn in, int m, boolean uniform) {
        long[] r = w.r;
        long[] src = mc.scratch;
        if (in.a >= 0) {
            System.arraycopy(r, in.a, src, 0, 32);
        } else {
            java.util.Arrays.fill(src, in.ia);
        }
        ShuffleShadow shadow = mc.defs != null ? ShuffleShadow.before(mc.defs, w, in, m) : null;
        if (shadow == null && uniformShuffle(w, in, m, src, uniform)) {
            if (mc.defs != null) {
                ShuffleShadow.commitDefined(w, in, m);
            }
            return;
        }
        int pbits = 0;
        for (int k = m; k != 0; k &= k - 1) {
            int lane = numberOfTrailingZeros(k);
            int j = sourceLane(in.sub, lane, (int) Lanes.b(r, in, lane), (int) Lanes.c(r, in, lane));
            boolean pval = j >= 0;
            if (!pval) {
                j = lane;
            }
            if (shadow != null) {
                shadow.lane(lane, j, m);
            }
            r[in.d + lane] = src[j] & 0xFFFFFFFFL;
            if (pval) {
                pbits |= 1 << lane;
            }
        }
        if (in.d2 >= 0) {
            w.p[in.d2] = (w.p[in.d2] & ~m) | (pbits & m);
        }
        if (shadow != null) {
            shadow.commit(m);
        } else if (mc.defs != null) {
            ShuffleShadow.commitDefined(w, in, m);
        }
    }

    /**
     * The shuffle when its lane operand and clamp are the same in every active lane (nvcc's usual form: immediates or
     * registers set by one mov) and no shadow moves with the values: the operands are read once, not per lane.
     * Returns false, having done nothing, when a lane's operands differ.
     */
    private static boolean uniformShuffle(Warp w, Insn in, int m, long[] src, boolean uniform) {
        long[] r = w.r;
        int first = numberOfTrailingZeros(m);
        long bv = Lanes.b(r, in, first);
        long cv = Lanes.c(r, in, first);
        if (uniform) {
            // known to be one value in every lane: nothing to compare
        } else if (m == -1) {
            // a full warp: one pass per operand, without a branch per lane
            long apart = 0;
            if (in.b >= 0) {
                for (int l = 0; l < 32; l++) {
                    apart |= r[in.b + l] ^ bv;
                }
            }
            if (in.c >= 0) {
                for (int l = 0; l < 32; l++) {
                    apart |= r[in.c + l] ^ cv;
                }
            }
            if (apart != 0) {
                return false;
            }
        } else if (in.b >= 0 || in.c >= 0) {
            for (int k = m; k != 0; k &= k - 1) {
                int lane = numberOfTrailingZeros(k);
                if ((in.b >= 0 && r[in.b + lane] != bv) || (in.c >= 0 && r[in.c + lane] != cv)) {
                    return false;
                }
            }
        }
        int b = (int) bv;
        int c = (int) cv;
        int d = in.d;
        int sub = in.sub;
        if (m == -1 && ((c >>> 8) & 31) == 0) {
            long valid = fullWarpShuffle(r, d, sub, b & 31, c & 31, src);
            if (valid != NOT_HANDLED) {
                if (in.d2 >= 0) {
                    w.p[in.d2] = (int) valid;
                }
                return true;
            }
        }
        int pbits = 0;
        for (int k = m; k != 0; k &= k - 1) {
            int lane = numberOfTrailingZeros(k);
            int j = sourceLane(sub, lane, b, c);
            r[d + lane] = src[j >= 0 ? j : lane] & 0xFFFFFFFFL;
            pbits |= (j >= 0 ? 1 : 0) << lane;
        }
        if (in.d2 >= 0) {
            w.p[in.d2] = (w.p[in.d2] & ~m) | (pbits & m);
        }
        return true;
    }

    /**
     * A full warp's shuffle over one 32-lane segment (no width below 32), in the forms nvcc emits: up, down, bfly
     * with every lane in range, idx. The lanes a mode reads are a contiguous run, so it is copied in straight loops
     * instead of asking {@link #sourceLane} for each lane; the ranges are those {@code sourceLane} gives when the
     * segment mask is 0 ({@code maxLane} is the clamp). Returns the lanes whose source was in range (the predicate
     * result, as an unsigned 32-bit value), or {@link #NOT_HANDLED}, having done nothing, for a bfly that leaves the
     * clamp.
     */
    static long fullWarpShuffle(long[] r, int d, int sub, int b, int max, long[] src) {
        int valid;
        switch (sub) {
            case 0 -> {
                // up: lane l reads l - b where l - b >= max, else keeps its own value
                int from = Math.min(32, b + max);
                for (int l = 0; l < from; l++) {
                    r[d + l] = src[l] & 0xFFFFFFFFL;
                }
                for (int l = from; l < 32; l++) {
                    r[d + l] = src[l - b] & 0xFFFFFFFFL;
                }
                valid = from >= 32 ? 0 : -1 << from;
            }
            case 1 -> {
                // down: lane l reads l + b where l + b <= max, else keeps its own value
                int to = Math.max(0, max - b + 1); // lanes [0, to) read
                for (int l = 0; l < to; l++) {
                    r[d + l] = src[l + b] & 0xFFFFFFFFL;
                }
                for (int l = to; l < 32; l++) {
                    r[d + l] = src[l] & 0xFFFFFFFFL;
                }
                valid = to >= 32 ? -1 : (1 << to) - 1;
            }
            case 2 -> {
                if (max != 31) {
                    return NOT_HANDLED;
                }
                for (int l = 0; l < 32; l++) {
                    r[d + l] = src[l ^ b] & 0xFFFFFFFFL;
                }
                valid = -1;
            }
            default -> {
                // idx: every lane reads lane b if b <= max, else its own value
                if (b <= max) {
                    java.util.Arrays.fill(r, d, d + 32, src[b] & 0xFFFFFFFFL);
                    valid = -1;
                } else {
                    for (int l = 0; l < 32; l++) {
                        r[d + l] = src[l] & 0xFFFFFFFFL;
                    }
                    valid = 0;
                }
            }
        }
        return valid & 0xFFFFFFFFL;
    }

    /** {@link #fullWarpShuffle}'s answer for a form it leaves to the per-lane loop. */
    static final long NOT_HANDLED = -1L;

    /**
     * The lane that {@code lane} reads in a shuffle of mode {@code sub} (up, down, bfly, idx) with lane operand
     * {@code b} and clamp-and-segment operand {@code c}, or -1 when that lane is outside its segment (then it reads
     * its own value and the predicate result is false).
     */
    static int sourceLane(int sub, int lane, int b, int c) {
        b &= 31;
        int seg = (c >>> 8) & 31;
        int maxLane = (lane & seg) | (c & 31 & ~seg);
        int j = switch (sub) {
            case 0 -> lane - b;
            case 1 -> lane + b;
            case 2 -> lane ^ b;
            default -> (lane & seg) | (b & ~seg);
        };
        // up reads downwards, so its bound is below; the other modes' is above
        return (sub == 0 ? j >= maxLane : j <= maxLane) ? j : -1;
    }

    private static void vote(Machine mc, Warp w, Insn in, int m) {
        int p = w.p[in.pa];
        int bits = (in.paNeg ? ~p : p) & m;
        if (mc.defs != null) {
            VoteShadow.apply(mc.defs, w, in, m, bits);
        }
        if (in.sub == 3) {
            for (int k = m; k != 0; k &= k - 1) {
                w.r[in.d + numberOfTrailingZeros(k)] = bits & 0xFFFFFFFFL;
            }
            return;
        }
        boolean res = switch (in.sub) {
            case 0 -> bits == m;
            case 1 -> bits != 0;
            default -> bits == 0 || bits == m;
        };
        w.p[in.d] = (w.p[in.d] & ~m) | (res ? m : 0);
    }

    private static void redux(Machine mc, Warp w, Insn in, int m) {
        long[] r = w.r;
        if (mc.defs != null) {
            VoteShadow.redux(mc.defs, w, in, m);
        }
        boolean signed = (in.type & Insn.SIGNED) != 0;
        long acc = 0;
        boolean first = true;
        for (int k = m; k != 0; k &= k - 1) {
            long v = Lanes.a(r, in, numberOfTrailingZeros(k));
            long x = signed ? (int) v : v & 0xFFFFFFFFL;
            if (first) {
                acc = x;
                first = false;
                continue;
            }
            acc = switch (in.sub) {
                case 0 -> acc + x;
                case 1 -> Math.min(acc, x);
                case 2 -> Math.max(acc, x);
                case 3 -> acc & x;
                case 4 -> acc | x;
                default -> acc ^ x;
            };
        }
        for (int k = m; k != 0; k &= k - 1) {
            r[in.d + numberOfTrailingZeros(k)] = acc & 0xFFFFFFFFL;
        }
    }
}
