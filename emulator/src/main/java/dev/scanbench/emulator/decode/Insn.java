package dev.scanbench.emulator.decode;

/**
 * One decoded instruction. Register operands are pre-multiplied lane bases ({@code reg * 32}) into the warp's
 * value register file, or predicate indices; a source whose base is -1 reads its immediate instead. Fields are
 * public and final-in-practice: the executors read them in the hot loop.
 */
public final class Insn {
    /** Operation. */
    public Op op;
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

    /** Byte size of a type code. */
    public static int bytes(int type) {
        return type & 0xF;
    }

    /** Location for messages: PTX line and, when known, the CUDA line. */
    public String where() {
        return "PTX line " + line + (source != null ? " (" + source + ")" : "") + ": `" + text + "`";
    }
}
