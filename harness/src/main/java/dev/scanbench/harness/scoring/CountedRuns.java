package dev.scanbench.harness.scoring;

import dev.scanbench.baseline.input.InputPattern;
import dev.scanbench.emulator.LaunchOptions;
import dev.scanbench.harness.backend.BackendException;
import dev.scanbench.harness.backend.emulator.EmulatorBackend;
import dev.scanbench.harness.backend.emulator.ExecutionCounters;
import dev.scanbench.harness.device.HarnessKernels;
import dev.scanbench.harness.plan.ResolvedPlan;
import dev.scanbench.harness.ptx.PtxFormatException;
import dev.scanbench.harness.verify.VerificationException;
import dev.scanbench.harness.worker.JobFailure;
import dev.scanbench.harness.worker.WorkerChannel;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * The verified runs of an emulator score (fresh secret inputs, every diagnostic on, counted), on a thread of their own
 * while the correctness gate runs: the gate's last units leave a core idle and the runs on one core after it left the
 * other idle, and their work is the same whether or not it waits. Their outcome counts only once the gate has passed;
 * a gate failure {@link #close closes} them (interrupting the launch under way). Their progress lines wait, in order,
 * until {@link #await}, so a reader sees the gate's lines first and the runs' after, as before.
 */
final class CountedRuns implements AutoCloseable {
    /** What the runs counted: the candidate's work summed over the runs, the device and its warnings. */
    record Counted(ExecutionCounters total, String device, List<String> warnings) { }

    /** Marks the end of the progress lines (compared by identity). */
    private static final String END = new String("end of the verified runs");

    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final FutureTask<Counted> task;
    private final Thread thread;

    private CountedRuns(Body body) {
        this.task = new FutureTask<>(() -> {
            try {
                return body.run(lines::add);
            } finally {
                lines.add(END);
            }
        });
        this.thread = new Thread(task, "verified-runs");
        thread.setDaemon(true);
    }

    @FunctionalInterface
    private interface Body {
        Counted run(Consumer<String> progress) throws JobFailure, PtxFormatException;
    }

    /**
     * Starts the runs on a fresh emulated device of their own.
     *
     * @param request the score's request (candidate, harness kernels, iterations, n)
     * @param channel the worker's channel: each run is a watchdog call
     * @param plan    the candidate's plan at the scored n
     * @param options the runs' launch options (the scoring dispatch, the verdict's checks, the critical path)
     * @param seeds   the runs' input seeds, drawn after the gate's
     */
    static CountedRuns start(ScoreRequest request, WorkerChannel channel, ResolvedPlan plan, LaunchOptions options,
                             IterationSeeds seeds) {
        CountedRuns runs = new CountedRuns(progress -> run(request, channel, plan, options, seeds, progress));
        runs.thread.start();
        return runs;
    }

    private static Counted run(ScoreRequest request, WorkerChannel channel, ResolvedPlan plan, LaunchOptions options,
                               IterationSeeds seeds, Consumer<String> progress)
            throws JobFailure, PtxFormatException {
        String where = "setting up";
        try (EmulatorBackend backend = new EmulatorBackend(options);
             HarnessKernels kernels = HarnessKernels.load(backend, request.harness().artifact());
             PlanFixture fixture = PlanFixture.open(backend, kernels, request.candidate().image(),
                     request.candidate().signature(), plan)) {
            ExecutionCounters total = ExecutionCounters.ZERO;
            for (int i = 1; i <= request.iterations(); i++) {
                where = "verified run " + i + " of " + request.iterations();
                progress.accept(where + " on the emulator, n = " + request.n());
                fixture.verifier().prepare(seeds.next(), InputPattern.RANDOM);
                // Counted from zero: a run's deepest look-back is its own (a maximum has no difference).
                backend.resetCounters();
                Calls.call(channel, where, () -> {
                    fixture.verifier().runCandidate();
                    return null;
                });
                total = total.plus(backend.counters());
                fixture.verifier().check();
            }
            return new Counted(total, backend.deviceDescription(),
                    backend.warnings().stream().map(Object::toString).distinct().toList());
        } catch (VerificationException e) {
            throw Failures.of(e, where);
        } catch (BackendException e) {
            throw Failures.of(e, where);
        }
    }

    /**
     * Passes on the runs' progress lines as they come, then their counts.
     *
     * @throws JobFailure         the first run that failed, named
     * @throws PtxFormatException the candidate's PTX has no entry the plan names
     */
    Counted await(WorkerChannel channel) throws JobFailure, PtxFormatException {
        try {
            for (String line = lines.take(); line != END; line = lines.take()) {
                channel.progress(line);
            }
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the verified runs", e);
        } catch (ExecutionException e) {
            Throwable cause = Optional.ofNullable(e.getCause()).orElse(e);
            if (cause instanceof JobFailure f) {
                throw f;
            }
            if (cause instanceof PtxFormatException f) {
                throw f;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err; // OutOfMemoryError keeps its meaning
            }
            throw new IllegalStateException(cause);
        }
    }

    /** Stops runs still going (the gate failed, or the score gave up) and waits until their thread has ended. */
    @Override
    public void close() {
        if (thread.isAlive()) {
            thread.interrupt();
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
