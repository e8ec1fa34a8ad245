package dev.scanbench.harness.measure;

import dev.scanbench.harness.backend.BackendException;

/**
 * One iteration of a measured candidate, in three named steps, implemented by the glue that owns the device,
 * the buffers and the verification. A protocol calls them in order, once per iteration, for warm-up and
 * samples alike: {@link #prepare}, {@link #measureOnce}, {@link #verifyLast}.
 */
public interface Sampler {

    /**
     * Sets up the next iteration, outside the timed region: a fresh input from the secret seed, the output
     * filled with the canary, scratch poisoned and, in {@link Mode#COLD}, the L2 flushed (see {@link L2Flush}).
     * Must leave the device idle (synchronised) so that the timed region starts from nothing queued.
     *
     * @throws BackendException when the device fails
     */
    void prepare(Mode mode) throws BackendException, MeasurementException;

    /**
     * The timed region: one run of the candidate's plan, timed by device events around the launches and by
     * the host wall clock around enqueueing them and synchronising (see {@link TimedRegion}).
     *
     * @return the two times; flags are added by the protocol and the alarms
     * @throws BackendException when the device fails, e.g. the kernel faults
     */
    Sample measureOnce() throws BackendException, MeasurementException;

    /**
     * Checks the output of the run just measured, outside the timed region.
     *
     * @throws VerificationFailedException with the first mismatch when the output is wrong or the input was modified
     * @throws BackendException            when the device fails
     */
    void verifyLast() throws BackendException, MeasurementException;
}
