package dev.scanbench.harness.measure;

import dev.scanbench.harness.backend.BackendException;

/**
 * The operations RE-Bench's scorer was made of, supplied by the glue; {@link ReBenchProtocol} only orders
 * them. Nothing here synchronises unless it says so: like the torch calls of the original, launches are
 * asynchronous and only {@link #synchronize()} waits.
 */
public interface ReBenchSteps {

    /**
     * The correctness call: a fresh input at n = {@code Defaults.RE_BENCH_CORRECTNESS_N} (1024), one run of
     * the plan, exact comparison with the expected output. Untimed.
     *
     * @throws VerificationFailedException when the output is wrong
     */
    void correctnessCall() throws BackendException, MeasurementException;

    /** Enqueues a fresh random input at the scored n, untimed. */
    void freshInput() throws BackendException, MeasurementException;

    /** Enqueues one run of the candidate's plan on the current input; does not synchronise. */
    void launch() throws BackendException;

    /** Waits until everything enqueued has finished. */
    void synchronize() throws BackendException;

    /**
     * Checks the output of the timed call, after the timing ended. The original scorer did not check it;
     * doing so here cannot change the time, and closes the lazy-output exploit.
     *
     * @throws VerificationFailedException when the output is wrong
     */
    void verifyLast() throws BackendException, MeasurementException;
}
