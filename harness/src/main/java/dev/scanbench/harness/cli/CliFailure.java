package dev.scanbench.harness.cli;

/** A command's failure that the user must see as one message and a specific {@link ExitCode}, not a stack trace. */
final class CliFailure extends Exception {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    CliFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
