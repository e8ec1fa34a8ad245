package dev.scanbench.harness.verify;

import dev.scanbench.emulator.Diagnostic;
import dev.scanbench.emulator.LaunchOptions;
import dev.scanbench.harness.Defaults;
import dev.scanbench.harness.backend.BackendException;
import dev.scanbench.harness.backend.DeviceFaultException;
import dev.scanbench.harness.backend.PlanRunner;
import dev.scanbench.harness.backend.emulator.EmulatorBackend;
import dev.scanbench.harness.backend.emulator.EmulatorFaultException;
import dev.scanbench.harness.backend.emulator.ExecutionCounters;
import dev.scanbench.harness.candidate.PreparedCandidate;
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
 * Runs a candidate through a {@link BatteryMatrix} on the emulator with its diagnostics on, every case one
 * verified iteration ({@link Verifier}) on a fresh input drawn from a secret seed. Stops at the first failure.
 * One emulated device per dispatch order; one loaded module per size, shared by that size's patterns.
 */
public final class CorrectnessBattery {
    private final PreparedCandidate candidate;
    private final Artifact harnessKernels;
    private final LaunchOptions checks;

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
     * @param checks         the emulator options to start from: diagnostics and limits (the battery sets
     *                       residency and dispatch order per case)
     */
    public CorrectnessBattery(PreparedCandidate candidate, Artifact harnessKernels, LaunchOptions checks) {
        this.candidate = candidate;
        this.harnessKernels = harnessKernels;
        this.checks = checks;
    }

    /**
     * Runs the battery.
     *
     * @param progress receives one line per size started (for a person watching)
     * @throws BackendException when the emulator cannot run the candidate at all (e.g. PTX it does not
     *                          support): not a verdict on the candidate
     */
    public BatteryReport run(BatteryMatrix matrix, SecretSeed seed, Consumer<String> progress) throws BackendException {
        Run run = new Run(seed, progress);
        List<BatteryCase> cases = matrix.cases();
        int i = 0;
        while (i < cases.size() && run.failure == null) {
            BatteryDispatch dispatch = cases.get(i).dispatch();
            int end = i;
            while (end < cases.size() && cases.get(end).dispatch() == dispatch) {
                end++;
            }
            runOrder(run, cases.subList(i, end), seed);
            i = end;
        }
        return new BatteryReport(seed.sha256(), seed.reveal(), run.passed, Optional.ofNullable(run.failure),
                run.counters, new ArrayList<>(run.warnings));
    }

    private void runOrder(Run run, List<BatteryCase> cases, SecretSeed seed) throws BackendException {
        BatteryDispatch dispatch = cases.get(0).dispatch();
        LaunchOptions options = dispatch.options(checks, seed.iterationSeed(-1 - dispatch.ordinal()));
        try (EmulatorBackend backend = new EmulatorBackend(options);
             HarnessKernels kernels = HarnessKernels.load(backend, harnessKernels)) {
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
            backend.warnings().forEach(w -> run.warnings.add(w.toString()));
        }
    }

    private void runSize(Run run, EmulatorBackend backend, HarnessKernels kernels, List<BatteryCase> cases)
            throws BackendException {
        ResolvedPlan plan;
        try {
            plan = candidate.resolve(cases.get(0).n());
        } catch (PlanException e) {
            run.failure = new BatteryFailure(cases.get(0), FailureKind.PLAN, e.getMessage(), null, null);
            return;
        }
        try (PlanRunner runner = PlanRunner.open(backend, candidate.image(), candidate.artifact().signature(), plan);
             Verifier verifier = Verifier.open(backend, kernels, runner, new OracleExpectedOutput())) {
            for (BatteryCase c : cases) {
                try {
                    verifier.prepare(run.nextSeed(), c.pattern());
                    ExecutionCounters before = backend.counters();
                    try {
                        verifier.runCandidate();
                    } finally {
                        // A faulting launch still counts: the report shows how far the candidate got.
                        run.counters = run.counters.plus(backend.counters().minus(before));
                    }
                    verifier.check();
                    run.passed.add(c);
                } catch (VerificationException e) {
                    run.failure = new BatteryFailure(c, e instanceof InputModifiedException
                            ? FailureKind.INPUT_MODIFIED : FailureKind.WRONG_OUTPUT, e.getMessage(),
                            e instanceof WrongOutputException w ? w.mismatch() : null, null);
                    return;
                } catch (DeviceFaultException e) {
                    run.failure = fault(c, e);
                    return;
                }
            }
        }
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
        final SecretSeed seed;
        final List<BatteryCase> passed = new ArrayList<>();
        final Set<String> warnings = new LinkedHashSet<>();
        ExecutionCounters counters = ExecutionCounters.ZERO;
        BatteryFailure failure;
        final Consumer<String> sink;
        long iteration;

        Run(SecretSeed seed, Consumer<String> sink) {
            this.seed = seed;
            this.sink = sink;
        }

        long nextSeed() {
            return seed.iterationSeed(iteration++);
        }

        void progress(BatteryCase first, int patterns) {
            sink.accept("verify: n = " + first.n() + ", " + first.dispatch() + " dispatch, " + patterns + " pattern(s)");
        }
    }
}
