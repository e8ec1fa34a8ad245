package dev.scanbench.harness.scoring;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scanbench.harness.Defaults;
import dev.scanbench.harness.backend.Backend;
import dev.scanbench.harness.backend.BackendException;
import dev.scanbench.harness.backend.BackendUnavailableException;
import dev.scanbench.harness.backend.DeviceFaultException;
import dev.scanbench.harness.backend.ModuleImage;
import dev.scanbench.harness.backend.PlanRunner;
import dev.scanbench.harness.device.HarnessKernels;
import dev.scanbench.harness.measure.CopyBandwidth;
import dev.scanbench.harness.measure.DefaultProtocol;
import dev.scanbench.harness.measure.L2Flush;
import dev.scanbench.harness.measure.MeasurementException;
import dev.scanbench.harness.measure.MeasurementResult;
import dev.scanbench.harness.measure.MedianCiRule;
import dev.scanbench.harness.measure.Mode;
import dev.scanbench.harness.measure.PhysicalFloor;
import dev.scanbench.harness.measure.Protocol;
import dev.scanbench.harness.measure.ReBenchProtocol;
import dev.scanbench.harness.measure.StableWarmup;
import dev.scanbench.harness.measure.Ticker;
import dev.scanbench.harness.measure.TimingAlarms;
import dev.scanbench.harness.measure.VerificationFailedException;
import dev.scanbench.harness.plan.PlanException;
import dev.scanbench.harness.plan.ResolvedPlan;
import dev.scanbench.harness.ptx.PtxFormatException;
import dev.scanbench.harness.ptx.PtxSignature;
import dev.scanbench.harness.verify.ExpectedOutput;
import dev.scanbench.harness.verify.OracleExpectedOutput;
import dev.scanbench.harness.verify.ReferenceExpectedOutput;
import dev.scanbench.harness.verify.VerificationException;
import dev.scanbench.harness.worker.JobFailure;
import dev.scanbench.harness.worker.WorkerChannel;
import java.util.Optional;

/**
 * Scoring on a GPU: the L2 size and, when it can bound the time, the copy bandwidth first (they set the physical
 * floor and the flush), then the requested protocol over verified iterations, every candidate call inside a
 * watchdog call. Expected outputs come from the reference kernel on the device (cross-checked against the CPU
 * oracle once); the starting solution and the reference are timed on the same device by the same protocol unless
 * their times for this device are known. On the software driver the whole run reads its model clock.
 */
final class CudaScoring {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ScoreRequest request;
    private final WorkerChannel channel;
    private final Gpu.Opener opener;
    private final Ticker ticker;

    /**
     * @param opener opens the device ({@link Gpu#openCuda} in the worker)
     * @param ticker the host clock of the timed regions and budgets (a simulated device uses its model clock)
     */
    CudaScoring(ScoreRequest request, WorkerChannel channel, Gpu.Opener opener, Ticker ticker) {
        this.request = request;
        this.channel = channel;
        this.opener = opener;
        this.ticker = ticker;
    }

    /** What one protocol run times: a module and its plans at the scored size and at RE-Bench's 1024. */
    private record Subject(String name, ModuleImage image, PtxSignature signature, ResolvedPlan plan,
                           ResolvedPlan small) {
    }

    ObjectNode run() throws JobFailure, PtxFormatException, MeasurementException {
        Subject candidate;
        try {
            candidate = new Subject("candidate", request.candidate().image(), request.candidate().signature(),
                    request.resolvePlan(request.n()), request.protocol() == Protocol.RE_BENCH
                    ? request.resolvePlan(Defaults.RE_BENCH_CORRECTNESS_N) : null);
        } catch (PlanException e) {
            throw Failures.of(e);
        }
        Gpu gpu;
        try {
            gpu = opener.open();
        } catch (BackendException e) {
            throw Failures.of(e, "opening the GPU");
        }
        try (Backend backend = gpu.backend()) {
            Ticker clock = backend.simulated() ? new ModelTicker(backend) : ticker;
            long reported = gpu.l2Bytes();
            long l2 = reported > 0 ? reported : Defaults.H100_L2_BYTES;
            ObjectNode result = JSON.createObjectNode();
            result.put("backend", ScoreRequest.CUDA);
            result.put("device", backend.deviceDescription());
            result.put("simulated", backend.simulated());
            result.put("l2_bytes", l2);
            result.put("l2_reported", reported > 0);
            // The copy of n bounds a run at any n (no launch completes in no time) and is cheap; the bandwidth
            // probe is run only where traffic can bind: with 8n bytes within two L2-fulls it bounds nothing.
            double copyOfN = CopyBandwidthProbe.copyOfN(backend, request.copy(), channel, request.n());
            result.put("copy_of_n_ms", copyOfN);
            PhysicalFloor floor;
            if (PhysicalFloor.canBind(request.n(), l2)) {
                channel.progress("measuring copy bandwidth on " + backend.deviceDescription());
                CopyBandwidth bandwidth = CopyBandwidthProbe.measure(backend, request.copy(), channel);
                floor = PhysicalFloor.of(bandwidth, l2).withCopyOfN(copyOfN);
                result.put("copy_bandwidth_bytes_per_second", bandwidth.bytesPerSecond());
            } else {
                floor = PhysicalFloor.copyBoundOnly(l2, copyOfN);
                result.putNull("copy_bandwidth_bytes_per_second");
            }
            result.put("floor_ms", floor.floorMs(request.n()));
            result.set("driver", gpu.driver());
            TimingAlarms alarms = TimingAlarms.forPlan(candidate.plan().launches().size()).withFloor(floor, request.n());
            MeasurementResult measured;
            ScoreRequest.CompiledModule harness = request.harness();
            dev.scanbench.harness.compile.Artifact harnessArtifact = harness.artifact();
            try (HarnessKernels kernels = own("the harness kernels", () -> HarnessKernels.load(backend,
                    harnessArtifact))) {
                channel.progress(request.protocol().cliName() + " protocol, " + request.mode().cliName()
                        + " mode, n = " + request.n());
                measured = measure(backend, kernels, candidate, l2, alarms, new IterationSeeds(request.seed()), clock);
                result.set("measurement", JSON.valueToTree(measured));
                if (measured.rejected()) {
                    throw new JobFailure(Failures.REJECTED_TIME, "the measured time cannot be true: "
                            + measured.alarms().get(0).message(), result);
                }
                Optional<ObjectNode> baseline = baseline(backend, kernels, gpu.identity(), l2, clock);
                baseline.ifPresent(b -> result.set("device_baseline", b));
            }
            return result;
        } catch (BackendException e) {
            throw Failures.of(e, "measuring on the GPU");
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof BackendException b) {
                throw Failures.of(b, "reading the model clock");
            }
            throw e;
        }
    }

    private MeasurementResult measure(Backend backend, HarnessKernels kernels, Subject subject, long l2,
                                      TimingAlarms alarms, IterationSeeds seeds, Ticker clock)
            throws BackendException, MeasurementException, JobFailure, PtxFormatException {
        if (request.protocol() == Protocol.RE_BENCH) {
            try (PlanFixture scored = fixture(backend, kernels, subject, subject.plan())) {
                VerifiedReBenchSteps steps = new VerifiedReBenchSteps(backend, scored,
                        () -> fixture(backend, kernels, subject, subject.small()), seeds, channel);
                try {
                    return new ReBenchProtocol(alarms, clock).run(steps);
                } catch (VerificationFailedException e) {
                    throw typed(e, steps.lastFailure());
                }
            }
        }
        try (PlanFixture scored = fixture(backend, kernels, subject, subject.plan());
             L2Flush flush = request.mode() == Mode.COLD ? L2Flush.allocate(backend, l2) : null) {
            VerifiedSampler sampler = new VerifiedSampler(backend, scored.verifier(), scored.runner(), flush, seeds,
                    channel, clock);
            try {
                return new DefaultProtocol(request.mode(), StableWarmup.defaults(), MedianCiRule.defaults(),
                        Defaults.MEASURE_CONFIDENCE, alarms, clock).run(sampler);
            } catch (VerificationFailedException e) {
                throw typed(e, sampler.lastFailure());
            }
        }
    }

    /** The subject loaded at one size, its outputs checked against the reference kernel's (or the oracle's). */
    private PlanFixture fixture(Backend backend, HarnessKernels kernels, Subject subject, ResolvedPlan plan)
            throws BackendException, MeasurementException {
        return PlanFixture.open(backend, kernels, subject.image(), subject.signature(), plan,
                expected(backend, plan.n()));
    }

    private ExpectedOutput expected(Backend backend, long n) throws BackendException, MeasurementException {
        DeviceReferences refs = request.references();
        if (refs == null) {
            return new OracleExpectedOutput();
        }
        ResolvedPlan plan;
        try {
            plan = refs.reference().resolvePlan(n);
        } catch (PlanException | PtxFormatException e) {
            throw new MeasurementException("the reference kernel's plan fails at n = " + n + ": " + e.getMessage());
        }
        DeviceReferences.PlannedModule ref = refs.reference();
        PlanRunner runner = own("the reference kernel", () -> {
            try {
                return PlanRunner.open(backend, ref.module().image(), ref.module().signature(), plan);
            } catch (PtxFormatException e) {
                throw new BackendException("the reference kernel's PTX: " + e.getMessage());
            }
        });
        return new ReferenceExpectedOutput(backend, runner);
    }

    /**
     * The device's own baseline: known, or the starting solution and the reference timed now by the same
     * protocol. Any failure there is the workbench's or the device's, never the candidate's.
     */
    private Optional<ObjectNode> baseline(Backend backend, HarnessKernels kernels, String identity, long l2,
                                          Ticker clock) throws JobFailure {
        DeviceReferences refs = request.references();
        if (refs == null) {
            return Optional.empty();
        }
        DeviceBaseline known = refs.known().get(identity);
        boolean measuredNow = known == null;
        if (measuredNow) {
            try {
                double start = time(backend, kernels, refs.start(), "the starting solution", l2, clock);
                double reference = time(backend, kernels, refs.reference(), "the reference", l2, clock);
                known = new DeviceBaseline(identity, start, reference, backend.simulated());
            } catch (BackendException | MeasurementException | PlanException | PtxFormatException | JobFailure e) {
                throw new JobFailure(Failures.ENVIRONMENT, "timing the workbench's own starting solution and"
                        + " reference on this device failed: " + e.getMessage());
            }
        }
        ObjectNode o = known.toJson();
        o.put("measured_now", measuredNow);
        return Optional.of(o);
    }

    private double time(Backend backend, HarnessKernels kernels, DeviceReferences.PlannedModule module, String name,
                        long l2, Ticker clock)
            throws BackendException, MeasurementException, PlanException, PtxFormatException, JobFailure {
        channel.progress("timing " + name + " on this device (once per device, driver and workbench version)");
        ResolvedPlan plan = module.resolvePlan(request.n());
        Subject s = new Subject(name, module.module().image(), module.module().signature(), plan,
                request.protocol() == Protocol.RE_BENCH ? module.resolvePlan(Defaults.RE_BENCH_CORRECTNESS_N) : null);
        MeasurementResult m = measure(backend, kernels, s, l2, TimingAlarms.forPlan(plan.launches().size()),
                new IterationSeeds(request.seed() ^ name.hashCode()), clock);
        return m.summary().medianMs();
    }

    /** Work on the workbench's own modules: any failure of theirs is this machine's problem, not the candidate's. */
    @FunctionalInterface
    private interface Own<T> {
        T get() throws BackendException;
    }

    private static <T> T own(String what, Own<T> work) throws BackendException {
        try {
            return work.get();
        } catch (DeviceFaultException | BackendUnavailableException e) {
            throw e;
        } catch (BackendException e) {
            throw new BackendUnavailableException(what + " cannot be loaded on this device: " + e.getMessage());
        }
    }

    private static JobFailure typed(VerificationFailedException e, Optional<VerificationException> cause) {
        return cause.map(c -> Failures.verification(c, e.getMessage()))
                .orElseGet(() -> new JobFailure(Failures.MISMATCH, e.getMessage()));
    }
}
