package dev.scanbench.emulator.translate;

import dev.scanbench.emulator.decode.Insn;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The translated blocks of one program, by start pc, shared by every launch of it (and the threads running them):
 * a pc is translated once a full warp has arrived there {@link #HOT} times, so code that runs rarely is never
 * compiled, and a pc where nothing translates is remembered as such.
 */
public final class Blocks {
    /**
     * Arrivals before a pc is translated: each block costs a class and the JIT's warm-up. The emulator's own tests
     * set {@code dev.scanbench.emulator.translateAfter=1} so that every block they reach is translated at once.
     */
    static final int HOT = Math.max(1, Integer.getInteger("dev.scanbench.emulator.translateAfter", 32));
    private static final Block NOTHING = new Block(-1, 1, null, null, null, null, null);
    /**
     * By program (the instruction array, compared by identity), plain blocks and traces apart; weak, so an unloaded
     * module's blocks go too.
     */
    private static final Map<Insn[], Blocks> PLAIN = Collections.synchronizedMap(new WeakHashMap<>());
    private static final Map<Insn[], Blocks> TRACES = Collections.synchronizedMap(new WeakHashMap<>());

    /*
     * Plain arrays, written without locks: a Block has only final fields, so a thread that sees one sees it whole,
     * and a lost count or a block compiled twice by two threads changes only when translation happens, never what
     * a launch computes (a block's results and counts are the interpreter's).
     */
    private final Block[] blocks;
    private final int[] heat;
    private final boolean[] targets;
    private final boolean memory;

    private Blocks(Insn[] code, boolean memory) {
        blocks = new Block[code.length];
        heat = new int[code.length];
        targets = BlockCompiler.targets(code);
        this.memory = memory;
    }

    /**
     * The blocks of the program whose instructions are {@code code}: traces, which run loads and stores too, if
     * {@code memory} (for launches without initcheck or the adversary, see {@link BlockCompiler#compile}), else
     * plain integer blocks.
     */
    public static Blocks of(Insn[] code, boolean memory) {
        return (memory ? TRACES : PLAIN).computeIfAbsent(code, c -> new Blocks(c, memory));
    }

    /** The block at {@code pc}, or null (not translated yet, or nothing there translates). */
    public Block at(Insn[] code, int pc) {
        Block b = blocks[pc];
        if (b != null) {
            return b == NOTHING ? null : b;
        }
        if (++heat[pc] < HOT) {
            return null;
        }
        b = BlockCompiler.compile(code, targets, pc, memory);
        blocks[pc] = b != null ? b : NOTHING;
        return b;
    }
}
