package dev.scanbench.tritonbridge;

/** The candidate file is not valid Python or fails while being imported; the message names file:line. */
public class TritonSourceException extends TritonException {
    private static final long serialVersionUID = 1L;

    private final int line;

    /**
     * @param message the Python error, starting with {@code file:line}
     * @param line    the 1-based line in the candidate, 0 when unknown
     */
    public TritonSourceException(String message, int line) {
        super(message);
        this.line = line;
    }

    /** The 1-based line in the candidate, 0 when unknown. */
    public int line() {
        return line;
    }
}
