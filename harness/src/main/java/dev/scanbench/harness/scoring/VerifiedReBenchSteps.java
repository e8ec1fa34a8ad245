package dev.scanbench.harness.scoring;

import dev.scanbench.baseline.input.InputPattern;
import dev.scanbench.harness.backend.Backend;
import dev.scanbench.harness.backend.BackendException;
import dev.scanbench.harness.measure.MeasurementException;
import dev.scanbench.harness.measure.ReBenchSteps;
import dev.scanbench.harness.measure.VerificationFailedException;
import dev.scanbench.harness.verify.VerificationException;
import dev.scanbench.harness.worker.WorkerChannel;
import java.util.Optional;

/**
 * RE-Bench's scorer steps over {@link PlanFixture}s: the correctness call on a fixture at n = 1024, the other
 * calls on the scored one. Each candidate call is a watchdog call opened when its input is ready and closed at
 * the next step that needs the device idle, so the one timed call contains no protocol output of ours.
 */
public final class VerifiedReBenchSteps implements ReBenchSteps {
    /** Opens the correctness call's fixture at n = 1024, when the protocol asks for it. */
    @FunctionalInterface
    public interface SmallFixture {
        /** @return a fixture at the correctness call's size */
        PlanFixture open() throws BackendException, MeasurementException;
    }

    private final Backend backend;
    private final PlanFixture scored;
    private final SmallFixture small;
    private final IterationSeeds seeds;
    private final WorkerChannel channel;
    private VerificationException lastFailure;
    private String openCall;
    private int calls;

    public VerifiedReBenchSteps(Backend backend, PlanFixture scored, SmallFixture small, IterationSeeds seeds,
                                WorkerChannel channel) {
        this.backend = backend;
        this.scored = scored;
        this.small = small;
        this.seeds = seeds;
        this.channel = channel;
    }

    @Override
    public void correctnessCall() throws BackendException, MeasurementException {
        try (PlanFixture f = small.open()) {
            f.verifier().prepare(seeds.next(), InputPattern.RANDOM);
            Calls.call(channel, "re-bench correctness call", () -> {
                f.verifier().runCandidate();
                return null;
            });
            check(f);
        }
    }

    @Override
    public void freshInput() throws BackendException {
        // The previous call's launches finish here, inside their watchdog call.
        backend.synchronize();
        closeCall();
        scored.verifier().prepare(seeds.next(), InputPattern.RANDOM);
        openCall = "re-bench call " + ++calls;
        channel.callStart(openCall);
    }

    @Override
    public void launch() throws BackendException {
        scored.runner().run(scored.verifier().x(), scored.verifier().y());
    }

    @Override
    public void synchronize() throws BackendException {
        backend.synchronize();
    }

    @Override
    public void verifyLast() throws BackendException, MeasurementException {
        backend.synchronize();
        closeCall();
        check(scored);
    }

    /** The verification failure that stopped the protocol, with its details, if one did. */
    public Optional<VerificationException> lastFailure() {
        return Optional.ofNullable(lastFailure);
    }

    private void check(PlanFixture f) throws BackendException, VerificationFailedException {
        try {
            f.verifier().check();
        } catch (VerificationException e) {
            lastFailure = e;
            throw new VerificationFailedException(e.getMessage());
        }
    }

    private void closeCall() {
        if (openCall != null) {
            channel.callEnd(openCall);
            openCall = null;
        }
    }
}
