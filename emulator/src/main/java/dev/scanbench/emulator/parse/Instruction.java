package dev.scanbench.emulator.parse;

import java.util.List;

/**
 * One parsed PTX instruction.
 *
 * @param line      1-based PTX line
 * @param text      the PTX source line, for messages
 * @param guard     guard predicate register (unique name) or null
 * @param guardNeg  true for {@code @!%p}
 * @param opcode    the base opcode ({@code ld}, {@code shfl}, {@code cp})
 * @param mods      the qualifiers after the opcode, in written order ({@code global, nc, v4, u32})
 * @param operands  operands, registers renamed to their unique names
 * @param source    the CUDA source location from the last {@code .loc} ({@code fileIndex:line}), or null
 * @param callSites where the function holding it was inlined, innermost first ({@code fileIndex:line} each, from
 *                  {@code .loc ... inlined_at}); empty when it was not inlined
 */
public record Instruction(int line, String text, String guard, boolean guardNeg, String opcode,
        List<String> mods, List<Operand> operands, String source, List<String> callSites) {

    /** An instruction of a function that was not inlined. */
    public Instruction(int line, String text, String guard, boolean guardNeg, String opcode, List<String> mods,
            List<Operand> operands, String source) {
        this(line, text, guard, guardNeg, opcode, mods, operands, source, List.of());
    }

    /** True if the qualifier appears among {@link #mods}. */
    public boolean has(String mod) {
        return mods.contains(mod);
    }
}
