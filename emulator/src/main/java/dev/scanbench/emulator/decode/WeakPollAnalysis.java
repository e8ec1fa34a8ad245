package dev.scanbench.emulator.decode;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Finds flags polled with a weak load, without running anything: a loop that can only end when a value it reads
 * with a plain (not volatile, relaxed or acquire) global or generic load, from an address the loop does not
 * change, becomes different. Only another thread can change that value, and the PTX memory model does not
 * require a weak load ever to observe another thread's write: the compiler may hoist it (then the loop is
 * endless, {@link LoopAnalysis}) or the hardware may serve it from a stale line. nvcc re-issues the load on every
 * iteration only when something in the loop (a fence, an atomic, an asm volatile) stops it from hoisting, so the
 * emulator's one coherent memory sees the flag change and the run-time spin lint fires only when the wait is long
 * enough; this finds it on every schedule.
 *
 * <p>Loops are natural loops of back edges (a branch to a pc at or before it), nested loops separately. Every way
 * out must be decided by a predicate computed, inside the loop, only from such loads and from values the loop does
 * not write: a loop with a counter, a varying address, a strong load, an atomic, a shuffle or a clock read among
 * the inputs of any of its exits is not a poll (it can end by itself or through an ordered read). An instruction
 * that could not be decoded makes its loop unknown, never a poll.
 */
public final class WeakPollAnalysis {
    /**
     * A weak poll.
     *
     * @param load  the pc of the weak load whose value the loop waits on (the line to report)
     * @param first the loop's lowest pc
     * @param last  its highest pc
     */
    public record WeakPoll(int load, int first, int last) { }

    private static final int INVARIANT = 0;
    private static final int WEAK = 1;
    private static final int OTHER = 2;
    private static final int VISITING = 3;
    private static final int UNKNOWN = -1;

    private final Insn[] code;
    private final BitSet body;
    private final BitSet valuesWritten = new BitSet();
    private final BitSet predsWritten = new BitSet();
    private final Map<Integer, int[]> valueState = new TreeMap<>();
    private final Map<Integer, int[]> predState = new TreeMap<>();
    private int weakLoad = -1;

    private WeakPollAnalysis(Insn[] code, BitSet body) {
        this.code = code;
        this.body = body;
    }

    /** The weak polls of a decoded program (entries of {@code code} may be null: not decodable), one per loop. */
    public static List<WeakPoll> find(Insn[] code) {
        List<WeakPoll> out = new ArrayList<>();
        for (BitSet loop : naturalLoops(code).values()) {
            WeakPollAnalysis a = new WeakPollAnalysis(code, loop);
            int load = a.pollLoad();
            if (load >= 0) {
                out.add(new WeakPoll(load, loop.nextSetBit(0), loop.length() - 1));
            }
        }
        return out;
    }

    /** Natural loops by header: the header and every pc that reaches a back edge's latch without passing it. */
    private static Map<Integer, BitSet> naturalLoops(Insn[] code) {
        int n = code.length;
        List<List<Integer>> preds = new ArrayList<>(n);
        for (int pc = 0; pc < n; pc++) {
            preds.add(new ArrayList<>(2));
        }
        for (int pc = 0; pc < n; pc++) {
            for (int s : LoopAnalysis.successors(code, pc)) {
                preds.get(s).add(pc);
            }
        }
        Map<Integer, BitSet> loops = new TreeMap<>();
        for (int latch = 0; latch < n; latch++) {
            for (int header : LoopAnalysis.successors(code, latch)) {
                if (header > latch) {
                    continue;
                }
                BitSet loop = loops.computeIfAbsent(header, h -> new BitSet(n));
                loop.set(header);
                List<Integer> stack = new ArrayList<>();
                stack.add(latch);
                while (!stack.isEmpty()) {
                    int pc = stack.remove(stack.size() - 1);
                    if (!loop.get(pc)) {
                        loop.set(pc);
                        stack.addAll(preds.get(pc));
                    }
                }
            }
        }
        return loops;
    }

    /** The pc of the weak load every exit waits on, or -1 when the loop is not a weak poll. */
    private int pollLoad() {
        for (int pc = body.nextSetBit(0); pc >= 0; pc = body.nextSetBit(pc + 1)) {
            Insn in = code[pc];
            if (in == null) {
                return -1;
            }
            for (int d : RegisterAllocator.defs(in)) {
                valuesWritten.set(d);
            }
            for (int p : LoopAnalysis.predicatesWritten(in)) {
                predsWritten.set(p);
            }
        }
        int exits = INVARIANT;
        for (int pc = body.nextSetBit(0); pc >= 0; pc = body.nextSetBit(pc + 1)) {
            Insn in = code[pc];
            boolean leaves = in.op == Op.EXIT || in.op == Op.TRAP;
            for (int s : LoopAnalysis.successors(code, pc)) {
                leaves |= !body.get(s);
            }
            if (!leaves) {
                continue;
            }
            if (in.guard < 0) {
                return -1; // a way out nothing decides
            }
            exits = Math.max(exits, pred(in.guard));
            if (exits == OTHER) {
                return -1;
            }
        }
        // All exits invariant is an endless loop: LoopAnalysis reports it.
        return exits == WEAK ? weakLoad : -1;
    }

    private int pred(int p) {
        return state(predState, p, predsWritten.get(p), true);
    }

    private int value(int base) {
        return state(valueState, base >> 5, valuesWritten.get(base >> 5), false);
    }

    /** Memoized; a register met again while its own inputs are being classified is loop-carried: OTHER. */
    private int state(Map<Integer, int[]> memo, int reg, boolean written, boolean predicate) {
        if (!written) {
            return INVARIANT;
        }
        int[] s = memo.computeIfAbsent(reg, r -> new int[] {UNKNOWN});
        if (s[0] == VISITING) {
            return OTHER;
        }
        if (s[0] != UNKNOWN) {
            return s[0];
        }
        s[0] = VISITING;
        int result = INVARIANT;
        for (int pc = body.nextSetBit(0); pc >= 0 && result != OTHER; pc = body.nextSetBit(pc + 1)) {
            Insn in = code[pc];
            if (writes(in, reg, predicate)) {
                result = Math.max(result, writer(in));
            }
        }
        s[0] = result;
        return result;
    }

    private static boolean writes(Insn in, int reg, boolean predicate) {
        if (predicate) {
            for (int p : LoopAnalysis.predicatesWritten(in)) {
                if (p == reg) {
                    return true;
                }
            }
            return false;
        }
        for (int d : RegisterAllocator.defs(in)) {
            if (d == reg) {
                return true;
            }
        }
        return false;
    }

    /** What the value an instruction writes depends on. */
    private int writer(Insn in) {
        if (in.guard >= 0) {
            return OTHER; // a guarded write keeps the old value where the guard is false: loop-carried
        }
        if (in.op == Op.LD) {
            boolean weak = (in.flags & Insn.STRONG) == 0 && (in.space == Space.GLOBAL || in.space == Space.GENERIC);
            if (weak && (in.addr < 0 || !valuesWritten.get(in.addr >> 5))) {
                if (weakLoad < 0) {
                    weakLoad = in.pc;
                }
                return WEAK;
            }
            return OTHER;
        }
        Family f = in.op.family;
        if (f != Family.INTEGER && f != Family.FLOAT && f != Family.CONVERT) {
            return OTHER; // atomics, collectives, clocks, barriers: values the loop can change by itself
        }
        int r = INVARIANT;
        boolean predA = in.predicateA();
        for (int base : new int[] {predA ? -1 : in.a, in.b, in.c, in.e, in.addr}) {
            if (base >= 0) {
                r = Math.max(r, value(base));
            }
        }
        if (in.sv != null) {
            for (int base : in.sv) {
                if (base >= 0) {
                    r = Math.max(r, value(base));
                }
            }
        }
        if (predA) {
            r = Math.max(r, pred(in.a));
        }
        if (in.pa >= 0) {
            r = Math.max(r, pred(in.pa));
        }
        return r;
    }
}
