package dev.scanbench.harness.scoring;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scanbench.harness.Defaults;
import dev.scanbench.harness.backend.BackendException;
import dev.scanbench.harness.backend.Backend;
import dev.scanbench.harness.device.HarnessKernels;
import dev.scanbench.harness.measure.CopyBandwidth;
import dev.scanbench.harness.measure.DefaultProtocol;
import dev.scanbench.harness.measure.L2Flush;
import dev.scanbench.harness.measure.MeasurementException;
import dev.scanbench.harness.measure.MeasurementResult;
import dev.scanbench.harness.measure.MedianCiRule;
import dev.scanbench.harness.measure.StableWarmup;
import dev.scanbench.harness.measure.Mode;
import dev.scanbench.harness.measure.PhysicalFloor;
import dev.scanbench.harness.measure.Protocol;
import dev.scanbench.harness.measure.ReBenchProtocol;
import dev.scanbench.harness.measure.Ticker;
import dev.scanbench.harness.measure.TimingAlarms;
import dev.scanbench.harness.measure.VerificationFailedException;
import dev.scanbench.harness.plan.PlanException;
import dev.scanbench.harness.plan.ResolvedPlan;
import dev.scanbench.harness.ptx.PtxFormatException;
import dev.scanbench.harness.ptx.PtxSignature;
import dev.scanbench.harness.verify.VerificationException;
import dev.scanbench.harness.worker.JobFailure;
import dev.scanbench.harness.worker.WorkerChannel;
import java.util.Optional;

/**
 * Scoring on a GPU: the copy bandwidth and L2 size first (they set the physical floor and the flush), then the
 * requested protocol over verified iterations, every candidate call inside a watchdog call.
 */
final class CudaScoring {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ScoreRequest request;
    private final WorkerChannel channel;
    private final Gpu.Opener opener;
    private final Ticker ticker;

    /**
     * @param opener opens the device ({@link Gpu#openCuda} in the worker)
     * @param ticker the host clock of the timed regions and budgets
     */
    CudaScoring(ScoreRequest request, WorkerChannel channel, Gpu.Opener opener, Ticker ticker) {
        this.request = request;
        this.channel = channel;
        this.opener = opener;
        this.ticker = ticker;
    }

    ObjectNode run() throws JobFailure, PtxFormatException, MeasurementException {
        ResolvedPlan plan;
        ResolvedPlan small;
        try {
            plan = request.resolvePlan(request.n());
            small = request.protocol() == Protocol.RE_BENCH ? request.resolvePlan(Defaults.RE_BENCH_CORRECTNESS_N)
                    : null;
        } catch (PlanException e) {
            throw Failures.of(e);
        }
        IterationSeeds seeds = new IterationSeeds(request.seed());
        Gpu gpu;
        try {
            gpu = opener.open();
        } catch (BackendException e) {
            throw Failures.of(e, "opening the GPU");
        }
        try (Backend backend = gpu.backend()) {
            long reported = gpu.l2Bytes();
            long l2 = reported > 0 ? reported : Defaults.H100_L2_BYTES;
            channel.progress("measuring copy bandwidth on " + backend.deviceDescription());
            CopyBandwidth bandwidth = CopyBandwidthProbe.measure(backend, request.copy(), channel);
            double copyOfN = CopyBandwidthProbe.copyOfN(backend, request.copy(), channel, request.n());
            PhysicalFloor floor = PhysicalFloor.of(bandwidth, l2).withCopyOfN(copyOfN);
            TimingAlarms alarms = TimingAlarms.forPlan(plan.launches().size()).withFloor(floor, request.n());
            MeasurementResult measured;
            try (HarnessKernels kernels = HarnessKernels.load(backend, request.harness().artifact());
                 PlanFixture scored = PlanFixture.open(backend, kernels, request.candidate().image(),
                         request.candidate().signature(), plan)) {
                channel.progress(request.protocol().cliName() + " protocol, " + request.mode().cliName()
                        + " mode, n = " + request.n());
                measured = measure(backend, kernels, scored, small, l2, alarms, seeds);
            }
            ObjectNode result = JSON.createObjectNode();
            result.put("backend", ScoreRequest.CUDA);
            result.put("device", backend.deviceDescription());
            result.put("l2_bytes", l2);
            result.put("l2_reported", reported > 0);
            result.put("copy_bandwidth_bytes_per_second", bandwidth.bytesPerSecond());
            result.put("copy_of_n_ms", copyOfN);
            result.put("floor_ms", floor.floorMs(request.n()));
            result.set("driver", gpu.driver());
            result.set("measurement", JSON.valueToTree(measured));
            if (measured.rejected()) {
                throw new JobFailure(Failures.REJECTED_TIME, "the measured time cannot be true: "
                        + measured.alarms().get(0).message(), result);
            }
            return result;
        } catch (BackendException e) {
            throw Failures.of(e, "measuring on the GPU");
        }
    }

    private MeasurementResult measure(Backend backend, HarnessKernels kernels, PlanFixture scored,
                                      ResolvedPlan small, long l2, TimingAlarms alarms, IterationSeeds seeds)
            throws BackendException, MeasurementException, JobFailure, PtxFormatException {
        if (request.protocol() == Protocol.RE_BENCH) {
            PtxSignature signature = request.candidate().signature();
            VerifiedReBenchSteps steps = new VerifiedReBenchSteps(backend, scored, () -> PlanFixture.open(backend,
                    kernels, request.candidate().image(), signature, small), seeds, channel);
            try {
                return new ReBenchProtocol(alarms, ticker).run(steps);
            } catch (VerificationFailedException e) {
                throw typed(e, steps.lastFailure());
            }
        }
        try (L2Flush flush = request.mode() == Mode.COLD ? L2Flush.allocate(backend, l2) : null) {
            VerifiedSampler sampler = new VerifiedSampler(backend, scored.verifier(), scored.runner(), flush, seeds,
                    channel, ticker);
            try {
                return new DefaultProtocol(request.mode(), StableWarmup.defaults(), MedianCiRule.defaults(),
                        Defaults.MEASURE_CONFIDENCE, alarms, ticker).run(sampler);
            } catch (VerificationFailedException e) {
                throw typed(e, sampler.lastFailure());
            }
        }
    }

    private static JobFailure typed(VerificationFailedException e, Optional<VerificationException> cause) {
        return cause.map(c -> Failures.verification(c, e.getMessage()))
                .orElseGet(() -> new JobFailure(Failures.MISMATCH, e.getMessage()));
    }
}
