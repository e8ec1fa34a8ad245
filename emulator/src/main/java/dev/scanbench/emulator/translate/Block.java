package dev.scanbench.emulator.translate;

/**
 * A translated straight-line block: {@link #alu} integer instructions from {@link #pc}, then optionally a branch
 * at {@link #branchPc} that the code resolves when all lanes agree.
 */
public final class Block {
    /** First instruction. */
    public final int pc;
    /** Integer instructions before the branch (or all of them). */
    public final int alu;
    /** The ending branch's pc, or -1 when the block ends before an instruction it does not translate. */
    public final int branchPc;
    /** Instructions the block can run: {@link #alu}, plus one for the branch. */
    public final int length;
    /** The generated code. */
    public final BlockCode code;

    Block(int pc, int alu, int branchPc, BlockCode code) {
        this.pc = pc;
        this.alu = alu;
        this.branchPc = branchPc;
        this.length = alu + (branchPc >= 0 ? 1 : 0);
        this.code = code;
    }
}
