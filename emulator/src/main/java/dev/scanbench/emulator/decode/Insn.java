package dev.scanbench.emulator.decode;

/**
 * One decoded instruction. Register operands are pre-multiplied lane bases ({@code reg * 32}) into the warp's
 * value register file, or predicate indices; a source whose base is -1 reads its immediate instead. Fields are
 * public and final-in-practice: the executors read them in the hot loop.
 */
public final class Insn {
    /** Operation. */
    public Op op;
    /** Ordinal of the op's {@link Family}, cached for the dispatch switch. */
    public int family;
    /** Sub-operation code (comparison, shuffle mode, atomic op, ...), meaning per {@link #op}. */
    public int sub;
    /** Operand type: byte size in bits 0-3, plus {@link #SIGNED} / {@link #FLOAT}. */
    public int type;
    /** Second type (cvt source, setp compare type). */
    public int type2;
    /** Qualifier flags ({@link #SAT}, {@link #FTZ}, {@link #VOLATILE}, ...). */
    public int flags;
    /** State space ({@link Space}). */
    public int space;
    /** Destination register base, or predicate index for predicate results; -1 if none. */
    public int d = -1;
    /** Second destination (predicate of shfl d|p, setp p|q); -1 if none. */
    public int d2 = -1;
    /** Byte size of the destination register (loads extend to it). */
    public int dSize;
    /** Vector destination / source register bases (ld.v4 / st.v4 / mov pack), else null. */
    public int[] dv;
    /** Vector sources: register bases (-1 = immediate in {@link #siv}). */
    public int[] sv;
    /** Vector source immediates. */
    public long[] siv;
    /** Sources a, b, c, e: register base or -1; immediates ia.. when -1. */
    public int a = -1, b = -1, c = -1, e = -1;
    /** Immediate values of sources a, b, c, e. */
    public long ia, ib, ic, ie;
    /** Predicate source index (selp, vote, setp combine); -1 if none; {@link #paNeg} negates it. */
    public int pa = -1;
    /** True if {@link #pa} is written {@code !%p}. */
    public boolean paNeg;
    /** Address base register (lane base) or -1; the address is base + {@link #off} (+ symbol). */
    public int addr = -1;
    /** Address offset. */
    public long off;
    /** Module-variable index whose device address is added to the address at run time, or -1. */
    public int sym = -1;
    /** Second address (cp.async source, mbarrier of a bulk copy): base register or -1, offset. */
    public int addr2 = -1;
    /** Offset of the second address. */
    public long off2;
    /** Third address (the mbarrier of cp.async.bulk): base register or -1, offset. */
    public int addr3 = -1;
    /** Offset of the third address. */
    public long off3;
    /** Memory access size in bytes of one element; vector count in {@link #vec}. */
    public int size;
    /** Vector width (1, 2, 4). */
    public int vec = 1;
    /** Branch target pc, or -1. */
    public int target = -1;
    /** Guard predicate index or -1. */
    public int guard = -1;
    /** True for {@code @!%p}. */
    public boolean guardNeg;
    /** Index of this instruction in the program. */
    public int pc;
    /** PTX line. */
    public int line;
    /** PTX text. */
    public String text;
    /** CUDA source location ({@code file.cu:12}) or null. */
    public String source;
    /**
     * Where the function holding this instruction was inlined, innermost call site first
     * ({@code file.cu:58, file.cu:112}), or null when it was not inlined.
     */
    public String inlinedAt;
    /** The fault message of a {@code TRAP} the decoder made (a recursion past its depth limit), or null. */
    public String fault;

    /** Type flag: signed integer. */
    public static final int SIGNED = 0x10;
    /** Type flag: IEEE float. */
    public static final int FLOAT = 0x20;
    /** Type flag: predicate. */
    public static final int PRED = 0x40;

    /** Flag: saturate. */
    public static final int SAT = 1;
    /** Flag: flush subnormals to zero. */
    public static final int FTZ = 2;
    /** Flag: a strong load/store (.volatile, .relaxed, .acquire, .release) that may be polled. */
    public static final int STRONG = 4;
    /** Flag: .shiftamt (bfind). */
    public static final int SHIFTAMT = 8;
    /** Flag: cp.async.bulk signals an mbarrier. */
    public static final int MBAR = 16;
    /** Flag: shr arithmetic (signed). */
    public static final int ARITH = 32;
    /** Flag: cp.async source size operand present (zero-fill the rest). */
    public static final int SRC_SIZE = 64;
    /**
     * Flag: a releasing store or atomic ({@code .release}, {@code .acq_rel}), or a fence of device scope or wider
     * ({@code membar.gl}, {@code fence.sc.gpu}): what makes earlier writes visible to other CTAs.
     */
    public static final int RELEASE = 128;

    /**
     * The register lane base that this instruction, as decoded, has where {@code packed} (its packed form, the same
     * instruction) has the slot {@code base}: the virtual register a diagnostic names. {@code base} itself when no
     * operand holds it (then the two forms are one).
     */
    public int decodedBase(Insn packed, int base) {
        if (packed == this) {
            return base;
        }
        int[] mine = {predicateA() ? -1 : a, b, c, e, addr, addr2, addr3, predicateDest() ? -1 : d};
        int[] theirs = {packed.predicateA() ? -1 : packed.a, packed.b, packed.c, packed.e, packed.addr,
                packed.addr2, packed.addr3, packed.predicateDest() ? -1 : packed.d};
        for (int i = 0; i < mine.length; i++) {
            if (theirs[i] == base && mine[i] >= 0) {
                return mine[i];
            }
        }
        for (int[][] v : new int[][][] {{sv, packed.sv}, {dv, packed.dv}}) {
            if (v[0] != null && v[1] != null) {
                for (int i = 0; i < v[1].length; i++) {
                    if (v[1][i] == base && v[0][i] >= 0) {
                        return v[0][i];
                    }
                }
            }
        }
        return base;
    }

    /** A copy whose value-register lane bases are renamed by {@code slot[register]}. */
    Insn remapped(int[] slot) {
        Insn c = new Insn();
        c.op = op;
        c.family = family;
        c.sub = sub;
        c.type = type;
        c.type2 = type2;
        c.flags = flags;
        c.space = space;
        boolean predD = predicateDest();
        boolean predA = predicateA();
        c.d = d < 0 || predD ? d : slot[d >> 5] * 32;
        c.d2 = d2;
        c.dSize = dSize;
        c.dv = dv == null ? null : java.util.Arrays.stream(dv).map(v -> v < 0 ? v : slot[v >> 5] * 32).toArray();
        c.sv = sv == null ? null : java.util.Arrays.stream(sv).map(v -> v < 0 ? v : slot[v >> 5] * 32).toArray();
        c.siv = siv;
        c.a = a < 0 || predA ? a : slot[a >> 5] * 32;
        c.b = b < 0 ? b : slot[b >> 5] * 32;
        c.c = this.c < 0 ? this.c : slot[this.c >> 5] * 32;
        c.e = e < 0 ? e : slot[e >> 5] * 32;
        c.ia = ia;
        c.ib = ib;
        c.ic = ic;
        c.ie = ie;
        c.pa = pa;
        c.paNeg = paNeg;
        c.addr = addr < 0 ? addr : slot[addr >> 5] * 32;
        c.off = off;
        c.sym = sym;
        c.addr2 = addr2 < 0 ? addr2 : slot[addr2 >> 5] * 32;
        c.off2 = off2;
        c.addr3 = addr3 < 0 ? addr3 : slot[addr3 >> 5] * 32;
        c.off3 = off3;
        c.size = size;
        c.vec = vec;
        c.target = target;
        c.guard = guard;
        c.guardNeg = guardNeg;
        c.pc = pc;
        c.line = line;
        c.text = text;
        c.source = source;
        c.inlinedAt = inlinedAt;
        c.fault = fault;
        return c;
    }

    /** True if {@link #d} is a predicate index (setp, vote.any, ...), not a value register's lane base. */
    public boolean predicateDest() {
        return RegisterAllocator.predDest(this);
    }

    /** True if {@link #a} is a predicate index (the second operand of and/or/xor on predicates). */
    public boolean predicateA() {
        return op == Op.PRED_AND || op == Op.PRED_OR || op == Op.PRED_XOR;
    }

    /** Byte size of a type code. */
    public static int bytes(int type) {
        return type & 0xF;
    }

    /** Location for messages: PTX line and, when known, the CUDA line. */
    public String where() {
        return "PTX line " + line + (source != null ? " (" + source + (inlinedAt != null ? ", inlined at " + inlinedAt
                : "") + ")" : "") + ": `" + text + "`";
    }
}
