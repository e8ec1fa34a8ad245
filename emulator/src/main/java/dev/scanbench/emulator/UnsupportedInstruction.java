package dev.scanbench.emulator;

/**
 * One instruction (or declaration) of a module the emulator cannot run, as {@link Emulator#unsupported} lists
 * them.
 *
 * @param entry   the entry it is in, or null for module scope
 * @param ptxLine the 1-based PTX line
 * @param source  the CUDA source location from the last {@code .loc} before it ({@code file.cu:line}), or null
 * @param text    the PTX text, stripped
 * @param why     what is not supported, e.g. {@code opcode vabsdiff4}
 */
public record UnsupportedInstruction(String entry, int ptxLine, String source, String text, String why) {

    /** One line for a report: {@code PTX line 41 (k.cu:7): opcode vabsdiff4: `vabsdiff4.u32.u32.u32.add ...`}. */
    @Override
    public String toString() {
        return "PTX line " + ptxLine + (source == null ? "" : " (" + source + ")") + (entry == null ? "" : " in "
                + entry) + ": " + why + ": `" + text + "`";
    }
}
