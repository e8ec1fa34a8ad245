package dev.scanbench.emulator.decode;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Packs nvcc's virtual registers (hundreds per kernel, most short-lived) into few physical slots by
 * per-thread liveness over the control-flow graph and greedy colouring, so that each warp's register file
 * is small and stays in the CPU cache. Per-thread liveness is exact under divergence: lanes are separate
 * columns and each thread runs its own path through the same graph. Guarded writes keep the old value live
 * (the guard may be false); a destination never shares a slot with a source of the same instruction;
 * special registers keep slots of their own. Every run uses it, initcheck's too: a lane reads a register it
 * never wrote only where that register is live along the lane's whole path from the entry, and a definition
 * interferes with everything live after it, so no other register shared the slot before that read and the slot
 * still holds the warp's initial, undefined shadow (a shfl's source is a use in every lane that executes it).
 */
final class RegisterAllocator {
    private RegisterAllocator() {
    }

    static Program compact(Program p) {
        Insn[] code = p.code();
        int n = code.length;
        int regs = p.valueRegs();
        List<int[]> uses = new ArrayList<>(n);
        List<int[]> defs = new ArrayList<>(n);
        for (Insn in : code) {
            uses.add(uses(in));
            defs.add(defs(in));
        }
        BitSet[] liveIn = new BitSet[n];
        for (int i = 0; i < n; i++) {
            liveIn[i] = new BitSet(regs);
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int i = n - 1; i >= 0; i--) {
                BitSet live = liveOut(code, liveIn, i);
                for (int d : defs.get(i)) {
                    if (code[i].guard < 0) {
                        live.clear(d);
                    }
                }
                for (int u : uses.get(i)) {
                    live.set(u);
                }
                if (!live.equals(liveIn[i])) {
                    liveIn[i] = live;
                    changed = true;
                }
            }
        }
        BitSet[] interfere = new BitSet[regs];
        for (int r = 0; r < regs; r++) {
            interfere[r] = new BitSet(regs);
        }
        BitSet special = new BitSet(regs);
        for (Program.SpecialSlot s : p.specials()) {
            special.set(s.reg());
        }
        for (int i = 0; i < n; i++) {
            BitSet out = liveOut(code, liveIn, i);
            for (int d : defs.get(i)) {
                link(interfere, d, out);
                for (int u : uses.get(i)) {
                    link(interfere, d, u);
                }
                for (int d2 : defs.get(i)) {
                    link(interfere, d, d2);
                }
            }
        }
        int[] color = new int[regs];
        java.util.Arrays.fill(color, -1);
        int next = 0;
        for (int r = special.nextSetBit(0); r >= 0; r = special.nextSetBit(r + 1)) {
            color[r] = next++;
        }
        int fixed = next;
        for (int r = 0; r < regs; r++) {
            if (color[r] >= 0) {
                continue;
            }
            BitSet taken = new BitSet();
            for (int o = interfere[r].nextSetBit(0); o >= 0; o = interfere[r].nextSetBit(o + 1)) {
                if (color[o] >= 0) {
                    taken.set(color[o]);
                }
            }
            int c = taken.nextClearBit(fixed);
            color[r] = c;
            next = Math.max(next, c + 1);
        }
        Insn[] packed = new Insn[n];
        for (int i = 0; i < n; i++) {
            packed[i] = code[i].remapped(color);
        }
        List<Program.SpecialSlot> specials = p.specials().stream()
                .map(s -> new Program.SpecialSlot(color[s.reg()], s.kind(), s.envreg())).toList();
        String[] names = new String[Math.max(next, 1)];
        for (int r = 0; r < regs; r++) {
            names[color[r]] = names[color[r]] == null ? p.regNames()[r] : names[color[r]] + "/" + p.regNames()[r];
        }
        int[] init = specials.stream().mapToInt(Program.SpecialSlot::reg).toArray();
        return new Program(p.name(), packed, Math.max(next, 1), p.predRegs(), names, specials, p.params(),
                p.paramBytes(), p.staticShared(), p.dynamicAlign(), p.localBytes(), init,
                readFirst(code, n > 0 ? liveIn[0] : new BitSet(), special, color), null);
    }

    /**
     * The slots whose value at the start a thread may see: those of registers live at the entry (read on some path
     * before written), and every source of a warp collective, which may read a lane that never wrote it. Specials
     * are filled at every warp's start and left out.
     */
    private static int[] readFirst(Insn[] code, BitSet liveAtEntry, BitSet special, int[] color) {
        BitSet seen = (BitSet) liveAtEntry.clone();
        for (Insn in : code) {
            if (in.op.family == Family.COLLECTIVE) {
                for (int u : uses(in)) {
                    seen.set(u);
                }
            }
        }
        seen.andNot(special);
        return seen.stream().map(r -> color[r]).distinct().sorted().toArray();
    }

    private static void link(BitSet[] g, int a, BitSet others) {
        for (int o = others.nextSetBit(0); o >= 0; o = others.nextSetBit(o + 1)) {
            link(g, a, o);
        }
    }

    private static void link(BitSet[] g, int a, int b) {
        if (a != b) {
            g[a].set(b);
            g[b].set(a);
        }
    }

    private static BitSet liveOut(Insn[] code, BitSet[] liveIn, int i) {
        BitSet out = new BitSet();
        Insn in = code[i];
        boolean fallsThrough = (in.op != Op.BRA && in.op != Op.EXIT) || in.guard >= 0;
        if (fallsThrough && i + 1 < code.length) {
            out.or(liveIn[i + 1]);
        }
        if (in.op == Op.BRA) {
            out.or(liveIn[in.target]);
        }
        return out;
    }

    private static int[] uses(Insn in) {
        List<Integer> u = new ArrayList<>();
        boolean predA = in.predicateA();
        for (int base : new int[] {predA ? -1 : in.a, in.b, in.c, in.e, in.addr, in.addr2, in.addr3}) {
            if (base >= 0) {
                u.add(base >> 5);
            }
        }
        if (in.sv != null) {
            for (int s : in.sv) {
                if (s >= 0) {
                    u.add(s >> 5);
                }
            }
        }
        if (in.guard >= 0) {
            for (int d : defs(in)) {
                u.add(d); // the guard may be false: the old value lives on
            }
        }
        return u.stream().mapToInt(Integer::intValue).toArray();
    }

    static int[] defs(Insn in) {
        List<Integer> d = new ArrayList<>();
        if (in.d >= 0 && !predDest(in)) {
            d.add(in.d >> 5);
        }
        if (in.dv != null) {
            for (int v : in.dv) {
                if (v >= 0) {
                    d.add(v >> 5);
                }
            }
        }
        return d.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Ops whose {@code d} is a predicate index, not a value register. */
    static boolean predDest(Insn in) {
        return switch (in.op) {
            case SETP, FSETP, PRED_MOV, PRED_NOT, PRED_AND, PRED_OR, PRED_XOR, ISSPACEP, MBAR_WAIT -> true;
            case VOTE -> in.sub != 3;
            case BAR_RED -> in.sub != 6;
            default -> false;
        };
    }
}
