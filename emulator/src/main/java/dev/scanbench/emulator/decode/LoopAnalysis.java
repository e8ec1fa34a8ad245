package dev.scanbench.emulator.decode;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Finds loops that can never end once entered: every way out of the loop tests a predicate that no instruction
 * in the loop writes (or there is no way out at all, as in {@code $L: bra.uni $L}). That is what nvcc makes of a
 * flag polled with a plain load: the load is hoisted out of the loop, and the loop spins on a value that cannot
 * change. Loops are the strongly connected parts of the control-flow graph reachable from the entry; an
 * instruction that could not be decoded ({@code null} in the code) makes its loop unknown, never endless.
 */
public final class LoopAnalysis {
    /**
     * A loop that cannot end.
     *
     * @param first the loop's lowest pc
     * @param last  its highest pc
     * @param latch the pc of its back-edge branch (the line to report)
     * @param pcs   every pc in it
     */
    public record EndlessLoop(int first, int last, int latch, BitSet pcs) { }

    private final Insn[] code;
    private final int n;

    private LoopAnalysis(Insn[] code) {
        this.code = code;
        this.n = code.length;
    }

    /** The endless loops of a decoded program (entries of {@code code} may be null: not decodable). */
    public static List<EndlessLoop> endless(Insn[] code) {
        return new LoopAnalysis(code).find();
    }

    private List<EndlessLoop> find() {
        BitSet reachable = reachable();
        List<EndlessLoop> out = new ArrayList<>();
        for (BitSet scc : stronglyConnected(reachable)) {
            if (isCycle(scc) && neverExits(scc)) {
                int latch = -1;
                for (int pc = scc.nextSetBit(0); pc >= 0; pc = scc.nextSetBit(pc + 1)) {
                    for (int s : successors(pc)) {
                        if (scc.get(s) && s <= pc) {
                            latch = pc;
                        }
                    }
                }
                out.add(new EndlessLoop(scc.nextSetBit(0), scc.length() - 1, latch < 0 ? scc.length() - 1 : latch,
                        scc));
            }
        }
        return out;
    }

    private int[] successors(int pc) {
        return successors(code, pc);
    }

    /** Successor pcs; an undecodable instruction falls through. */
    static int[] successors(Insn[] code, int pc) {
        Insn in = code[pc];
        boolean next = pc + 1 < code.length;
        if (in == null) {
            return next ? new int[] {pc + 1} : new int[0];
        }
        boolean guarded = in.guard >= 0;
        return switch (in.op) {
            case BRA -> guarded && next ? new int[] {in.target, pc + 1} : new int[] {in.target};
            case EXIT, TRAP -> guarded && next ? new int[] {pc + 1} : new int[0];
            default -> next ? new int[] {pc + 1} : new int[0];
        };
    }

    private BitSet reachable() {
        BitSet seen = new BitSet(n);
        int[] stack = new int[n + 1];
        int sp = 0;
        stack[sp++] = 0;
        seen.set(0);
        while (sp > 0) {
            int pc = stack[--sp];
            for (int s : successors(pc)) {
                if (!seen.get(s)) {
                    seen.set(s);
                    stack[sp++] = s;
                }
            }
        }
        return seen;
    }

    /** Tarjan's algorithm, iterative (programs have thousands of instructions). */
    private List<BitSet> stronglyConnected(BitSet nodes) {
        int[] index = new int[n];
        int[] low = new int[n];
        java.util.Arrays.fill(index, -1);
        boolean[] onStack = new boolean[n];
        int[] stack = new int[n];
        int sp = 0;
        int counter = 0;
        List<BitSet> out = new ArrayList<>();
        int[] callPc = new int[n];
        int[] callEdge = new int[n];
        for (int root = nodes.nextSetBit(0); root >= 0; root = nodes.nextSetBit(root + 1)) {
            if (index[root] >= 0) {
                continue;
            }
            int depth = 0;
            callPc[0] = root;
            callEdge[0] = 0;
            index[root] = low[root] = counter++;
            stack[sp++] = root;
            onStack[root] = true;
            while (depth >= 0) {
                int v = callPc[depth];
                int[] succ = successors(v);
                if (callEdge[depth] < succ.length) {
                    int w = succ[callEdge[depth]++];
                    if (index[w] < 0) {
                        index[w] = low[w] = counter++;
                        stack[sp++] = w;
                        onStack[w] = true;
                        depth++;
                        callPc[depth] = w;
                        callEdge[depth] = 0;
                    } else if (onStack[w]) {
                        low[v] = Math.min(low[v], index[w]);
                    }
                    continue;
                }
                if (low[v] == index[v]) {
                    BitSet scc = new BitSet(n);
                    int w;
                    do {
                        w = stack[--sp];
                        onStack[w] = false;
                        scc.set(w);
                    } while (w != v);
                    out.add(scc);
                }
                depth--;
                if (depth >= 0) {
                    int parent = callPc[depth];
                    low[parent] = Math.min(low[parent], low[v]);
                }
            }
        }
        return out;
    }

    private boolean isCycle(BitSet scc) {
        if (scc.cardinality() > 1) {
            return true;
        }
        int pc = scc.nextSetBit(0);
        for (int s : successors(pc)) {
            if (s == pc) {
                return true;
            }
        }
        return false;
    }

    /**
     * True if every way out of the loop is decided by a predicate no instruction of the loop writes. A register
     * or predicate is taken to change whenever the loop writes it at all (a load, a shuffle, even a constant
     * move): conservative, so that only loops that certainly cannot end are reported.
     */
    private boolean neverExits(BitSet scc) {
        BitSet writtenPreds = new BitSet();
        for (int pc = scc.nextSetBit(0); pc >= 0; pc = scc.nextSetBit(pc + 1)) {
            Insn in = code[pc];
            if (in == null) {
                return false; // an instruction the decoder does not know: it might do anything
            }
            for (int p : predicatesWritten(in)) {
                writtenPreds.set(p);
            }
        }
        for (int pc = scc.nextSetBit(0); pc >= 0; pc = scc.nextSetBit(pc + 1)) {
            for (int s : successors(pc)) {
                boolean leaves = !scc.get(s);
                Insn in = code[pc];
                boolean leavesByExit = (in.op == Op.EXIT || in.op == Op.TRAP);
                if ((leaves || leavesByExit) && (in.guard < 0 || writtenPreds.get(in.guard))) {
                    return false; // a way out that can open
                }
            }
            Insn in = code[pc];
            if ((in.op == Op.EXIT || in.op == Op.TRAP) && successors(pc).length == 0) {
                return false;
            }
        }
        return true;
    }

    /** The predicates an instruction writes. */
    static int[] predicatesWritten(Insn in) {
        if (in.predicateDest()) {
            return in.d2 >= 0 ? new int[] {in.d, in.d2} : new int[] {in.d};
        }
        if (in.d2 >= 0) {
            return new int[] {in.d2}; // shfl's in-range predicate
        }
        return new int[0];
    }
}
