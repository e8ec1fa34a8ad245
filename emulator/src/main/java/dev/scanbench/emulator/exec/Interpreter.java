package dev.scanbench.emulator.exec;

import dev.scanbench.emulator.Check;
import dev.scanbench.emulator.decode.Insn;
import dev.scanbench.emulator.decode.Op;

/**
 * The warp-wide fetch/dispatch loop: one dispatch per instruction for all active lanes of the running split,
 * then the executor of the instruction's family. Control flow (branches, exits, waits) is handled here
 * because it changes the warp's splits.
 */
final class Interpreter {
    private final Machine mc;
    private final Insn[] code;
    private final boolean checkRegs;
    private final Barriers barriers;

    Interpreter(Machine mc, Barriers barriers) {
        this.mc = mc;
        this.code = mc.code;
        this.checkRegs = mc.initcheck;
        this.barriers = barriers;
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
                Insn in = code[pc];
                int m = mask;
                if (in.guard >= 0) {
                    int g = w.p[in.guard];
                    m &= in.guardNeg ? ~g : g;
                }
                n++;
                threads += Integer.bitCount(m);
                if (checkRegs && m != 0) {
                    RegisterCheck.check(mc, w, in, m);
                }
                switch (in.op.family) {
                    case INTEGER -> {
                        if (m != 0) {
                            IntegerUnit.exec(mc, w, in, m);
                        }
                        advance(w, si, pc);
                    }
                    case MEMORY -> {
                        if (m != 0) {
                            MemoryUnit.exec(mc, w, in, m);
                        }
                        advance(w, si, pc);
                    }
                    case FLOAT -> {
                        if (m != 0) {
                            FloatUnit.exec(w, in, m);
                        }
                        advance(w, si, pc);
                    }
                    case CONVERT -> {
                        if (m != 0) {
                            ConvertUnit.exec(w, in, m);
                        }
                        advance(w, si, pc);
                    }
                    case ATOMIC -> {
                        if (m != 0) {
                            AtomicUnit.exec(mc, w, in, m);
                        }
                        advance(w, si, pc);
                    }
                    case CONTROL -> control(w, si, pc, in, mask, m);
                    case COLLECTIVE -> WarpCollectiveUnit.exec(mc, w, si, pc, in, mask, m);
                    case BARRIER -> barriers.arrive(w, si, pc, in, mask, m);
                    case ASYNC -> {
                        if (m != 0) {
                            AsyncCopyUnit.exec(mc, w, in, m);
                        }
                        advance(w, si, pc);
                    }
                    default -> throw new IllegalStateException(in.op.toString());
                }
                if (w.yield) {
                    break;
                }
            }
        } finally {
            mc.warpInsns += n;
            mc.threadInsns += threads;
        }
        return n;
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
                            "trap executed"));
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
