package dev.scanbench.emulator;

/**
 * One finding of a launch.
 *
 * @param check     which diagnostic found it
 * @param error     true for an error, false for a warning (lint)
 * @param kernel    entry name
 * @param block     CTA coordinates, or null when not tied to one thread
 * @param thread    thread coordinates in the CTA, or null
 * @param ptxLine   PTX line of the instruction, or 0
 * @param source    CUDA {@code file:line} from {@code .loc}, or null
 * @param message   what happened, with addresses and values
 * @param inlinedAt when {@code source} is inside an inlined function: its call sites, innermost first
 *                  ({@code scan.cu:58, scan.cu:112}), else null
 */
public record Diagnostic(Check check, boolean error, String kernel, Coord block, Coord thread, int ptxLine,
        String source, String message, String inlinedAt) {

    /** A finding at a location that is not inside an inlined function. */
    public Diagnostic(Check check, boolean error, String kernel, Coord block, Coord thread, int ptxLine,
            String source, String message) {
        this(check, error, kernel, block, thread, ptxLine, source, message, null);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(error ? "ERROR " : "WARNING ").append(check).append(" in ").append(kernel);
        if (block != null) {
            sb.append(" block ").append(block);
        }
        if (thread != null) {
            sb.append(" thread ").append(thread);
        }
        if (ptxLine > 0) {
            sb.append(" at PTX line ").append(ptxLine);
        }
        if (source != null) {
            sb.append(" (").append(source);
            if (inlinedAt != null) {
                sb.append(", inlined at ").append(inlinedAt);
            }
            sb.append(")");
        }
        return sb.append(": ").append(message).toString();
    }
}
