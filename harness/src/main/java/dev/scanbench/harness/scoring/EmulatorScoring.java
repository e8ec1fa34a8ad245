package dev.scanbench.harness.scoring;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scanbench.emulator.LaunchOptions;
import dev.scanbench.harness.backend.BackendException;
import dev.scanbench.harness.backend.emulator.CriticalPathTotals;
import dev.scanbench.harness.backend.emulator.ExecutionCounters;
import dev.scanbench.harness.plan.PlanException;
import dev.scanbench.harness.plan.ResolvedPlan;
import dev.scanbench.harness.ptx.PtxFormatException;
import dev.scanbench.harness.verify.BatteryMatrix;
import dev.scanbench.harness.verify.CorrectnessBattery;
import dev.scanbench.harness.verify.Dispatch;
import dev.scanbench.harness.verify.SecretSeed;
import dev.scanbench.harness.worker.JobFailure;
import dev.scanbench.harness.worker.WorkerChannel;

/**
 * Scoring on the emulator, which has no clock: the correctness gate ({@link BatteryMatrix#emulatorGate}) and,
 * beside it on a thread of their own and counted only once it has passed ({@link CountedRuns}), a
 * few verified runs on fresh secret-seeded inputs with every diagnostic on and an H100's occupancy x 132 CTAs resident, and
 * the work those runs did (warp instructions, global bytes) in place of a time.
 */
final class EmulatorScoring {
    private final ScoreRequest request;
    private final WorkerChannel channel;

    EmulatorScoring(ScoreRequest request, WorkerChannel channel) {
        this.request = request;
        this.channel = channel;
    }

    ObjectNode run() throws JobFailure, PtxFormatException {
        ResolvedPlan plan;
        try {
            plan = request.resolvePlan(request.n());
        } catch (PlanException e) {
            throw Failures.of(e);
        }
        LaunchOptions checks = CorrectnessBattery.verdictOptions();
        // The counted runs measure their critical path for the H100 model (the gate's runs do not pay for it).
        LaunchOptions options = Dispatch.SCORING.options(checks, 0).withCriticalPath(true);
        SecretSeed secret = SecretSeed.of(request.seed());
        BatteryMatrix matrix = BatteryMatrix.emulatorGate(request.n(), secret);
        // The counted runs draw their inputs after the gate's, so no input repeats; they run beside the gate
        // (CountedRuns) and count only once it has passed.
        IterationSeeds seeds = new IterationSeeds(request.seed(), matrix.cases().size());
        try (CountedRuns runs = CountedRuns.start(request, channel, plan, options, seeds)) {
            ObjectNode gate;
            try {
                gate = Gate.pass(new CorrectnessBattery(request.jobCandidate().planned(),
                        request.harness().artifact(), checks), matrix, secret, channel);
            } catch (BackendException e) {
                throw Failures.of(e, "the correctness gate");
            }
            CountedRuns.Counted counted = runs.await(channel);
            ObjectNode result = JsonNodeFactory.instance.objectNode();
            result.put("backend", ScoreRequest.EMULATOR);
            result.put("device", counted.device());
            result.put("iterations", request.iterations());
            result.set("gate", gate);
            result.set("counters", counters(counted.total(), request.iterations(), request.n()));
            var warnings = result.putArray("warnings");
            counted.warnings().forEach(warnings::add);
            return result;
        }
    }

    /** The candidate's work per run, and its global traffic per element (the emulator's stand-in for speed). */
    static ObjectNode counters(ExecutionCounters total, int runs, long n) {
        ObjectNode c = JsonNodeFactory.instance.objectNode();
        c.put("runs", runs);
        c.put("launches", total.launches() / runs);
        c.put("warp_instructions", total.warpInstructions() / runs);
        c.put("thread_instructions", total.threadInstructions() / runs);
        c.put("global_bytes_read", total.globalBytesRead() / runs);
        c.put("global_bytes_written", total.globalBytesWritten() / runs);
        c.put("bytes_per_element", (double) total.globalBytes() / runs / n);
        CriticalPathTotals p = total.criticalPath();
        if (p.measured()) {
            c.put("chain_hops", p.chainHops() / runs);
            c.put("steady_chain_hops", p.steadyChainHops() / runs);
            c.put("lookback_mean", p.lookbackMean());
            c.put("lookback_max", p.lookbackMax());
            c.put("spin_polls", p.spinPolls() / runs);
            c.put("sm_warp_instructions_max", p.busiestSmInstructions() / runs);
            c.put("sm_warp_instructions_mean", p.meanSmInstructions() / runs);
            c.put("sms", p.sms());
        }
        return c;
    }
}
