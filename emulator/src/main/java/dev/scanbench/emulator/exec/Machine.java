package dev.scanbench.emulator.exec;

import dev.scanbench.emulator.Check;
import dev.scanbench.emulator.Dim3;
import dev.scanbench.emulator.LaunchOptions;
import dev.scanbench.emulator.LaunchResult;
import dev.scanbench.emulator.decode.Insn;
import dev.scanbench.emulator.decode.Program;
import dev.scanbench.emulator.decode.Space;
import dev.scanbench.emulator.memory.AddressWindows;
import dev.scanbench.emulator.memory.Allocation;
import dev.scanbench.emulator.memory.GlobalMemory;

/**
 * Everything one launch shares: program, memories, options, counters, diagnostics, and the address
 * resolver. {@link #resolve} leaves its answer in the {@code t*} fields rather than allocating a result per
 * access (the emulator runs a launch on one thread).
 */
final class Machine {
    final Program prog;
    /**
     * The entry as decoded, one register per virtual register: {@link #prog} is its packed form (or itself), the
     * same instructions at the same pcs, so a slot at a pc names the virtual register it holds there.
     */
    final Program decoded;
    final Insn[] code;
    final GlobalMemory gmem;
    final byte[] params;
    final long[] symbols;
    final long[] envreg;
    final Dim3 grid;
    final Dim3 block;
    final int dynamicShared;
    final int sharedBytes;
    final Reporter rep;
    final boolean memcheck;
    /** Hot integer blocks run as generated code ({@link LaunchOptions#translate}). */
    final boolean translate;
    final boolean initcheck;
    final boolean racecheck;
    final boolean synccheck;
    final boolean asynccheck;
    final boolean spinlint;
    /** True if any check looks at individual memory accesses (then the fast paths are not taken). */
    final boolean checksMemory;
    /** initcheck's definedness propagation, or null when initcheck is off. */
    final Definedness defs;
    /** Lint findings are errors (a verdict) rather than warnings. */
    final boolean lintErrors;
    /** The adversarial scheduling policy, or null for the fair scheduler. */
    final Adversary adversary;
    /** The critical-path clock, or null when it is not measured (then nothing below pays for it). */
    final CriticalPath path;

    long warpInsns;
    long threadInsns;
    long globalRead;
    long globalWritten;
    long barriers;
    long atomics;
    long ctasDone;
    /** {@link #warpInsns} when something last changed (deadlock detector). */
    long lastProgress;
    /** Scratch lanes for shfl (sources must be read before any destination is written). */
    final long[] scratch = new long[32];
    /** A register's worth of lanes for a partial warp's results before they are blended in (IntegerUnit). */
    final long[] laneScratch = new long[32];
    /** Per-lane offsets computed by the memory fast paths. */
    final long[] offsets = new long[32];
    /** The last fast-path access found its lanes evenly spaced (a trace need not check its register again). */
    boolean ranAsRun;
    /** The memory {@code MemoryUnit.directMemory} found for an access: bytes, written map, offset base and limit. */
    byte[] runBytes;
    long[] runWritten;
    /** The run's global allocation, or null for shared memory. */
    dev.scanbench.emulator.memory.Allocation runAlloc;
    long runBase;
    long runLimit;
    /** A one-address load's elements (up to v4) as read in its first lane: value, undefined bits, origin. */
    final long[] loadValues = new long[4];
    final long[] loadUndefined = new long[4];
    final int[] loadOrigins = new int[4];

    /** Per instruction, the allocation it last touched: most instructions always hit the same one. */
    private final Allocation[] allocCache;
    /** Device-side printf output so far (at most {@link LaunchResult#PRINTF_CAP}), and the calls past it. */
    final java.util.List<dev.scanbench.emulator.PrintfLine> printf = new java.util.ArrayList<>();
    long printfOmitted;
    byte[] tBytes;
    int tOff;
    long[] tWritten;
    int tSpace;
    /** The global allocation {@link #resolve} found, or null for other spaces. */
    Allocation tAlloc;
    /** Where the resolved memory's undefined bytes came from (global and shared), or null. */
    dev.scanbench.emulator.memory.ShadowOrigins tOrigins;

    Machine(Program prog, Program decoded, GlobalMemory gmem, byte[] params, long[] symbols, long[] envreg, Dim3 grid, Dim3 block,
            int dynamicShared, LaunchOptions opt) {
        this.prog = prog;
        this.decoded = decoded;
        this.code = prog.code();
        this.gmem = gmem;
        this.params = params;
        this.symbols = symbols;
        this.envreg = envreg;
        this.grid = grid;
        this.block = block;
        this.dynamicShared = dynamicShared;
        long dynStart = (prog.staticShared() + prog.dynamicAlign() - 1) / prog.dynamicAlign() * prog.dynamicAlign();
        this.sharedBytes = (int) (dynamicShared > 0 ? dynStart + dynamicShared : prog.staticShared());
        this.rep = new Reporter(prog.name(), block);
        this.allocCache = new Allocation[code.length];
        this.translate = opt.translate();
        this.memcheck = opt.on(Check.MEMCHECK);
        this.initcheck = opt.on(Check.INITCHECK);
        this.racecheck = opt.on(Check.RACECHECK);
        this.synccheck = opt.on(Check.SYNCCHECK);
        this.asynccheck = opt.on(Check.ASYNCCHECK);
        this.spinlint = opt.on(Check.SPINLINT);
        this.checksMemory = initcheck || racecheck || asynccheck || spinlint;
        this.defs = initcheck ? new Definedness(this) : null;
        this.lintErrors = opt.lintErrors();
        this.adversary = Adversary.of(opt.policy());
        this.path = opt.criticalPath() ? new CriticalPath() : null;
    }

    void progress() {
        lastProgress = warpInsns;
    }

    long symbolAddress(int sym) {
        return symbols[sym];
    }

    /** Effective address of the instruction's first address operand for a lane. */
    long address(Warp w, Insn in, int lane) {
        long a = in.off;
        if (in.addr >= 0) {
            a += w.r[in.addr + lane];
        }
        if (in.sym >= 0) {
            a += symbols[in.sym];
        }
        return a;
    }

    /**
     * Resolves an access of {@code size} bytes (alignment {@code align}) to backing bytes, or stops the launch
     * with a memcheck (or, with memcheck off, a fault) diagnostic naming the address and what it missed.
     */
    void resolve(Warp w, Insn in, int lane, int space, long addr, int size, int align, boolean write) {
        if (space == Space.GENERIC) {
            if (addr >= AddressWindows.SHARED_BASE && addr < AddressWindows.SHARED_BASE + AddressWindows.WINDOW) {
                space = Space.SHARED;
                addr -= AddressWindows.SHARED_BASE;
            } else if (addr >= AddressWindows.LOCAL_BASE && addr < AddressWindows.LOCAL_BASE + AddressWindows.WINDOW) {
                space = Space.LOCAL;
                addr -= AddressWindows.LOCAL_BASE;
            } else if (addr >= AddressWindows.PARAM_BASE && addr < AddressWindows.PARAM_BASE + AddressWindows.WINDOW) {
                space = Space.PARAM;
                addr -= AddressWindows.PARAM_BASE;
            } else {
                space = Space.GLOBAL;
            }
        }
        tSpace = space;
        tAlloc = null;
        tOrigins = null;
        if ((addr & (align - 1)) != 0) {
            fail(w, in, lane, "misaligned " + Space.name(space) + " " + (write ? "write" : "read") + " of " + size
                    + " bytes at 0x" + Long.toHexString(addr) + " (needs " + align + "-byte alignment)");
        }
        switch (space) {
            case Space.GLOBAL, Space.CONST -> {
                Allocation a = in != null ? allocCache[in.pc] : null;
                if (a == null || addr < a.base || addr + size > a.base + a.size) {
                    a = gmem.find(addr);
                    if (in != null) {
                        allocCache[in.pc] = a;
                    }
                }
                if (a == null || addr + size > a.base + a.size) {
                    fail(w, in, lane, "out-of-bounds global " + (write ? "write" : "read") + " of " + size
                            + " bytes at 0x" + Long.toHexString(addr) + ": " + (a == null ? gmem.describeMiss(addr)
                            : "runs past the end of " + a));
                }
                tBytes = a.data;
                tOff = (int) (addr - a.base);
                tWritten = a.written;
                tAlloc = a;
                tOrigins = a.origins;
            }
            case Space.SHARED -> {
                if (addr < 0 || addr + size > sharedBytes) {
                    fail(w, in, lane, "out-of-bounds shared " + (write ? "write" : "read") + " of " + size
                            + " bytes at shared offset " + addr + " (the CTA has " + sharedBytes + " bytes)");
                }
                tBytes = w.cta.shared;
                tOff = (int) addr;
                tWritten = w.cta.sharedWritten;
                tOrigins = initcheck ? w.cta.sharedOrigins() : null;
            }
            case Space.LOCAL -> {
                if (addr < 0 || addr + size > w.localBytes) {
                    fail(w, in, lane, "out-of-bounds local " + (write ? "write" : "read") + " at local offset "
                            + addr + " (the thread has " + w.localBytes + " bytes)");
                }
                tBytes = w.local;
                tOff = lane * w.localBytes + (int) addr;
                tWritten = w.shadow != null ? w.shadow.local : null;
            }
            default -> {
                if (write || addr < 0 || addr + size > params.length) {
                    fail(w, in, lane, (write ? "write to" : "out-of-bounds read of") + " kernel parameter memory at "
                            + addr);
                }
                tBytes = params;
                tOff = (int) addr;
                tWritten = null;
            }
        }
    }

    /**
     * Re-targets the last {@link #resolve} to another lane's address of the same access: if {@code addr} lies, aligned
     * to {@code size}, in the global allocation or the CTA's shared memory that it found, only {@link #tOff} changes
     * (every other {@code t*} field is that memory's) and this returns true. False means {@link #resolve} must run:
     * another allocation, another space, local or parameter memory, or an address it would report.
     */
    boolean sameMemory(Insn in, long addr, int size) {
        if ((addr & (size - 1)) != 0) {
            return false;
        }
        long off;
        long limit;
        if (tAlloc != null) {
            off = addr - tAlloc.base;
            limit = tAlloc.size - size;
        } else if (tSpace == Space.SHARED) {
            off = in.space == Space.GENERIC ? addr - AddressWindows.SHARED_BASE : addr;
            limit = sharedBytes - size;
        } else {
            return false;
        }
        if (off < 0 || off > limit) {
            return false;
        }
        tOff = (int) off;
        return true;
    }

    /** The allocation this instruction last touched, or null. */
    Allocation cachedAllocation(Insn in) {
        return allocCache[in.pc];
    }

    void fail(Warp w, Insn in, int lane, String message) {
        throw new KernelFault(rep.report(memcheck ? Check.MEMCHECK : Check.FAULT, true, w, lane, in,
                memcheck ? message : "illegal address: " + message));
    }
}
