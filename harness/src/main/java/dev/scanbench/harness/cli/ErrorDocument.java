package dev.scanbench.harness.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * The one JSON document a command prints under {@code --json} when it fails before it has a result of its own:
 * {@code {"ok": false, "command": "verify", "exit_code": 2, "error": {"kind": "usage", "message": "..."}}}. Kinds:
 * {@code usage}, {@code io}, {@code environment}, {@code unsupported}, {@code out-of-memory}, {@code check},
 * {@code internal}.
 */
public final class ErrorDocument {
    private ErrorDocument() {
    }

    /** The kind of an error known only by its exit code. */
    static String kindOf(int exitCode) {
        return switch (exitCode) {
            case ExitCode.CHECK_FAILED -> "check";
            case ExitCode.USAGE -> "usage";
            case ExitCode.ENVIRONMENT -> "environment";
            case ExitCode.IO -> "io";
            default -> "internal";
        };
    }

    /** The document for a failure of the command {@code command} (e.g. {@code log verify}). */
    public static ObjectNode of(String command, int exitCode, String kind, String message, ObjectNode details) {
        ObjectNode doc = Json.object();
        doc.put("ok", false);
        doc.put("command", command);
        doc.put("exit_code", exitCode);
        ObjectNode error = doc.putObject("error");
        error.put("kind", kind);
        error.put("message", message);
        if (details != null) {
            details.fields().forEachRemaining(e -> error.set(e.getKey(), e.getValue()));
        }
        return doc;
    }

    /** The document of an internal error, with its stack trace. */
    static ObjectNode internal(String command, Throwable t) {
        StringWriter trace = new StringWriter();
        t.printStackTrace(new PrintWriter(trace));
        ObjectNode details = Json.object().put("trace", trace.toString());
        return of(command, ExitCode.INTERNAL, "internal", "internal error in workbench (please report it): " + t,
                details);
    }

    /** The command's name without the {@code workbench} prefix: {@code score}, {@code log verify}. */
    static String name(CommandLine commandLine) {
        String qualified = commandLine.getCommandSpec().qualifiedName(" ");
        String root = commandLine.getCommandSpec().root().name();
        return qualified.equals(root) ? root : qualified.substring(root.length()).strip();
    }
}
