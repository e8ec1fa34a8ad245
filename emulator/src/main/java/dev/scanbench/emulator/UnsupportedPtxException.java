package dev.scanbench.emulator;

/**
 * The PTX is valid but uses an opcode, qualifier or directive the emulator does not implement. Raised at load
 * time so that nothing unsupported can run and produce a silently wrong result.
 */
public final class UnsupportedPtxException extends EmulatorException {
    private static final long serialVersionUID = 1L;

    private final int line;
    private final String text;
    private final String why;

    /** @param line 1-based PTX line; @param text the offending PTX text; @param why what is not supported */
    public UnsupportedPtxException(int line, String text, String why) {
        super("PTX line " + line + ": unsupported: " + why + ": `" + text.strip() + "`");
        this.line = line;
        this.text = text.strip();
        this.why = why;
    }

    /** The 1-based PTX line. */
    public int line() {
        return line;
    }

    /** The offending PTX text, stripped. */
    public String text() {
        return text;
    }

    /** What is not supported, e.g. {@code opcode vabsdiff4}. */
    public String why() {
        return why;
    }
}
