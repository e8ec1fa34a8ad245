package dev.scanbench.emulator.exec;

import static java.lang.Integer.numberOfTrailingZeros;

import dev.scanbench.emulator.Check;
import dev.scanbench.emulator.decode.Insn;
import dev.scanbench.emulator.decode.Op;
import dev.scanbench.emulator.decode.Space;
import dev.scanbench.emulator.memory.Bytes;

/** mbarrier.init / arrive (+expect_tx) / expect_tx / try_wait / test_wait / inval, per thread. */
final class MbarrierOps {
    private MbarrierOps() {
    }

    static void exec(Machine mc, Warp w, Insn in, int m) {
        Cta cta = w.cta;
        int waiting = 0;
        for (int k = m; k != 0; k &= k - 1) {
            int l = numberOfTrailingZeros(k);
            if (mc.defs != null) {
                mc.defs.address(w, in, l, in.addr);
                mc.defs.operand(w, in, 1 << l, in.a, "an operand of this ");
            }
            long addr = mc.address(w, in, l);
            mc.resolve(w, in, l, in.space, addr, 8, 8, in.op != Op.MBAR_WAIT);
            if (mc.tSpace != Space.SHARED) {
                mc.fail(w, in, l, "mbarrier outside shared memory");
            }
            int off = mc.tOff;
            switch (in.op) {
                case MBAR_INIT -> {
                    cta.mbarriers.put(off, new Mbarrier((int) Lanes.a(w.r, in, l)));
                    Bytes.put(cta.shared, off, 8, 0);
                    Bytes.markWritten(cta.sharedWritten, off, 8);
                }
                case MBAR_INVAL -> cta.mbarriers.remove(off);
                case MBAR_EXPECT_TX -> {
                    Mbarrier mb = find(mc, w, in, l, off);
                    if (in.sub == 1) {
                        mb.tx -= Lanes.a(w.r, in, l); // complete_tx: bytes arrived by other means
                        if (mb.tryComplete()) {
                            mc.progress();
                        }
                    } else {
                        mb.tx += Lanes.a(w.r, in, l);
                    }
                }
                case MBAR_ARRIVE -> {
                    Mbarrier mb = find(mc, w, in, l, off);
                    if (in.sub == 1) {
                        mb.tx += Lanes.a(w.r, in, l);
                        mb.pending -= 1;
                    } else {
                        mb.pending -= (int) Lanes.a(w.r, in, l);
                    }
                    if (in.d >= 0) {
                        w.r[in.d + l] = mb.phase;
                        if (w.shadow != null) {
                            w.shadow.v[in.d + l] = 0;
                        }
                    }
                    if (mb.tryComplete()) {
                        mc.progress();
                    }
                }
                default -> {
                    Mbarrier mb = find(mc, w, in, l, off);
                    long v = Lanes.a(w.r, in, l);
                    boolean done = in.sub == 1 ? (mb.phase & 1) != (v & 1) : mb.phase != v;
                    if (done) {
                        w.p[in.d] |= 1 << l;
                        // the wait is what makes the copied bytes safe to read: only now stop flagging them
                        cta.pending.removeIf(pr -> pr.mbarrier() == off);
                    } else {
                        w.p[in.d] &= ~(1 << l);
                        waiting++;
                    }
                }
            }
        }
        if (in.op == Op.MBAR_WAIT && w.shadow != null) {
            w.shadow.p[in.d] &= ~m;
        }
        if (waiting > 0) {
            w.yield = true; // a failed try_wait is a spin: let the producers run
        }
    }

    static Mbarrier find(Machine mc, Warp w, Insn in, int lane, int off) {
        Mbarrier mb = w.cta.mbarriers.get(off);
        if (mb == null) {
            mc.rep.report(Check.SYNCCHECK, true, w, lane, in, "mbarrier at shared offset " + off
                    + " used before mbarrier.init");
            mc.fail(w, in, lane, "uninitialised mbarrier at shared offset " + off);
        }
        return mb;
    }
}
