package dev.scanbench.harness.session;

import dev.scanbench.baseline.task.TaskSpec;
import dev.scanbench.harness.score.ScoreMath;
import dev.scanbench.harness.score.Standing;
import dev.scanbench.harness.scoring.ScoreRequest;
import java.util.OptionalDouble;

/**
 * One scoring run, complete: what was scored, how, how it went, and the seed its inputs came from (revealed
 * now that the run is over).
 *
 * @param candidate      the candidate's facts
 * @param settings       the run's settings
 * @param outcome        how it went
 * @param seedSha256     SHA-256 of the secret seed, fixed before the run
 * @param seed           the seed itself, in hex
 * @param harnessVersion the workbench's version
 */
public record ScoreResult(CandidateFacts candidate, RunSettings settings, RunOutcome outcome, String seedSha256,
                          String seed, String harnessVersion) {

    /** @return true when the run passed */
    public boolean ok() {
        return outcome.status() == ScoreStatus.OK;
    }

    /**
     * @return true for a run that means the task: on a real GPU (not the software driver's model clock), at the
     *         task's n = 10^8. Only such a run gets a score, a normalised score and a standing; any other is a
     *         practice run, logged but never ranked
     */
    public boolean ranked() {
        return ScoreRequest.CUDA.equals(settings.backend()) && settings.n() == TaskSpec.DEFAULT_N && !simulated();
    }

    /** @return true for a practice run: another n, no GPU, or a simulated clock (see {@link #ranked()}) */
    public boolean practice() {
        return !ranked();
    }

    /** @return the time scored (the measurement's median, in ms), present only for a valid timed run */
    public OptionalDouble timeMs() {
        if (!ok() || outcome.measurement() == null) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(outcome.measurement().summary().medianMs());
    }

    /** @return ln(time in ms), RE-Bench's score, for a ranked run with a time */
    public OptionalDouble score() {
        return map(ScoreMath::score);
    }

    /** @return the normalised score y_n, for a ranked run with a time */
    public OptionalDouble normalised() {
        return map(ScoreMath::normalised);
    }

    /** @return true when the time is the software driver's model clock, not a GPU time */
    public boolean simulated() {
        return settings.simulated() || outcome.simulated();
    }

    /**
     * @return the normalised score against this device's own starting solution and reference, timed by the same
     *         protocol, when there is a time and both are known
     */
    public OptionalDouble normalisedOnDevice() {
        OptionalDouble t = timeMs();
        var b = outcome.deviceBaseline();
        if (t.isEmpty() || b == null || !(b.path("start_ms").asDouble() > 0) || !(b.path("reference_ms").asDouble() > 0)
                || b.path("start_ms").asDouble() == b.path("reference_ms").asDouble()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(ScoreMath.normalised(t.getAsDouble(), b.path("start_ms").asDouble(),
                b.path("reference_ms").asDouble()));
    }

    /** @return the time against the best human and agent, for a ranked run with a time */
    public java.util.Optional<Standing> standing() {
        OptionalDouble t = rankedTime();
        return t.isPresent() ? java.util.Optional.of(ScoreMath.standing(t.getAsDouble())) : java.util.Optional.empty();
    }

    /** The published figures are for n = 10^8 on an H100: a time at any other n is not comparable with them. */
    private OptionalDouble rankedTime() {
        return ranked() ? timeMs() : OptionalDouble.empty();
    }

    private OptionalDouble map(java.util.function.DoubleUnaryOperator f) {
        OptionalDouble t = rankedTime();
        return t.isPresent() ? OptionalDouble.of(f.applyAsDouble(t.getAsDouble())) : OptionalDouble.empty();
    }
}
