package dev.scanbench.harness.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A command's failure that the user must see as one message and a specific {@link ExitCode}, not a stack trace.
 * Under {@code --json} it becomes the command's one JSON document: {@code {"ok": false, "command", "exit_code",
 * "error": {"kind", "message", ...details}}}. Public so that commands contributed by other modules
 * ({@link WorkbenchExtension}) fail the same way.
 */
public final class CliFailure extends Exception {
    private static final long serialVersionUID = 1L;
    private final int exitCode;
    private final String kind;
    private final transient ObjectNode details;

    /**
     * @param exitCode one of {@link ExitCode}
     * @param message  one line for stderr, after "error: "
     */
    public CliFailure(int exitCode, String message) {
        this(exitCode, ErrorDocument.kindOf(exitCode), message, null);
    }

    /**
     * @param kind    a stable word for the JSON error, e.g. {@code unsupported}, {@code out-of-memory}
     * @param details more fields of the JSON error (a fault's location, the unsupported instructions), or null
     */
    public CliFailure(int exitCode, String kind, String message, ObjectNode details) {
        super(message);
        this.exitCode = exitCode;
        this.kind = kind;
        this.details = details;
    }

    /** @return the exit code the command ends with */
    public int exitCode() {
        return exitCode;
    }

    String kind() {
        return kind;
    }

    /** The extra fields of the JSON error, or null. */
    ObjectNode details() {
        return details;
    }
}
