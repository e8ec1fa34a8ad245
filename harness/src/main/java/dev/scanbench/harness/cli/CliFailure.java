package dev.scanbench.harness.cli;

/**
 * A command's failure that the user must see as one message and a specific {@link ExitCode}, not a stack trace.
 * Public so that commands contributed by other modules ({@link WorkbenchExtension}) fail the same way.
 */
public final class CliFailure extends Exception {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    /**
     * @param exitCode one of {@link ExitCode}
     * @param message  one line for stderr, after "error: "
     */
    public CliFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    /** @return the exit code the command ends with */
    public int exitCode() {
        return exitCode;
    }
}
