package dev.scanbench.harness.compile;

import java.time.Duration;
import java.util.List;

/** The compiler ran past its time limit and was killed (with its child processes). */
public class CompileTimeoutException extends CompileException {
    private static final long serialVersionUID = 1L;

    /**
     * @param file    the candidate's file
     * @param step    the command that timed out (e.g. {@code nvcc})
     * @param limit   the limit it ran under
     */
    public CompileTimeoutException(String file, String step, Duration limit) {
        super(file + ": " + step + " did not finish within " + String.format(java.util.Locale.ROOT, "%.1f", limit.toMillis() / 1000.0)
                + " s and was killed", "", List.of());
    }
}
