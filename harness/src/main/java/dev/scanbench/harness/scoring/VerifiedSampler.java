package dev.scanbench.harness.scoring;

import dev.scanbench.baseline.input.InputPattern;
import dev.scanbench.harness.backend.Backend;
import dev.scanbench.harness.backend.BackendException;
import dev.scanbench.harness.backend.PlanRunner;
import dev.scanbench.harness.measure.L2Flush;
import dev.scanbench.harness.measure.MeasurementException;
import dev.scanbench.harness.measure.Mode;
import dev.scanbench.harness.measure.Sample;
import dev.scanbench.harness.measure.Sampler;
import dev.scanbench.harness.measure.Ticker;
import dev.scanbench.harness.measure.TimedRegion;
import dev.scanbench.harness.measure.VerificationFailedException;
import dev.scanbench.harness.verify.VerificationException;
import dev.scanbench.harness.verify.Verifier;
import dev.scanbench.harness.worker.WorkerChannel;
import java.util.Optional;

/**
 * The default protocol's iteration over a {@link Verifier}: a fresh secret-seeded input and a canary-filled
 * output, the L2 flushed in cold mode; the plan alone in the timed region (inside a watchdog call); then the
 * input checksum and the exact comparison with an expected output computed only after the run.
 */
public final class VerifiedSampler implements Sampler {
    private final Backend backend;
    private final Verifier verifier;
    private final PlanRunner runner;
    private final L2Flush flush;
    private final IterationSeeds seeds;
    private final WorkerChannel channel;
    private final Ticker ticker;
    private VerificationException lastFailure;
    private int calls;

    /**
     * @param flush the L2 flush for cold mode; null when only hot samples are taken
     */
    public VerifiedSampler(Backend backend, Verifier verifier, PlanRunner runner, L2Flush flush, IterationSeeds seeds,
                           WorkerChannel channel, Ticker ticker) {
        this.backend = backend;
        this.verifier = verifier;
        this.runner = runner;
        this.flush = flush;
        this.seeds = seeds;
        this.channel = channel;
        this.ticker = ticker;
    }

    @Override
    public void prepare(Mode mode) throws BackendException, MeasurementException {
        verifier.prepare(seeds.next(), InputPattern.RANDOM);
        if (mode == Mode.COLD) {
            if (flush == null) {
                throw new MeasurementException("cold mode needs an L2 flush buffer, and this sampler has none");
            }
            flush.flush();
        }
        backend.synchronize();
    }

    @Override
    public Sample measureOnce() throws BackendException {
        calls++;
        // The Verifier's own runCandidate synchronises; the timed region needs the bare enqueue.
        return Calls.call(channel, "timed call " + calls,
                () -> TimedRegion.measure(backend, () -> runner.run(verifier.x(), verifier.y()), ticker));
    }

    @Override
    public void verifyLast() throws BackendException, MeasurementException {
        try {
            verifier.check();
        } catch (VerificationException e) {
            lastFailure = e;
            throw new VerificationFailedException(e.getMessage());
        }
    }

    /** The verification failure that stopped the measurement, with its details, if one did. */
    public Optional<VerificationException> lastFailure() {
        return Optional.ofNullable(lastFailure);
    }

    /** Timed calls made so far, warm-up included. */
    public int calls() {
        return calls;
    }
}
