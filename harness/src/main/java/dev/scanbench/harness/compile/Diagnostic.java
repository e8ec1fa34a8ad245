package dev.scanbench.harness.compile;

/**
 * One compiler message about a candidate, located in the user's file.
 *
 * @param file     the user's file path as given (temporary paths already mapped back)
 * @param line     1-based line, or 0 when the compiler gave none
 * @param severity {@code error}, {@code fatal error}, {@code warning} or {@code remark}
 * @param message  the compiler's text
 */
public record Diagnostic(String file, int line, String severity, String message) {

    /** True for errors (including fatal ones). */
    public boolean isError() {
        return severity.contains("error");
    }

    /** {@code file:line: severity: message}. */
    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + ": " + severity + ": " + message;
    }
}
