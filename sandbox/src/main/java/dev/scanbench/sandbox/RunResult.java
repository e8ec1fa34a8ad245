package dev.scanbench.sandbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A process run to its end (or killed at its limit). Output is kept as bytes: a contained process may print
 * anything, and the text views decode it leniently (malformed UTF-8 becomes U+FFFD), so stray bytes can never
 * turn a result into an I/O error.
 *
 * @param exitCode        the exit status (128 + n for a signal), meaningless when timed out or interrupted
 * @param stdout          the first {@link Limits#maxOutputBytes} of stdout
 * @param stderr          the first {@link Limits#maxOutputBytes} of stderr
 * @param stdoutTruncated whether stdout was longer
 * @param stderrTruncated whether stderr was longer
 * @param timedOut        whether it ran past its wall time and was killed
 * @param interrupted     whether the caller was interrupted while waiting (the process was killed; the
 *                        caller's interrupt flag is set again)
 * @param elapsed         wall time from start to exit or kill
 * @param contained       whether it ran in the sandbox
 */
public record RunResult(int exitCode, byte[] stdout, byte[] stderr, boolean stdoutTruncated, boolean stderrTruncated,
                        boolean timedOut, boolean interrupted, Duration elapsed, boolean contained) {

    public RunResult {
        stdout = stdout.clone();
        stderr = stderr.clone();
    }

    /** A copy of the stdout bytes. */
    @Override
    public byte[] stdout() {
        return stdout.clone();
    }

    /** A copy of the stderr bytes. */
    @Override
    public byte[] stderr() {
        return stderr.clone();
    }

    /** @return true when it exited with status 0 */
    public boolean ok() {
        return finished() && exitCode == 0;
    }

    /** @return true when it exited by itself (not killed at a limit or on an interrupt) */
    public boolean finished() {
        return !timedOut && !interrupted;
    }

    /** stdout decoded as UTF-8, malformed bytes replaced. */
    public String stdoutText() {
        return new String(stdout, StandardCharsets.UTF_8) + (stdoutTruncated ? "\n[... stdout truncated]" : "");
    }

    /** stderr decoded as UTF-8, malformed bytes replaced. */
    public String stderrText() {
        return new String(stderr, StandardCharsets.UTF_8) + (stderrTruncated ? "\n[... stderr truncated]" : "");
    }

    /** stdout then stderr, stripped: for messages. */
    public String output() {
        return (stdoutText() + stderrText()).strip();
    }

    /** @return true when stdout or stderr holds bytes that are not UTF-8 */
    public boolean hasMalformedOutput() {
        return !Utf8.isValid(stdout) || !Utf8.isValid(stderr);
    }
}
