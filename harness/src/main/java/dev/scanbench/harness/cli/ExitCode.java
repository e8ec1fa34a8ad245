package dev.scanbench.harness.cli;

/**
 * The workbench's stable exit codes. Agents branch on these, so they never change meaning; README.md lists them.
 */
public final class ExitCode {
    /** Everything asked for was done and every check passed. */
    public static final int OK = 0;
    /** The candidate or a check failed: wrong answer, rejected kernel, a score log that does not verify. */
    public static final int CHECK_FAILED = 1;
    /** The command line was wrong: unknown option, missing argument, bad value. */
    public static final int USAGE = 2;
    /** Something the command needs is missing from this machine: a GPU, nvcc, Python. */
    public static final int ENVIRONMENT = 3;
    /** A file could not be read or written, or its content is malformed (e.g. a bad .npy). */
    public static final int IO = 4;
    /** A bug in the workbench itself; the message asks for a report. */
    public static final int INTERNAL = 70;

    private ExitCode() {
    }
}
