package dev.scanbench.harness.ptx;

/** PTX whose entry declarations cannot be read; the message names the PTX line. */
public class PtxFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int line;

    /**
     * @param line    1-based PTX line of the problem
     * @param problem what is wrong
     */
    public PtxFormatException(int line, String problem) {
        super("PTX line " + line + ": " + problem);
        this.line = line;
    }

    /** The 1-based PTX line of the problem. */
    public int line() {
        return line;
    }
}
