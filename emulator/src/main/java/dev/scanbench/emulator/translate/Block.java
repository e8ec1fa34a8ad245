package dev.scanbench.emulator.translate;

/**
 * A translated straight-line block: {@link #alu} integer instructions from {@link #pc}, then optionally a branch
 * at {@link #branchPc} that the code resolves when all lanes agree. Its registers and predicates in and out are
 * what initcheck looks at: a block whose inputs are all defined writes only defined values.
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
    /** Value registers (lane bases) the block reads before it writes them. */
    public final int[] registersIn;
    /** Predicates the block reads before it writes them, the ending branch's guard included. */
    public final int[] predicatesIn;
    /** Value registers (lane bases) the block writes. */
    public final int[] registersOut;
    /** Predicates the block writes. */
    public final int[] predicatesOut;
    /**
     * The guards of its guarded instructions, one per instruction, {@code ~pred} for a negated one: their active
     * lanes are counted from the predicates' values after the block (nothing in it rewrites a guard it used).
     */
    public final int[] guards;
    /** Instructions before the branch that are not guarded: each runs all active lanes. */
    public final int unguarded;

    Block(int pc, int alu, int branchPc, BlockCode code, int[] registersIn, int[] predicatesIn, int[] registersOut,
            int[] predicatesOut, int[] guards) {
        this.pc = pc;
        this.alu = alu;
        this.branchPc = branchPc;
        this.length = alu + (branchPc >= 0 ? 1 : 0);
        this.code = code;
        this.registersIn = registersIn;
        this.predicatesIn = predicatesIn;
        this.registersOut = registersOut;
        this.predicatesOut = predicatesOut;
        this.guards = guards;
        this.unguarded = alu - (guards == null ? 0 : guards.length);
    }

    /** Threads the block's instructions before the branch ran in the lanes {@code mask}, from the predicates after. */
    public long threads(int[] p, int mask) {
        long t = (long) Integer.bitCount(mask) * unguarded;
        for (int g : guards) {
            t += Integer.bitCount((g >= 0 ? p[g] : ~p[~g]) & mask);
        }
        return t;
    }
}
