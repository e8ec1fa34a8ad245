package dev.scanbench.tritonbridge;

import java.time.Duration;

/** The bridge process ran past its time limit and was killed with its descendants. */
public class TritonTimeoutException extends TritonException {
    private static final long serialVersionUID = 1L;

    /**
     * @param file    the candidate
     * @param timeout the limit it ran past
     */
    public TritonTimeoutException(String file, Duration timeout) {
        super(file + ": Triton compilation did not finish within " + timeout.toSeconds() + " s and was killed");
    }
}
