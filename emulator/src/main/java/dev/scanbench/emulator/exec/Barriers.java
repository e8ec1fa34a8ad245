package dev.scanbench.emulator.exec;

import dev.scanbench.emulator.Check;
import dev.scanbench.emulator.decode.Insn;
import dev.scanbench.emulator.decode.Op;

/**
 * CTA barriers (bar.sync / barrier.sync / bar.arrive / bar.red), counted per thread as on Volta and later.
 * Without a thread count a barrier completes when every thread of the CTA that has not exited arrived.
 */
final class Barriers {
    private final Machine mc;

    Barriers(Machine mc) {
        this.mc = mc;
    }

    void arrive(Warp w, int si, int pc, Insn in, int mask, int m) {
        if (m == 0) {
            Interpreter.advance(w, si, pc);
            return;
        }
        Cta c = w.cta;
        if (mc.defs != null) {
            mc.defs.operand(w, in, m, in.a, "the barrier id of this ");
            mc.defs.operand(w, in, m, in.b, "the thread count of this ");
            if (in.op == Op.BAR_RED && (w.shadow.p[in.pa] & m) != 0) {
                // the CTA-wide and/or/popc of the votes is what the threads go on to decide with
                mc.defs.decidesByPredicate(w, in, Integer.numberOfTrailingZeros(w.shadow.p[in.pa] & m),
                        "the vote of this " + Definedness.opcode(in), in.pa);
            }
        }
        int id = (int) Lanes.uniformA(w.r, in, m) & (Cta.BARRIERS - 1);
        int count = in.b >= 0 || in.ib != -1 ? (int) Lanes.b(w.r, in, Integer.numberOfTrailingZeros(m)) : -1;
        if (c.barArrived[id] == 0) {
            c.barPc[id] = pc;
            c.barExpected[id] = count;
        } else if (c.barPc[id] != pc && mc.synccheck && count < 0 && in.op != Op.BAR_ARRIVE
                && mc.code[c.barPc[id]].op != Op.BAR_ARRIVE) {
            // only whole-CTA barriers must be reached at one place; named barriers with a thread count are
            // legitimately split between producer (bar.arrive) and consumer (bar.sync) code
            Insn other = mc.code[c.barPc[id]];
            mc.rep.report(Check.SYNCCHECK, true, w, Integer.numberOfTrailingZeros(m), in, "divergent barrier: "
                    + "threads of this CTA wait at barrier " + id + " at different instructions (this one and PTX line "
                    + other.line + (other.source != null ? ", " + other.source : "") + ")");
        }
        c.barArrived[id] += Integer.bitCount(m);
        if (in.op == Op.BAR_ARRIVE) {
            Interpreter.advance(w, si, pc);
            tryRelease(c, id);
            return;
        }
        if (in.op == Op.BAR_RED) {
            int pv = (in.paNeg ? ~w.p[in.pa] : w.p[in.pa]) & m;
            c.barRedCount[id] += Integer.bitCount(pv);
            c.barRedAll[id] &= pv == m;
            c.barRedAny[id] |= pv != 0;
        }
        int rest = mask & ~m;
        if (rest != 0) {
            w.smask[si] = m;
            w.addSplit(pc + 1, rest);
        }
        w.swait[si] = Warp.AT_BARRIER;
        w.sbar[si] = id;
        w.reschedule();
        tryRelease(c, id);
    }

    /** Threads exited: barriers without a count now wait for fewer threads. */
    void threadsExited(Cta c) {
        for (int id = 0; id < Cta.BARRIERS; id++) {
            if (c.barArrived[id] > 0) {
                tryRelease(c, id);
            }
        }
    }

    private void tryRelease(Cta c, int id) {
        int expected = c.barExpected[id] >= 0 ? c.barExpected[id] : c.liveThreads;
        if (c.barArrived[id] < expected) {
            return;
        }
        Insn at = mc.code[c.barPc[id]];
        if (mc.path != null) {
            CriticalPath.join(c.warps);
        }
        if (mc.synccheck && c.barExpected[id] < 0 && c.liveThreads < c.threads) {
            mc.rep.report(Check.SYNCCHECK, false, null, -1, at, "partial barrier in block " + c.coord + ": "
                    + c.barArrived[id] + " of " + c.threads + " threads reached barrier " + id
                    + "; the others had exited");
        }
        for (Warp w : c.warps) {
            boolean changed = false;
            for (int i = 0; i < w.ns; i++) {
                if (w.swait[i] == Warp.AT_BARRIER && w.sbar[i] == id) {
                    Insn bar = mc.code[w.spc[i]];
                    if (bar.op == Op.BAR_RED) {
                        deliver(w, bar, w.smask[i], c, id);
                    }
                    w.spc[i]++;
                    w.swait[i] = Warp.RUNNABLE;
                    changed = true;
                }
            }
            if (changed) {
                w.reschedule();
            }
        }
        c.barArrived[id] = 0;
        c.barPc[id] = -1;
        c.barRedCount[id] = 0;
        c.barRedAll[id] = true;
        c.barRedAny[id] = false;
        c.epoch++;
        mc.barriers++;
        mc.progress();
    }

    private static void deliver(Warp w, Insn bar, int lanes, Cta c, int id) {
        if (bar.sub == 6) {
            for (int k = lanes; k != 0; k &= k - 1) {
                w.r[bar.d + Integer.numberOfTrailingZeros(k)] = c.barRedCount[id];
                if (w.shadow != null) {
                    w.shadow.v[bar.d + Integer.numberOfTrailingZeros(k)] = 0;
                }
            }
        } else {
            boolean v = bar.sub == 3 ? c.barRedAll[id] : c.barRedAny[id];
            w.p[bar.d] = (w.p[bar.d] & ~lanes) | (v ? lanes : 0);
            if (w.shadow != null) {
                w.shadow.p[bar.d] &= ~lanes; // any undefined vote was reported at arrival
            }
        }
    }
}
