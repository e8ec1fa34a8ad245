package dev.scanbench.emulator.translate;

/**
 * A translated block: the instructions from {@link #pc} to {@link #lastPc}, run as one piece of generated code while
 * the warp's path agrees. A plain block is a straight run of integer instructions and optionally the branch that
 * ends it; a trace ({@link BlockCompiler#compile} with memory) also runs loads, stores and branches inside it. Its
 * registers and predicates in and out are what initcheck looks at: a plain block whose inputs are all defined writes
 * only defined values (traces run only with initcheck off).
 */
public final class Block {
    /** First instruction. */
    public final int pc;
    /** The last instruction it may run: no other split of the warp may wait after {@link #pc} up to here. */
    public final int lastPc;
    /** Instructions it runs at most (one pass from {@link #pc} to {@link #lastPc}). */
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

    Block(int pc, int length, BlockCode code, int[] registersIn, int[] predicatesIn, int[] registersOut,
            int[] predicatesOut) {
        this.pc = pc;
        this.length = length;
        this.lastPc = pc + length - 1;
        this.code = code;
        this.registersIn = registersIn;
        this.predicatesIn = predicatesIn;
        this.registersOut = registersOut;
        this.predicatesOut = predicatesOut;
    }
}
