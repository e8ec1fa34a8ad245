package dev.scanbench.emulator.exec;

import dev.scanbench.emulator.decode.Insn;
import dev.scanbench.emulator.translate.BlockContext;

/**
 * The interpreter's side of a translated block: its counts, and a trace's loads, stores and shuffles, which run on the
 * memory unit's fast paths ({@link MemoryUnit#fast}) and the warp-collective unit for the warp running the block,
 * exactly as the interpreter would run them.
 */
final class TraceAccess extends BlockContext {
    private final Machine mc;
    private final Insn[] code;
    /** The warp running the block. */
    Warp w;

    TraceAccess(Machine mc) {
        this.mc = mc;
        this.code = mc.code;
    }

    @Override
    public int memory(int pc, int mask, boolean spaced) {
        Insn in = code[pc];
        int m = Interpreter.guarded(w, in, mask);
        if (m == 0) {
            return 0;
        }
        if (!MemoryUnit.fast(mc, w, in, m, spaced)) {
            return -1;
        }
        return Integer.bitCount(m) | (mc.ranAsRun ? SPACED : 0);
    }

    @Override
    public int shuffle(int pc, int mask, boolean uniform) {
        Insn in = code[pc];
        int m = Interpreter.guarded(w, in, mask);
        if (m == 0) {
            return 0;
        }
        return WarpCollectiveUnit.traceShuffle(mc, w, in, m, uniform) ? Integer.bitCount(m) : -1;
    }
}
