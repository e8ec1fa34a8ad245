package dev.scanbench.harness.cli;

import java.io.PrintWriter;

/**
 * Progress lines for a person watching: printed to stderr only when a terminal is attached, so agents and pipes
 * (which read stdout, often as JSON) see nothing extra, unless {@link #ALWAYS} is set.
 */
final class Progress {
    /**
     * System property that turns progress lines on without a terminal: {@code workbench mcp} sets it and forwards
     * each line as an MCP progress notification.
     */
    static final String ALWAYS = "workbench.progress";

    private final PrintWriter err;
    private final boolean enabled;

    private Progress(PrintWriter err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    static Progress to(PrintWriter err) {
        return new Progress(err, System.console() != null || Boolean.getBoolean(ALWAYS));
    }

    void say(String format, Object... args) {
        if (enabled) {
            err.printf(format + "%n", args);
            err.flush();
        }
    }
}
