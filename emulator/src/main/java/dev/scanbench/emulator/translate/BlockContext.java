package dev.scanbench.emulator.translate;

/**
 * What a translated block reports and calls back into the interpreter for: the instructions it ran, and (for a
 * trace, {@link BlockCompiler#compile} with memory) its loads, stores and shuffles, which run through the
 * interpreter's own memory and warp-collective units. One per interpreter, so a block's counts are read right after
 * it returns.
 */
public abstract class BlockContext {
    /** Warp-instructions the last block ran (one per instruction, the interpreter's count). */
    public int insns;
    /** Thread-instructions the last block ran (one per active lane of each instruction, as the interpreter counts). */
    public long threads;

    /** {@link #memory}'s flag: the access found its lanes evenly spaced through its address register. */
    public static final int SPACED = 64;

    /**
     * Runs the load or store at {@code pc} in the lanes of {@code mask}, its guard applied here, as the interpreter
     * would; returns the lanes it ran in (0 if the guard holds in none), with {@link #SPACED} added if it found the
     * lanes of its address register evenly spaced, or -1, having done nothing, when the access needs the
     * interpreter's general path (another allocation, a window, a fault to report): the block then stops there and
     * the interpreter runs the instruction. {@code spaced}: an earlier access of this run of the block found the same
     * address register, unchanged since, evenly spaced, so that need not be checked again.
     */
    public abstract int memory(int pc, int mask, boolean spaced);

    /**
     * Runs the shfl at {@code pc} in the lanes of {@code mask}, its guard applied here, as the interpreter would once
     * every lane of its member mask is there; returns the lanes it ran in, or -1, having done nothing, when some are
     * not (the interpreter then waits for them). {@code uniform}: its lane and clamp operands hold one value in every
     * active lane (the block set each with an unguarded mov of an immediate on this path), so that is not checked.
     */
    public abstract int shuffle(int pc, int mask, boolean uniform);
}
