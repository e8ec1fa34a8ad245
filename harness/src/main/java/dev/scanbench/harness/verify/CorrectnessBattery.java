package dev.scanbench.harness.verify;

import dev.scanbench.emulator.Diagnostic;
import dev.scanbench.emulator.LaunchOptions;
import dev.scanbench.harness.Defaults;
import dev.scanbench.harness.backend.Backend;
import dev.scanbench.harness.backend.BackendException;
import dev.scanbench.harness.backend.DeviceFaultException;
import dev.scanbench.harness.backend.PlanRunner;
import dev.scanbench.harness.backend.PlannedModule;
import dev.scanbench.harness.backend.emulator.EmulatorBackend;
import dev.scanbench.harness.backend.emulator.EmulatorFaultException;
import dev.scanbench.harness.backend.emulator.ExecutionCounters;
import dev.scanbench.harness.compile.Artifact;
import dev.scanbench.harness.device.HarnessKernels;
import dev.scanbench.harness.plan.PlanException;
import dev.scanbench.harness.plan.ResolvedPlan;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Runs a candidate through a {@link BatteryMatrix}, every case one verified iteration ({@link Verifier}) on a
 * fresh input drawn from a secret seed; stops at the first failure. On the emulator, one emulated device per
 * dispatch policy with the diagnostics on; on a GPU ({@link Dispatch#DEVICE}), the device it is given. One
 * loaded module per size, shared by that size's patterns. This is the correctness gate of {@code verify} and of
 * {@code score} (there before anything is timed).
 */
public final class CorrectnessBattery {
    private final PlannedModule candidate;
    private final Artifact harnessKernels;
    private final LaunchOptions checks;
    private final Backend device;
    private final CaseWatch watch;

    /**
     * The emulator options of a verdict ({@code workbench verify}, {@code score} on the emulator): every diagnostic
     * on, and lint findings (a weak load polled in a spin loop) as errors.
     */
    public static LaunchOptions verdictOptions() {
        return LaunchOptions.defaults().withChecks(Defaults.VERIFY_CHECKS).withLintErrors(true);
    }

    /**
     * @param candidate      the candidate, compiled, checked and its plan parsed
     * @param harnessKernels the compiled harness kernels ({@link HarnessKernels#compile})
     * @param checks         the emulator options to start from: diagnostics and limits (each {@link Dispatch}
     *                       sets residency and order)
     */
    public CorrectnessBattery(PlannedModule candidate, Artifact harnessKernels, LaunchOptions checks) {
        this(candidate, harnessKernels, checks, null, CaseWatch.NONE);
    }

    private CorrectnessBattery(PlannedModule candidate, Artifact harnessKernels, LaunchOptions checks,
                               Backend device, CaseWatch watch) {
        this.candidate = candidate;
        this.harnessKernels = harnessKernels;
        this.checks = checks;
        this.device = device;
        this.watch = watch;
    }

    /** This battery with {@link Dispatch#DEVICE} cases run on {@code gpu}, which stays open (the caller's). */
    public CorrectnessBattery onDevice(Backend gpu) {
        return new CorrectnessBattery(candidate, harnessKernels, checks, gpu, watch);
    }

    /** This battery with every candidate call run through {@code caseWatch}. */
    public CorrectnessBattery watchedBy(CaseWatch caseWatch) {
        return new CorrectnessBattery(candidate, harnessKernels, checks, device, caseWatch);
    }

    /**
     * Runs the battery.
     *
     * @param progress receives one line per size started (for a person watching)
     * @throws BackendException when the backend cannot run the candidate at all (e.g. PTX the emulator does not
     *                          support, a module the driver refuses): not a verdict on the candidate
     */
    public BatteryReport run(BatteryMatrix matrix, SecretSeed seed, Consumer<String> progress) throws BackendException {
        Run run = new Run(seed, progress, matrix.cases().size());
        List<BatteryCase> cases = matrix.cases();
        int i = 0;
        while (i < cases.size() && run.failure == null) {
            Dispatch dispatch = cases.get(i).dispatch();
            int end = i;
            while (end < cases.size() && cases.get(end).dispatch() == dispatch) {
                end++;
            }
            runDispatch(run, cases.subList(i, end), seed);
            i = end;
        }
        return new BatteryReport(seed.sha256(), seed.reveal(), cases.size(), run.passed,
                Optional.ofNullable(run.failure), run.counters, new ArrayList<>(run.warnings));
    }

    private void runDispatch(Run run, List<BatteryCase> cases, SecretSeed seed) throws BackendException {
        Dispatch dispatch = cases.get(0).dispatch();
        if (!dispatch.emulated()) {
            if (device == null) {
                throw new IllegalStateException("a DEVICE case needs a battery made with onDevice(gpu)");
            }
            try (HarnessKernels kernels = HarnessKernels.load(device, harnessKernels)) {
                runSizes(run, device, kernels, cases);
            }
            return;
        }
        LaunchOptions options = dispatch.options(checks, seed.iterationSeed(-1 - dispatch.ordinal()));
        try (EmulatorBackend backend = new EmulatorBackend(options);
             HarnessKernels kernels = HarnessKernels.load(backend, harnessKernels)) {
            runSizes(run, backend, kernels, cases);
            backend.warnings().forEach(w -> run.warnings.add(w.toString()));
        }
    }

    private void runSizes(Run run, Backend backend, HarnessKernels kernels, List<BatteryCase> cases)
            throws BackendException {
        int i = 0;
        while (i < cases.size() && run.failure == null) {
            long n = cases.get(i).n();
            int end = i;
            while (end < cases.size() && cases.get(end).n() == n) {
                end++;
            }
            run.progress(cases.get(i), end - i);
            runSize(run, backend, kernels, cases.subList(i, end));
            i = end;
        }
    }

    private void runSize(Run run, Backend backend, HarnessKernels kernels, List<BatteryCase> cases)
            throws BackendException {
        ResolvedPlan plan;
        try {
            plan = candidate.resolve(cases.get(0).n());
        } catch (PlanException e) {
            run.failure = new BatteryFailure(cases.get(0), FailureKind.PLAN, e.getMessage(), null, null);
            return;
        }
        try (PlanRunner runner = PlanRunner.open(backend, candidate.image(), candidate.signature(), plan);
             Verifier verifier = Verifier.open(backend, kernels, runner, new OracleExpectedOutput())) {
            InputSpec previous = null;
            for (BatteryCase c : cases) {
                InputSpec input = c.splice() == null ? InputSpec.of(run.nextSeed(), c.pattern())
                        : previous.withTail(c.splice().from(), c.splice().seed(), c.splice().pattern());
                previous = input;
                try {
                    verifier.prepare(input);
                    ExecutionCounters before = counters(backend);
                    try {
                        watch.watch(run.callName(c), verifier::runCandidate);
                    } finally {
                        // A faulting launch still counts: the report shows how far the candidate got.
                        run.counters = run.counters.plus(counters(backend).minus(before));
                    }
                    verifier.check();
                    run.passed.add(c);
                } catch (VerificationException e) {
                    run.failure = verification(c, e);
                    return;
                } catch (DeviceFaultException e) {
                    run.failure = fault(c, e);
                    return;
                }
            }
        }
    }

    private static ExecutionCounters counters(Backend backend) {
        return backend instanceof EmulatorBackend e ? e.counters() : ExecutionCounters.ZERO;
    }

    private static BatteryFailure verification(BatteryCase c, VerificationException e) {
        FailureKind kind = e instanceof InputModifiedException ? FailureKind.INPUT_MODIFIED
                : e instanceof OutOfBoundsWriteException ? FailureKind.FAULT : FailureKind.WRONG_OUTPUT;
        return new BatteryFailure(c, kind, e.getMessage(), e instanceof WrongOutputException w ? w.mismatch() : null,
                null);
    }

    private static BatteryFailure fault(BatteryCase c, DeviceFaultException e) {
        if (e instanceof EmulatorFaultException f) {
            Diagnostic first = f.first();
            FailureKind kind = switch (f.status()) {
                case DEADLOCKED -> FailureKind.HANG;
                case FAULTED -> FailureKind.FAULT;
                case COMPLETED -> FailureKind.DIAGNOSTIC;
            };
            String message = f.getMessage();
            if (kind == FailureKind.HANG && !c.dispatch().hangHint().isEmpty()) {
                message += "\n" + c.dispatch().hangHint();
            }
            return new BatteryFailure(c, kind, message, null, first);
        }
        return new BatteryFailure(c, FailureKind.FAULT, e.getMessage(), null, null);
    }

    /** The state of one battery run. */
    private static final class Run {
        final List<BatteryCase> passed = new ArrayList<>();
        final Set<String> warnings = new LinkedHashSet<>();
        final SecretSeed seed;
        final Consumer<String> sink;
        final int total;
        ExecutionCounters counters = ExecutionCounters.ZERO;
        BatteryFailure failure;
        long iteration;
        int started;

        Run(SecretSeed seed, Consumer<String> sink, int total) {
            this.seed = seed;
            this.sink = sink;
            this.total = total;
        }

        long nextSeed() {
            return seed.iterationSeed(iteration++);
        }

        String callName(BatteryCase c) {
            return "case " + ++started + " of " + total + " (" + c + ")";
        }

        void progress(BatteryCase first, int patterns) {
            sink.accept("verify: n = " + first.n() + ", " + first.dispatch() + " dispatch, " + patterns
                    + " input(s)");
        }
    }
}
