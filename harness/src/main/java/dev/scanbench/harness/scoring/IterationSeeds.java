package dev.scanbench.harness.scoring;

import dev.scanbench.baseline.input.InputGenerator;

/**
 * The input seeds of a scoring run's iterations, one per call, derived from the secret seed the way
 * {@code SecretSeed} derives them ({@code hash64(secret, i)}), so a revealed seed replays every input.
 */
public final class IterationSeeds {
    private final long secret;
    private long next;

    /** @param secret the run's secret seed */
    public IterationSeeds(long secret) {
        this(secret, 0);
    }

    /**
     * @param secret the run's secret seed
     * @param first  the index of the first seed drawn: the correctness gate's inputs take the ones before it
     */
    public IterationSeeds(long secret, long first) {
        this.secret = secret;
        this.next = first;
    }

    /** The seed of the next iteration. */
    public long next() {
        return InputGenerator.hash64(secret, next++);
    }

    /** How many seeds were drawn. */
    public long drawn() {
        return next;
    }
}
