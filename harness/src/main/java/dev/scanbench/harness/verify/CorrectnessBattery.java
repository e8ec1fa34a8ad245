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
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
    /** How many units run at once on the emulator. */
    private final int threads;

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
        this(candidate, harnessKernels, checks, null, CaseWatch.NONE, Runtime.getRuntime().availableProcessors());
    }

    private CorrectnessBattery(PlannedModule candidate, Artifact harnessKernels, LaunchOptions checks,
                               Backend device, CaseWatch watch, int threads) {
        this.candidate = candidate;
        this.harnessKernels = harnessKernels;
        this.checks = checks;
        this.device = device;
        this.watch = watch;
        this.threads = threads;
    }

    /** This battery with {@link Dispatch#DEVICE} cases run on {@code gpu}, which stays open (the caller's). */
    public CorrectnessBattery onDevice(Backend gpu) {
        return new CorrectnessBattery(candidate, harnessKernels, checks, gpu, watch, threads);
    }

    /** This battery with every candidate call run through {@code caseWatch}. */
    public CorrectnessBattery watchedBy(CaseWatch caseWatch) {
        return new CorrectnessBattery(candidate, harnessKernels, checks, device, caseWatch, threads);
    }

    /** This battery running at most {@code count} emulator units at once (default: one per core). */
    public CorrectnessBattery withThreads(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("threads: " + count);
        }
        return new CorrectnessBattery(candidate, harnessKernels, checks, device, watch, count);
    }

    /**
     * Runs the battery. On the emulator its units (the cases of one dispatch and size) run on every core, each on
     * an emulated device of its own, with the same result as one after another: every case's input comes from its
     * place in the matrix, and the failure reported is the first in matrix order (later units still running when
     * it is found are not counted). On a GPU the cases run in order on its one device.
     *
     * @param progress receives one line per unit (the inputs of one size and dispatch) in matrix order, as the
     *                 verdict reaches it (for a person watching); the same lines on any number of threads
     * @throws BackendException when the backend cannot run the candidate at all (e.g. PTX the emulator does not
     *                          support, a module the driver refuses): not a verdict on the candidate
     */
    public BatteryReport run(BatteryMatrix matrix, SecretSeed seed, Consumer<String> progress) throws BackendException {
        List<BatteryCase> cases = matrix.cases();
        List<Unit> units = units(cases, seed);
        List<UnitResult> results = new ArrayList<>();
        boolean emulated = units.stream().allMatch(u -> u.dispatch.emulated());
        if (emulated && units.size() > 1 && threads > 1) {
            results.addAll(runParallel(units, seed, progress, cases.size()));
        } else if (emulated) {
            runInOrder(units, seed, progress, cases.size(), null, results);
        } else {
            if (device == null) {
                throw new IllegalStateException("a DEVICE case needs a battery made with onDevice(gpu)");
            }
            // one load of the harness's kernels serves every size on the device
            try (HarnessKernels kernels = HarnessKernels.load(device, harnessKernels)) {
                runInOrder(units, seed, progress, cases.size(), kernels, results);
            }
        }
        List<BatteryCase> passed = new ArrayList<>();
        Set<String> warnings = new LinkedHashSet<>();
        ExecutionCounters counters = ExecutionCounters.ZERO;
        BatteryFailure failure = null;
        for (UnitResult r : results) {
            passed.addAll(r.passed);
            warnings.addAll(r.warnings);
            counters = counters.plus(r.counters);
            if (r.failure != null) {
                failure = r.failure;
                break;
            }
        }
        return new BatteryReport(seed.sha256(), seed.reveal(), cases.size(), passed, Optional.ofNullable(failure),
                counters, new ArrayList<>(warnings));
    }

    /**
     * The battery's units: runs of consecutive cases of one dispatch and size (one loaded module serves them),
     * each case with the input seed it has in matrix order (a tail splice reuses the input before it).
     */
    private static List<Unit> units(List<BatteryCase> cases, SecretSeed seed) {
        List<Unit> units = new ArrayList<>();
        long iteration = 0;
        int i = 0;
        while (i < cases.size()) {
            BatteryCase first = cases.get(i);
            int end = i;
            List<Long> seeds = new ArrayList<>();
            while (end < cases.size() && cases.get(end).dispatch() == first.dispatch() && cases.get(end).n() == first.n()) {
                seeds.add(cases.get(end).splice() == null ? seed.iterationSeed(iteration++) : 0L);
                end++;
            }
            units.add(new Unit(units.size(), i, first.dispatch(), cases.subList(i, end), seeds));
            i = end;
        }
        return units;
    }

    /** Runs the units one after another until one fails; {@code deviceKernels} serve the device's units. */
    private void runInOrder(List<Unit> units, SecretSeed seed, Consumer<String> sink, int total,
                            HarnessKernels deviceKernels, List<UnitResult> results) throws BackendException {
        for (Unit u : units) {
            sink.accept(startLine(u));
            UnitResult r = runUnit(u, seed, total, deviceKernels);
            results.add(r);
            if (r.failure != null) {
                return;
            }
        }
    }

    /**
     * Runs the units on {@code threads} workers. The first worker takes units in matrix order, so a cheap failure
     * at a small size is found as soon as on one thread; the others take the costliest units first (the largest
     * sizes sit at the matrix's end, and one of them left for last would run alone while the other cores idle).
     * Once a unit fails, no later unit starts, and those running are interrupted. The verdict and the progress
     * lines are read back in matrix order, one line as each unit's result is awaited, so both are the same on any
     * number of threads whatever the timing.
     */
    private List<UnitResult> runParallel(List<Unit> units, SecretSeed seed, Consumer<String> sink, int total)
            throws BackendException {
        int workers = Math.min(threads, units.size());
        List<CompletableFuture<UnitResult>> done = new ArrayList<>();
        units.forEach(u -> done.add(new CompletableFuture<>()));
        UnitClaims claims = new UnitClaims(units);
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "battery");
            t.setDaemon(true);
            return t;
        });
        try {
            for (int w = 0; w < workers; w++) {
                boolean inOrder = w == 0;
                pool.execute(() -> {
                    for (Unit u = claims.next(inOrder); u != null; u = claims.next(inOrder)) {
                        try {
                            UnitResult r = runUnit(u, seed, total, null);
                            if (r.failure != null) {
                                claims.failed(u.index);
                            }
                            done.get(u.index).complete(r);
                        } catch (Throwable t) {
                            done.get(u.index).completeExceptionally(t);
                        }
                    }
                });
            }
            List<UnitResult> results = new ArrayList<>();
            for (Unit u : units) {
                sink.accept(startLine(u));
                UnitResult r = await(done.get(u.index));
                results.add(r);
                if (r.failure != null) {
                    break;
                }
            }
            return results;
        } finally {
            pool.shutdownNow(); // interrupts the launches still running after a failure (LaunchInterruptedException)
        }
    }

    /**
     * Which units are still to run, taken from the front in matrix order or from the back by descending cost
     * (elements emulated: size x inputs). Each unit is handed out at most once, and none after a unit ahead of it in the
     * matrix has failed; the front worker reaches every other unit, so each result the verdict awaits does come.
     */
    private static final class UnitClaims {
        private final List<Unit> units;
        private final List<Unit> byCost;
        private final boolean[] taken;
        private int front;
        private int back;
        private int firstFailed = Integer.MAX_VALUE;

        UnitClaims(List<Unit> units) {
            this.units = units;
            this.byCost = new ArrayList<>(units);
            byCost.sort(Comparator.comparingLong((Unit u) -> u.cases.get(0).n() * u.cases.size()).reversed());
            this.taken = new boolean[units.size()];
        }

        synchronized Unit next(boolean inOrder) {
            while (inOrder ? front < units.size() : back < byCost.size()) {
                Unit u = inOrder ? units.get(front++) : byCost.get(back++);
                if (!taken[u.index] && u.index <= firstFailed) {
                    taken[u.index] = true;
                    return u;
                }
            }
            return null;
        }

        synchronized void failed(int index) {
            firstFailed = Math.min(firstFailed, index);
        }
    }

    private static String startLine(Unit u) {
        return "verify: n = " + u.cases.get(0).n() + ", " + u.dispatch + " dispatch, " + u.cases.size() + " input(s)";
    }

    private static UnitResult await(Future<UnitResult> f) throws BackendException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendException("interrupted while the battery ran", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof BackendException b) {
                throw b;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err; // OutOfMemoryError keeps its meaning (exit 3 with the heap to set)
            }
            throw new IllegalStateException(cause);
        }
    }

    /** Runs one unit: on the device with {@code deviceKernels}, or on an emulated device of its own. */
    private UnitResult runUnit(Unit u, SecretSeed seed, int total, HarnessKernels deviceKernels)
            throws BackendException {
        UnitResult result = new UnitResult();
        if (!u.dispatch.emulated()) {
            runCases(result, u, device, deviceKernels, total);
            return result;
        }
        // each unit's random order from its own stream (negative iterations are never an input's)
        LaunchOptions options = u.dispatch.options(checks, seed.iterationSeed(-1 - u.dispatch.ordinal()
                - 64L * (u.index + 1)));
        try (EmulatorBackend backend = new EmulatorBackend(options);
             HarnessKernels kernels = HarnessKernels.load(backend, harnessKernels)) {
            runCases(result, u, backend, kernels, total);
            backend.warnings().forEach(w -> result.warnings.add(w.toString()));
        }
        return result;
    }

    private void runCases(UnitResult result, Unit u, Backend backend, HarnessKernels kernels, int total)
            throws BackendException {
        ResolvedPlan plan;
        try {
            plan = candidate.resolve(u.cases.get(0).n());
        } catch (PlanException e) {
            result.failure = new BatteryFailure(u.cases.get(0), FailureKind.PLAN, e.getMessage(), null, null);
            return;
        }
        try (PlanRunner runner = PlanRunner.open(backend, candidate.image(), candidate.signature(), plan);
             Verifier verifier = Verifier.open(backend, kernels, runner, new OracleExpectedOutput())) {
            InputSpec previous = null;
            for (int k = 0; k < u.cases.size(); k++) {
                BatteryCase c = u.cases.get(k);
                InputSpec input = c.splice() == null ? InputSpec.of(u.seeds.get(k), c.pattern())
                        : previous.withTail(c.splice().from(), c.splice().seed(), c.splice().pattern());
                previous = input;
                String name = "case " + (u.first + k + 1) + " of " + total + " (" + c + ")";
                try {
                    verifier.prepare(input);
                    ExecutionCounters before = counters(backend);
                    try {
                        watch.watch(name, verifier::runCandidate);
                    } finally {
                        // A faulting launch still counts: the report shows how far the candidate got.
                        result.counters = result.counters.plus(counters(backend).minus(before));
                    }
                    verifier.check();
                    result.passed.add(c);
                } catch (VerificationException e) {
                    result.failure = verification(c, e);
                    return;
                } catch (DeviceFaultException e) {
                    result.failure = fault(c, e);
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

    /**
     * Consecutive cases of one dispatch and size.
     *
     * @param index their place among the battery's units
     * @param first the first case's index in the matrix
     * @param seeds each case's input seed (unused for a tail splice)
     */
    private record Unit(int index, int first, Dispatch dispatch, List<BatteryCase> cases, List<Long> seeds) { }

    /** What one unit found. */
    private static final class UnitResult {
        final List<BatteryCase> passed = new ArrayList<>();
        final Set<String> warnings = new LinkedHashSet<>();
        ExecutionCounters counters = ExecutionCounters.ZERO;
        BatteryFailure failure;
    }
}
