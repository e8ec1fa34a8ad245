package dev.scanbench.emulator.exec;

import dev.scanbench.emulator.Check;
import dev.scanbench.emulator.decode.Insn;
import dev.scanbench.emulator.translate.Block;
import dev.scanbench.emulator.translate.Blocks;

/**
 * The warp-wide fetch/dispatch loop: one dispatch per instruction for all active lanes of the running split,
 * then the executor of the instruction's family. Control flow (branches, exits, waits) is handled here
 * because it changes the warp's splits.
 */
final class Interpreter {
    private static final int F_INTEGER = 0;
    private static final int F_FLOAT = 1;
    private static final int F_CONVERT = 2;
    private static final int F_MEMORY = 3;
    private static final int F_ATOMIC = 4;
    private static final int F_CONTROL = 5;
    private static final int F_COLLECTIVE = 6;
    private static final int F_BARRIER = 7;
    private static final int F_ASYNC = 8;

    static {
        // the switch constants must follow Family's declaration order
        int[] expected = {F_INTEGER, F_FLOAT, F_CONVERT, F_MEMORY, F_ATOMIC, F_CONTROL, F_COLLECTIVE, F_BARRIER, F_ASYNC};
        for (dev.scanbench.emulator.decode.Family f : dev.scanbench.emulator.decode.Family.values()) {
            if (expected[f.ordinal()] != f.ordinal()) {
                throw new ExceptionInInitializerError("family constant out of order: " + f);
            }
        }
    }

    private final Machine mc;
    private final Insn[] code;
    /** initcheck's definedness propagation, or null (then nothing below looks at shadows). */
    private final Definedness defs;
    private final Barriers barriers;
    /** The adversarial scheduling policy, or null (then stores and fences are not looked at). */
    private final Adversary adversary;
    /**
     * Translated blocks, or null when they are not used: traces, which run loads, stores and shuffles too, unless
     * initcheck follows every value or the adversary holds warps before their stores; plain integer blocks then.
     */
    private final Blocks blocks;
    /** What the blocks count into and run their accesses through. */
    private final TraceAccess access;

    Interpreter(Machine mc, Barriers barriers) {
        this.mc = mc;
        this.code = mc.code;
        this.defs = mc.defs;
        this.barriers = barriers;
        this.adversary = mc.adversary;
        this.blocks = mc.translate ? Blocks.of(code, defs == null && adversary == null) : null;
        this.access = new TraceAccess(mc);
    }

    /** Runs up to {@code quantum} instructions of the warp; returns how many ran. */
    int run(Warp w, int quantum) {
        int n = 0;
        long threads = 0;
        w.yield = false;
        try {
            while (n < quantum && w.cur >= 0) {
                int si = w.cur;
                int pc = w.spc[si];
                int mask = w.smask[si];
                if (blocks != null) {
                    Block b = blocks.at(code, pc);
                    if (b != null && n + b.length <= quantum && alone(w, si, pc, b)
                            && (defs == null || defs.blockDefined(w, b, mask))) {
                        access.w = w;
                        int next = b.code.run(w.r, w.p, mask, access);
                        // a trace that stopped at once (a diverging branch, an access for the general path) ran
                        // nothing: the instruction runs below
                        if (access.insns > 0) {
                            if (defs != null) {
                                defs.blockRan(w, b, mask);
                            }
                            n += access.insns;
                            threads += access.threads;
                            w.spc[si] = next;
                            if (w.ns > 1) {
                                w.reschedule();
                            }
                            continue;
                        }
                    }
                }
                Insn in = code[pc];
                int m = guarded(w, in, mask);
                if (adversary != null && m != 0 && (in.family == F_MEMORY || in.family == F_ATOMIC)
                        && adversary.holds(w, in)) {
                    break; // held before the store: it runs when the adversary releases the warp
                }
                n++;
                threads += Integer.bitCount(m);
                if (defs != null) {
                    defs.before(w, in, mask, m);
                }
                switch (in.family) {
                    case F_INTEGER -> {
                        if (m != 0) {
                            IntegerUnit.exec(mc, w, in, m);
                        }
                        advance(w, si, pc);
                    }
                    case F_MEMORY -> {
                        if (m != 0) {
                            MemoryUnit.exec(mc, w, in, m);
                        }
                        advance(w, si, pc);
                    }
                    case F_FLOAT -> {
                        if (m != 0) {
                            FloatUnit.exec(w, in, m);
                        }
                        advance(w, si, pc);
                    }
                    case F_CONVERT -> {
                        if (m != 0) {
                            ConvertUnit.exec(w, in, m);
                        }
                        advance(w, si, pc);
                    }
                    case F_ATOMIC -> {
                        if (m != 0) {
                            AtomicUnit.exec(mc, w, in, m);
                        }
                        advance(w, si, pc);
                    }
                    case F_CONTROL -> control(w, si, pc, in, mask, m);
                    case F_COLLECTIVE -> WarpCollectiveUnit.exec(mc, w, si, pc, in, mask, m);
                    case F_BARRIER -> barriers.arrive(w, si, pc, in, mask, m);
                    case F_ASYNC -> {
                        if (m != 0) {
                            AsyncCopyUnit.exec(mc, w, in, m);
                        }
                        advance(w, si, pc);
                    }
                    default -> throw new IllegalStateException(in.op.toString());
                }
                if (defs != null) {
                    defs.after(w, in, m);
                }
                if (adversary != null && m != 0 && (in.family == F_MEMORY || in.family == F_ATOMIC
                        || in.op == dev.scanbench.emulator.decode.Op.FENCE)) {
                    adversary.ran(w, in);
                }
                if (w.yield) {
                    break;
                }
            }
        } catch (KernelFault f) {
            throw f;
        } catch (RuntimeException e) {
            // an emulator defect must not pass for a result: stop the launch and say where it happened
            Insn at = w.cur >= 0 && w.cur < w.ns ? code[w.spc[w.cur]] : null;
            throw new KernelFault(mc.rep.report(dev.scanbench.emulator.Check.FAULT, true, w, -1, at,
                    "internal emulator error: " + e));
        } finally {
            mc.warpInsns += n;
            mc.threadInsns += threads;
        }
        return n;
    }

    /**
     * True if no other split of the warp waits where the interpreter would merge it with this one before the block
     * is done: at a pc after the block's first instruction, up to its last. The block's jumps go forward, so the
     * interpreter, running the same instructions one by one, would meet no other split of the warp on the way.
     */
    private static boolean alone(Warp w, int si, int pc, Block b) {
        int last = b.lastPc;
        for (int i = 0; i < w.ns; i++) {
            if (i != si && w.spc[i] > pc && w.spc[i] <= last) {
                return false;
            }
        }
        return true;
    }

    /** The lanes of {@code mask} where the instruction's guard holds (all of them if it has none). */
    static int guarded(Warp w, Insn in, int mask) {
        if (in.guard < 0) {
            return mask;
        }
        int g = w.p[in.guard];
        return mask & (in.guardNeg ? ~g : g);
    }

    /** Moves the split past the instruction, merging with a split already waiting there. */
    static void advance(Warp w, int si, int pc) {
        w.spc[si] = pc + 1;
        if (w.ns > 1) {
            w.reschedule();
        }
    }

    private void control(Warp w, int si, int pc, Insn in, int mask, int m) {
        switch (in.op) {
            case BRA -> {
                int rest = mask & ~m;
                if (rest == 0) {
                    w.spc[si] = in.target;
                } else if (m == 0) {
                    w.spc[si] = pc + 1;
                } else {
                    w.spc[si] = pc + 1;
                    w.smask[si] = rest;
                    w.addSplit(in.target, m);
                }
                if (w.ns > 1) {
                    w.reschedule();
                }
            }
            case EXIT -> exit(w, si, pc, mask, m);
            case TRAP -> {
                if (m != 0) {
                    throw new KernelFault(mc.rep.report(Check.FAULT, true, w, Integer.numberOfTrailingZeros(m), in,
                            in.fault != null ? in.fault
                                    : mc.gmem.nullHint() == null ? "trap executed"
                                    : "trap executed: the kernel reads " + mc.gmem.nullHint()));
                }
                advance(w, si, pc);
            }
            case VPRINTF -> {
                if (m != 0) {
                    Vprintf.exec(mc, w, in, m);
                }
                advance(w, si, pc);
            }
            case NANOSLEEP -> {
                w.yield = m != 0; // a sleeping warp gives its turn away: spin loops let producers run
                advance(w, si, pc);
            }
            case CLOCK -> {
                long t = mc.warpInsns;
                for (int k = m; k != 0; k &= k - 1) {
                    int l = Integer.numberOfTrailingZeros(k);
                    w.r[in.d + l] = in.sub == 4 ? t & 0xFFFFFFFFL : t;
                }
                advance(w, si, pc);
            }
            default -> advance(w, si, pc); // fences and membar: one interleaving is already ordered
        }
    }

    private void exit(Warp w, int si, int pc, int mask, int m) {
        if (m == 0) {
            advance(w, si, pc);
            return;
        }
        int rest = mask & ~m;
        if (rest == 0) {
            w.removeSplit(si);
        } else {
            w.smask[si] = rest;
            w.spc[si] = pc + 1;
        }
        w.live &= ~m;
        w.cta.liveThreads -= Integer.bitCount(m);
        mc.progress();
        if (w.live == 0) {
            w.cur = -1;
            w.ns = 0;
            AsyncCopyUnit.flush(mc, w);
            w.cta.liveWarps--;
        } else {
            w.reschedule();
        }
        barriers.threadsExited(w.cta);
    }
}
