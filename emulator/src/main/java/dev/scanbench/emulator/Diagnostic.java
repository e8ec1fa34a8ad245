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
 */
public record Diagnostic(Check check, boolean error, String kernel, Coord block, Coord thread, int ptxLine,
        String source, String message) {

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
            sb.append(" (").append(source).append(")");
        }
        return sb.append(": ").append(message).toString();
    }
}
