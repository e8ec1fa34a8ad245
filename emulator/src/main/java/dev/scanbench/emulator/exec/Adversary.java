package dev.scanbench.emulator.exec;

import dev.scanbench.emulator.Defaults;
import dev.scanbench.emulator.SchedulePolicy;
import dev.scanbench.emulator.decode.Insn;
import dev.scanbench.emulator.decode.Op;
import dev.scanbench.emulator.decode.Space;
import java.util.ArrayDeque;

/**
 * The adversarial scheduling policies ({@link SchedulePolicy#SLOW_PUBLISHER}, {@link SchedulePolicy#PREEMPT_AT_STORES}):
 * the interpreter asks it before and after every store, atomic and fence, and the scheduler after every round.
 * One interleaving satisfies every memory order, so a kernel that is right here is still right; what these
 * policies change is which interleaving, so that every cross-CTA wait actually waits.
 *
 * <p>Slow publisher: a warp about to publish (a releasing or strong global store or atomic, or the first global
 * store or atomic after a device-scope fence) is held and does not run. Held warps are released one at a time,
 * newest first, once the rest of the launch has made no progress for {@link Defaults#SLOW_PUBLISHER_QUIET_ROUNDS}
 * rounds (or cannot run at all), and the released warp is preempted right after its store. So whoever waits for
 * a publish has polled the old value many times before it lands, and a tile's predecessor lands after the tile
 * has looked: a poll hoisted out of its loop read the old value once and spins forever.
 */
final class Adversary {
    private final SchedulePolicy policy;
    private final ArrayDeque<Warp> held = new ArrayDeque<>();
    /** Set when the running warp was preempted: its CTA's turn ends now. */
    boolean preempted;
    private int quietRounds;
    private long progressAtRoundStart;

    private Adversary(SchedulePolicy policy) {
        this.policy = policy;
    }

    /** The adversary of a policy, or null for the fair scheduler (nothing is asked then). */
    static Adversary of(SchedulePolicy policy) {
        return policy == SchedulePolicy.FAIR ? null : new Adversary(policy);
    }

    /** True for ops that store to (or may store to) global memory. */
    private static boolean globalWrite(Insn in) {
        boolean global = in.space == Space.GLOBAL || in.space == Space.GENERIC;
        return global && (in.op == Op.ST || in.op == Op.ATOM || in.op == Op.RED);
    }

    /**
     * Asked before a memory or atomic instruction runs: true if the warp must be held instead (it stays at this
     * instruction and runs it when released).
     */
    boolean holds(Warp w, Insn in) {
        if (policy != SchedulePolicy.SLOW_PUBLISHER || !globalWrite(in)) {
            return false;
        }
        if (w.releasedPc == in.pc) {
            return false; // released to run exactly this store
        }
        boolean publish = (in.flags & Insn.RELEASE) != 0 || (in.op == Op.ST && (in.flags & Insn.STRONG) != 0)
                || w.fenced;
        if (!publish) {
            return false;
        }
        w.held = true;
        w.heldPc = in.pc;
        w.yield = true;
        held.push(w);
        return true;
    }

    /** Told after a memory, atomic or fence instruction ran. */
    void ran(Warp w, Insn in) {
        if (in.op == Op.FENCE) {
            if ((in.flags & Insn.RELEASE) != 0) {
                w.fenced = true;
                if (policy == SchedulePolicy.PREEMPT_AT_STORES) {
                    preempt(w);
                }
            }
            return;
        }
        if (!globalWrite(in)) {
            return;
        }
        w.fenced = false;
        if (policy == SchedulePolicy.PREEMPT_AT_STORES || w.releasedPc == in.pc) {
            w.releasedPc = -1;
            preempt(w);
        }
    }

    private void preempt(Warp w) {
        w.yield = true;
        preempted = true;
    }

    /** True while a publish is held back: the launch is not stuck, it is waiting for the adversary. */
    boolean holding() {
        return !held.isEmpty();
    }

    /** Marks the start of a scheduling round. */
    void roundStarts(Machine mc) {
        progressAtRoundStart = mc.lastProgress;
    }

    /**
     * After a round: once nothing has changed for a few rounds, or no warp could run, the newest held publisher
     * goes. Returns true if one was released.
     */
    boolean roundEnds(Machine mc, boolean ran) {
        if (held.isEmpty()) {
            quietRounds = 0;
            return false;
        }
        quietRounds = mc.lastProgress == progressAtRoundStart ? quietRounds + 1 : 0;
        if (ran && quietRounds < Defaults.SLOW_PUBLISHER_QUIET_ROUNDS) {
            return false;
        }
        Warp w = held.pop();
        w.held = false;
        w.releasedPc = w.heldPc;
        quietRounds = 0;
        mc.progress();
        return true;
    }

    /** True when a scheduling pass of a CTA made no progress: under these policies its turn ends there. */
    boolean endsTurn(long progressBefore, Machine mc) {
        return mc.lastProgress == progressBefore;
    }
}
