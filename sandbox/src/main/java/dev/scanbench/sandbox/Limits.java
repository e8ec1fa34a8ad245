package dev.scanbench.sandbox;

import java.time.Duration;
import java.util.Objects;

/**
 * What a contained process may consume. The wall time is enforced by the runner (the whole sandbox is killed
 * when it runs out); the others are kernel limits set inside the sandbox.
 *
 * @param wallTime       longest the process may run, from its start to its exit
 * @param maxFileBytes   largest file it may write (RLIMIT_FSIZE)
 * @param tmpBytes       size of its private {@code /tmp}
 * @param maxProcesses   most processes and threads of the sandbox user (RLIMIT_NPROC; as root only)
 * @param maxOutputBytes bytes of each of stdout and stderr kept in a {@link RunResult}
 */
public record Limits(Duration wallTime, long maxFileBytes, long tmpBytes, int maxProcesses, int maxOutputBytes) {

    /** @throws IllegalArgumentException when a limit is not positive */
    public Limits {
        Objects.requireNonNull(wallTime, "wallTime");
        if (wallTime.isNegative() || wallTime.isZero() || maxFileBytes <= 0 || tmpBytes <= 0 || maxProcesses <= 0
                || maxOutputBytes <= 0) {
            throw new IllegalArgumentException("sandbox limits must be positive: " + wallTime + ", " + maxFileBytes
                    + ", " + tmpBytes + ", " + maxProcesses + ", " + maxOutputBytes);
        }
    }

    /** The {@link SandboxDefaults} with the given wall time. */
    public static Limits of(Duration wallTime) {
        return new Limits(wallTime, SandboxDefaults.MAX_FILE_BYTES, SandboxDefaults.TMP_BYTES,
                SandboxDefaults.MAX_PROCESSES, SandboxDefaults.MAX_OUTPUT_BYTES);
    }

    /** These limits with another wall time. */
    public Limits withWallTime(Duration newWallTime) {
        return new Limits(newWallTime, maxFileBytes, tmpBytes, maxProcesses, maxOutputBytes);
    }

    /** These limits with another largest file. */
    public Limits withMaxFileBytes(long bytes) {
        return new Limits(wallTime, bytes, tmpBytes, maxProcesses, maxOutputBytes);
    }

    /** These limits with another output budget. */
    public Limits withMaxOutputBytes(int bytes) {
        return new Limits(wallTime, maxFileBytes, tmpBytes, maxProcesses, bytes);
    }
}
