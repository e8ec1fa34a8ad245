package dev.scanbench.emulator.exec;

import dev.scanbench.emulator.Check;
import dev.scanbench.emulator.Counters;
import dev.scanbench.emulator.Coord;
import dev.scanbench.emulator.Defaults;
import dev.scanbench.emulator.Diagnostic;
import dev.scanbench.emulator.Dim3;
import dev.scanbench.emulator.LaunchInterruptedException;
import dev.scanbench.emulator.LaunchOptions;
import dev.scanbench.emulator.LaunchResult;
import dev.scanbench.emulator.decode.Program;
import dev.scanbench.emulator.memory.GlobalMemory;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Runs a launch: one deterministic round-robin over the warps of all resident CTAs, each warp for a quantum
 * (or until it blocks, sleeps or waits), so that spin loops across CTAs make progress. CTAs become resident
 * in the configured dispatch order as earlier ones retire. If no warp can run, or nothing changed for
 * {@link LaunchOptions#spinLimit()} instructions, the launch is reported as deadlocked with every stuck warp.
 */
public final class Scheduler {
    private final Machine mc;
    private final LaunchOptions opt;
    private final Interpreter interpreter;
    private final int threadsPerCta;
    /** The resident CTAs of a measured launch in the order of the current round. */
    private Cta[] roundOrder = new Cta[0];
    /** CTAs made resident so far: a measured CTA's first rank. */
    private long dispatched;
    /** Warps retired in this launch, whose arrays the next warps take over so that a long grid allocates little. */
    private final java.util.ArrayDeque<Warp> husks = new java.util.ArrayDeque<>();
    /**
     * Retired warps and initcheck shadows of this thread's earlier launches (registers zeroed, shadows reset: as new
     * ones). Within a launch a retired warp's registers pass to the next warp as they are (husks), since a register
     * read before it is written is undefined anyway (initcheck); they go to the pool when the launch ends.
     */
    private final WarpStatePool pool;

    private Scheduler(Machine mc, LaunchOptions opt) {
        this.mc = mc;
        this.opt = opt;
        this.pool = WarpStatePool.forThread(mc.prog.valueRegs(), Math.max(1, mc.prog.predRegs()),
                mc.prog.localBytes());
        this.interpreter = new Interpreter(mc, new Barriers(mc));
        this.threadsPerCta = (int) mc.block.count();
    }

    /**
     * Runs one launch to completion, fault or deadlock.
     *
     * @param prog          decoded entry
     * @param gmem          device memory
     * @param params        marshalled parameter buffer
     * @param symbols       device addresses of the module's variables (by variable index)
     * @param envreg        values of %envreg0..31
     * @param grid          grid dimensions
     * @param block         block dimensions
     * @param dynamicShared dynamic shared memory bytes
     * @param opt           options
     * @return the result with diagnostics and counters
     */
    public static LaunchResult run(Program prog, GlobalMemory gmem, byte[] params, long[] symbols, long[] envreg,
            Dim3 grid, Dim3 block, int dynamicShared, LaunchOptions opt) {
        // The packed register file serves initcheck too: a lane reads a slot before its register was written
        // only if that register is live all along the lane's path, so no other register wrote the slot first
        // (see RegisterAllocator); the decoded program names the registers in diagnostics.
        Program run = prog.packed() == null ? prog : prog.packed();
        Machine mc = new Machine(run, prog, gmem, params, symbols, envreg, grid, block, dynamicShared, opt);
        return new Scheduler(mc, opt).run();
    }

    /**
     * How many CTAs of this kernel fit {@link Defaults#RESIDENT_STATE_BYTES}, but at least
     * {@link Defaults#RESIDENT_FLOOR_CTAS}.
     */
    static int affordableCtas(Program run, int threads, int sharedBytes, LaunchOptions opt) {
        long bytes = ctaBytes(run, threads, sharedBytes, opt.on(Check.INITCHECK),
                opt.on(Check.RACECHECK));
        return (int) Math.max(Defaults.RESIDENT_FLOOR_CTAS, Math.min(Integer.MAX_VALUE,
                Defaults.RESIDENT_STATE_BYTES / bytes));
    }

    /**
     * The bytes of one resident CTA's state: per warp its register file (8 bytes per value register per lane; with
     * initcheck as much again for the shadow), predicates and local memory; the CTA's shared memory with its
     * written bits (and racecheck's 16 bytes per byte). Allocated when the CTA is dispatched, dropped when it retires.
     */
    static long ctaBytes(Program run, int threads, int sharedBytes, boolean initcheck, boolean racecheck) {
        long warps = (threads + 31) / 32;
        long registers = 32L * 8 * run.valueRegs();
        long perWarp = registers + 4L * Math.max(1, run.predRegs()) + 32L * run.localBytes() + 256;
        if (initcheck) {
            perWarp += registers + 5L * run.valueRegs() + 8L * run.predRegs() + 4L * run.localBytes() + 16;
        }
        long shared = sharedBytes + sharedBytes / 8 + (racecheck ? 16L * sharedBytes : 0);
        return warps * perWarp + shared + 512;
    }

    /** The most CTAs live (dispatched, not retired) at once in this launch. */
    private int peakLive;

    private LaunchResult run() {
        int total = (int) mc.grid.count();
        int[] order = dispatchOrder(total);
        int resident = opt.residentCtas() == 0 ? total : Math.min(total, Math.min(opt.residentCtas(),
                affordableCtas(mc.prog, threadsPerCta, mc.sharedBytes, opt)));
        List<Cta> live = new ArrayList<>();
        int next = 0;
        LaunchResult.Status status = LaunchResult.Status.COMPLETED;
        try {
            while (next < resident) {
                live.add(newCta(order[next++]));
            }
            peakLive = live.size();
            Adversary adversary = mc.adversary;
            while (!live.isEmpty()) {
                // once a round (not per instruction): a caller that stopped waiting gets its thread back
                if (Thread.currentThread().isInterrupted()) {
                    throw new LaunchInterruptedException(mc.warpInsns);
                }
                boolean ran = false;
                if (adversary != null) {
                    adversary.roundStarts(mc);
                }
                if (mc.path == null) {
                    for (int ci = 0; ci < live.size(); ci++) {
                        ran |= turn(live.get(ci));
                    }
                } else {
                    // latest tile first: what a predecessor publishes this round is seen in the next (CriticalPath)
                    roundOrder = CriticalPath.roundOrder(live, roundOrder);
                    for (int ci = 0, size = live.size(); ci < size; ci++) {
                        ran |= turn(roundOrder[ci]);
                    }
                }
                // a held publisher is not stuck: it waits for the rest of the grid to go quiet
                boolean waiting = adversary != null && (adversary.roundEnds(mc, ran) || adversary.holding());
                int before = live.size();
                live.removeIf(this::retireIfDone);
                mc.ctasDone += before - live.size();
                while (live.size() < resident && next < total) {
                    live.add(newCta(order[next++]));
                    mc.progress();
                }
                peakLive = Math.max(peakLive, live.size());
                if (live.isEmpty()) {
                    break;
                }
                String why = waiting ? null : !ran ? "no warp can make progress"
                        : mc.warpInsns - mc.lastProgress > opt.spinLimit() ? "nothing changed in the last "
                        + opt.spinLimit() + " warp-instructions (every live warp spins)"
                        : null;
                if (mc.warpInsns > opt.instructionBudget()) {
                    why = "instruction budget of " + opt.instructionBudget() + " warp-instructions exhausted";
                }
                if (why != null) {
                    reportDeadlock(live, why, total - next);
                    status = LaunchResult.Status.DEADLOCKED;
                    break;
                }
            }
        } catch (KernelFault f) {
            status = LaunchResult.Status.FAULTED;
        }
        // the retired warps serve the next launch of this shape on this thread, their registers zeroed
        for (Warp husk; (husk = husks.poll()) != null; ) {
            pool.giveHusk(husk);
        }
        Counters counters = new Counters(mc.warpInsns, mc.threadInsns, mc.globalRead, mc.globalWritten, mc.barriers,
                mc.atomics, mc.ctasDone, mc.path == null ? null : mc.path.counts(live), peakLive);
        return new LaunchResult(status, mc.rep.diagnostics(), counters, List.copyOf(mc.printf),
                mc.printfOmitted);
    }

    /**
     * One scheduling turn of a CTA: its warps run a quantum each, again and again while they make progress
     * without sleeping, up to {@link #CTA_TURN} quanta. Keeping a CTA's warps together keeps their registers
     * in cache (warps meet at barriers every few dozen instructions); ending the turn when every warp sleeps,
     * waits or is done lets spinning CTAs hand over to the producers they wait for.
     */
    private boolean turn(Cta c) {
        if (mc.path != null) {
            return measuredTurn(c);
        }
        boolean ran = false;
        Adversary adversary = mc.adversary;
        for (int pass = 0; pass < CTA_TURN; pass++) {
            boolean busy = false;
            long progressBefore = mc.lastProgress;
            for (Warp w : c.warps) {
                if (w.cur >= 0 && !w.held && interpreter.run(w, opt.quantum()) > 0) {
                    ran = true;
                    busy |= !w.yield;
                }
                if (adversary != null && adversary.preempted) {
                    adversary.preempted = false;
                    return ran; // the next CTA sees what this one just stored
                }
            }
            // under an adversary a CTA that only spins hands over at once: a held publisher waits for quiet
            if (!busy || adversary != null && adversary.endsTurn(progressBefore, mc)) {
                break;
            }
        }
        return ran;
    }

    /**
     * A CTA's turn when the critical path is measured: one hop of H100 time. Its warps run short quanta in turn
     * until it has moved the global bytes an SM moves in a hop or issued what an SM issues in one
     * ({@link Defaults#HOP_BYTES_PER_CTA}), or all of them sleep, wait or are done; a CTA that just drew its tile's
     * ticket hands over at once, so that the round order can place it by that ticket ({@link CriticalPath}).
     */
    private boolean measuredTurn(Cta c) {
        boolean ran = false;
        long bytesBefore = mc.globalRead + mc.globalWritten;
        long insnsBefore = mc.warpInsns;
        int quantum = Math.min(opt.quantum(), MEASURED_QUANTUM);
        while (true) {
            boolean busy = false;
            for (Warp w : c.warps) {
                if (w.cur >= 0 && !w.held) {
                    int n = interpreter.run(w, quantum);
                    if (n > 0) {
                        ran = true;
                        busy |= !w.yield;
                        mc.path.smInsns[c.sm] += n;
                    }
                }
                if (c.ticketDrawn) {
                    c.ticketDrawn = false;
                    return ran;
                }
                if (mc.globalRead + mc.globalWritten - bytesBefore >= Defaults.HOP_BYTES_PER_CTA
                        || mc.warpInsns - insnsBefore >= Defaults.HOP_WARP_INSTRUCTIONS_PER_CTA) {
                    return ran;
                }
            }
            if (!busy) {
                return ran;
            }
        }
    }

    /** Warp-instructions per quantum in a measured launch: fine enough to end a turn near its hop's bytes. */
    private static final int MEASURED_QUANTUM = 16;

    /** Passes over a CTA's warps per turn. */
    private static final int CTA_TURN = 16;

    private int[] dispatchOrder(int total) {
        int[] order = new int[total];
        for (int i = 0; i < total; i++) {
            order[i] = switch (opt.order()) {
                case REVERSED -> total - 1 - i;
                default -> i;
            };
        }
        if (opt.order() == dev.scanbench.emulator.DispatchOrder.RANDOM) {
            Random rnd = new Random(opt.seed());
            for (int i = total - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        return order;
    }

    private Cta newCta(int linear) {
        Dim3 g = mc.grid;
        Coord coord = new Coord(linear % g.x(), (linear / g.x()) % g.y(), linear / (g.x() * g.y()));
        Cta cta = new Cta(linear, coord, threadsPerCta, mc.sharedBytes, mc.racecheck);
        if (mc.path != null) {
            cta.sm = mc.path.place();
            cta.rank = dispatched++;
        }
        for (int i = 0; i < cta.warps.length; i++) {
            Warp husk = husks.poll();
            if (husk == null) {
                husk = pool.takeHusk(mc.prog.readFirst());
            }
            Warp w = new Warp(cta, i, threadsPerCta, mc.prog, mc.initcheck, husk,
                    mc.initcheck ? pool.takeShadow() : null);
            SpecialRegisters.fill(mc, w);
            cta.warps[i] = w;
        }
        return cta;
    }

    private boolean retireIfDone(Cta c) {
        if (c.liveWarps != 0) {
            return false;
        }
        if (mc.path != null) {
            mc.path.retire(c);
        }
        for (Warp w : c.warps) {
            husks.push(w);
            if (mc.initcheck) {
                pool.giveShadow(w.shadow);
            }
        }
        return true;
    }

    private void reportDeadlock(List<Cta> live, String why, int notStarted) {
        // a spin that can never end is the cause; the warps waiting for it (at barriers, on its flag) follow
        List<dev.scanbench.emulator.decode.LoopAnalysis.EndlessLoop> endless =
                dev.scanbench.emulator.decode.LoopAnalysis.endless(mc.code);
        List<Diagnostic> causes = new ArrayList<>();
        List<Diagnostic> stuck = new ArrayList<>();
        for (Cta c : live) {
            for (Warp w : c.warps) {
                for (int i = 0; i < w.ns; i++) {
                    var in = mc.code[w.spc[i]];
                    String state = switch (w.swait[i]) {
                        case Warp.AT_BARRIER -> "waits at CTA barrier " + w.sbar[i] + " (" + c.barArrived[w.sbar[i]]
                                + " of " + (c.barExpected[w.sbar[i]] >= 0 ? c.barExpected[w.sbar[i]] : c.liveThreads)
                                + " threads arrived)";
                        case Warp.AT_COLLECTIVE -> "waits for the other lanes of a warp collective";
                        default -> "spins";
                    };
                    String polled = w.lastLoadAddr >= 0 ? ", last polled address 0x" + Long.toHexString(w.lastLoadAddr)
                            : "";
                    String cause = "";
                    for (var loop : endless) {
                        if (w.swait[i] == Warp.RUNNABLE && loop.pcs().get(w.spc[i])) {
                            cause = "; " + dev.scanbench.emulator.decode.SpinLoops.describe(mc.code, loop);
                        }
                    }
                    Diagnostic d = new Diagnostic(Check.DEADLOCK, true, mc.prog.name(), c.coord,
                            mc.rep.threadOf(w.index * 32 + Integer.numberOfTrailingZeros(w.smask[i])), in.line,
                            in.source, "deadlock (" + why + "): warp " + w.index + " lanes 0x"
                            + Integer.toHexString(w.smask[i]) + " " + state + " at pc " + w.spc[i] + polled + cause
                            + " — `" + in.text + "`", in.inlinedAt);
                    (cause.isEmpty() ? stuck : causes).add(d);
                }
            }
        }
        causes.addAll(stuck);
        stuck = causes;
        int shown = Math.min(stuck.size(), 64);
        for (int i = 0; i < shown; i++) {
            mc.rep.add(stuck.get(i));
        }
        mc.rep.add(new Diagnostic(Check.DEADLOCK, true, mc.prog.name(), null, null, 0, null, "deadlock: " + why + "; "
                + stuck.size() + " stuck warp splits in " + live.size() + " resident CTAs (" + shown + " listed), "
                + notStarted + " CTAs never started"));
    }
}
