package dev.scanbench.harness.cli;

import java.io.PrintWriter;

/**
 * Progress lines for a person watching: printed to stderr only when a terminal is attached, so agents and pipes
 * (which read stdout, often as JSON) see nothing extra.
 */
final class Progress {
    private final PrintWriter err;
    private final boolean enabled;

    private Progress(PrintWriter err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    static Progress to(PrintWriter err) {
        return new Progress(err, System.console() != null);
    }

    void say(String format, Object... args) {
        if (enabled) {
            err.printf(format + "%n", args);
            err.flush();
        }
    }
}
