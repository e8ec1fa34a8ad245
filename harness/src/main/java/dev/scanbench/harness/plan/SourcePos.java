package dev.scanbench.harness.plan;

/**
 * A position in a kernel file, used by every plan error message.
 *
 * @param file   the file as the user named it
 * @param line   1-based line number, or 0 when the position is the whole file
 * @param column 1-based column, or 0 when only the line is known
 */
public record SourcePos(String file, int line, int column) {

    /** A position naming the whole file (no line). */
    public static SourcePos ofFile(String file) {
        return new SourcePos(file, 0, 0);
    }

    /** Renders {@code file:line:column}, dropping the parts that are unknown. */
    @Override
    public String toString() {
        if (line <= 0) {
            return file;
        }
        return column <= 0 ? file + ":" + line : file + ":" + line + ":" + column;
    }
}
