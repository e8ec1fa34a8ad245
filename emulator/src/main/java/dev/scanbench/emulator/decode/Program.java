package dev.scanbench.emulator.decode;

import java.util.List;

/**
 * A decoded kernel entry: the instruction array plus everything a launch needs to lay out memory.
 *
 * @param name            entry name
 * @param code            instructions; pc indexes this array
 * @param valueRegs       number of value registers (each holds 32 lanes of a long)
 * @param predRegs        number of predicate registers (each a 32-bit lane mask)
 * @param regNames        names of value registers, for diagnostics
 * @param specials        value registers pre-filled with special registers: (register, kind, envreg index)
 * @param params          parameter layout in declaration order
 * @param paramBytes      size of the parameter buffer
 * @param staticShared    bytes of static shared memory (dynamic shared memory starts after it)
 * @param dynamicAlign    alignment of the dynamic shared array
 * @param localBytes      bytes of local memory per thread
 * @param initRegs        value registers to be marked defined at start (specials)
 * @param readFirst       value registers whose value at the start may be seen: read on some path from the entry
 *                        before it is written, or read across lanes (a shfl's source); a reused register file
 *                        clears only these ({@code null}: all)
 * @param packed          the same program with registers packed into few slots (for runs without
 *                        initcheck), or null if this is that packed form
 */
public record Program(String name, Insn[] code, int valueRegs, int predRegs, String[] regNames,
        List<SpecialSlot> specials, List<Param> params, int paramBytes, int staticShared, int dynamicAlign,
        int localBytes, int[] initRegs, int[] readFirst, Program packed) {

    /** A value register holding a special register: {@code envreg} is the N of %envregN. */
    public record SpecialSlot(int reg, Special kind, int envreg) { }

    /** One parameter: name, offset in the buffer, byte size, alignment, declared type. */
    public record Param(String name, int offset, int size, int align, String type) { }
}
