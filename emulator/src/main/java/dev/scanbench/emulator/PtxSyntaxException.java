package dev.scanbench.emulator;

/** The PTX text is malformed: the message names the line and what was expected. */
public final class PtxSyntaxException extends EmulatorException {
    private static final long serialVersionUID = 1L;

    /** @param line 1-based PTX line; @param message what was expected there */
    public PtxSyntaxException(int line, String message) {
        super("PTX line " + line + ": " + message);
    }
}
