package dev.scanbench.emulator.exec;

import static java.lang.Integer.numberOfTrailingZeros;

import dev.scanbench.emulator.Check;
import dev.scanbench.emulator.Defaults;
import dev.scanbench.emulator.decode.Insn;
import dev.scanbench.emulator.decode.Op;
import dev.scanbench.emulator.decode.Space;
import dev.scanbench.emulator.memory.Bytes;

/** ld / st in every state space, with the memory-side diagnostics (initcheck, racecheck, async, spin lint). */
final class MemoryUnit {
    private MemoryUnit() {
    }

    static void exec(Machine mc, Warp w, Insn in, int mask) {
        if (fast(mc, w, in, mask, false)) {
            return;
        }
        if (in.op == Op.LD) {
            load(mc, w, in, mask);
        } else {
            store(mc, w, in, mask);
        }
    }

    /**
     * The fast path alone, which {@link #exec} tries first and a translated trace calls directly: the diagnostics-off
     * one, or with the memory diagnostics on the checked run of a full warp; false, having done nothing, when the
     * general path must run. {@code spaced}: the address register holds what it held when an earlier access of this warp found its lanes
     * evenly spaced ({@link Machine#ranAsRun}), so that is not checked again (nvcc's {@code [%rd1]},
     * {@code [%rd1+4]}, ... through one register).
     */
    static boolean fast(Machine mc, Warp w, Insn in, int mask, boolean spaced) {
        mc.ranAsRun = false;
        if (mc.checksMemory) {
            if (in.op == Op.LD) {
                return checkedRunLoad(mc, w, in, mask);
            }
            w.lintPc = -1;
            return checkedRunStore(mc, w, in, mask);
        }
        if (in.op == Op.LD) {
            return fastLoad(mc, w, in, mask, spaced);
        }
        w.lintPc = -1;
        return fastStore(mc, w, in, mask, spaced);
    }

    /** The general path of a load, lane by lane, every diagnostic included. */
    private static void load(Machine mc, Warp w, Insn in, int mask) {
        long[] r = w.r;
        int size = in.size;
        int total = size * in.vec;
        boolean signed = (in.type & Insn.SIGNED) != 0;
        long regMask = Lanes.WIDTH[Math.max(in.dSize, size)];
        long firstAddr = 0;
        long firstValue = 0;
        boolean first = true;
        boolean polled = false;
        Definedness defs = mc.defs;
        // Every lane reading one address (a parameter, a shared broadcast): it is resolved, read, race-checked and
        // its definedness looked up in the first lane only, and the others get the same results. Repeating them
        // would find the same bytes, and lanes of one warp never race with each other.
        boolean oneAddress = oneAddress(w, in, mask);
        long[] values = mc.loadValues;
        long[] undefined = mc.loadUndefined;
        int[] origins = mc.loadOrigins;
        byte[] bytes = null;
        int off = 0;
        for (int k = mask; k != 0; k &= k - 1) {
            int l = numberOfTrailingZeros(k);
            boolean fresh = first || !oneAddress;
            long addr = fresh ? mc.address(w, in, l) : firstAddr;
            if (defs != null) {
                defs.address(w, in, l, in.addr);
            }
            if (fresh) {
                if (first || !mc.sameMemory(in, addr, total)) {
                    mc.resolve(w, in, l, in.space, addr, total, total, false);
                }
                bytes = mc.tBytes;
                off = mc.tOff;
                // one local address is a different word in each lane's frame
                oneAddress &= mc.tSpace != Space.LOCAL;
            }
            if (mc.tSpace == Space.GLOBAL) {
                mc.globalRead += total;
                if (mc.path != null && fresh) {
                    mc.path.load(w, mc.tAlloc, off, total);
                }
            } else if (mc.tSpace == Space.SHARED && fresh) {
                sharedChecks(mc, w, in, l, off, total, false);
            }
            for (int i = 0; i < in.vec; i++) {
                long v;
                long u = 0;
                if (fresh) {
                    v = Bytes.get(bytes, off + i * size, size);
                    if (signed) {
                        v = Lanes.sext(v, size);
                    }
                    if (defs != null && in.dv[i] >= 0) {
                        // an undefined value is loaded as such: it is reported only where it decides something
                        u = defs.loaded(w, in, addr + (long) i * size, off + i * size, size, signed, regMask);
                        undefined[i] = u;
                        origins[i] = defs.lastOrigin;
                    }
                    values[i] = v;
                } else {
                    v = values[i];
                    u = undefined[i];
                }
                if (in.dv[i] >= 0) {
                    r[in.dv[i] + l] = v & regMask; // a sink `_` element is read but not kept
                    if (defs != null) {
                        w.shadow.set(in.dv[i], l, u);
                        if (u != 0) {
                            w.shadow.vo[in.dv[i] >> 5] = origins[i];
                        }
                    }
                }
            }
            if (first) {
                first = false;
                firstAddr = addr;
                firstValue = Bytes.get(bytes, off, size);
                polled = mc.path != null && mc.tSpace == Space.GLOBAL && mc.path.poll(w, in, addr, firstValue);
                w.lastLoadAddr = addr;
                if (w.loadsNewAddress(addr)) {
                    mc.progress();
                }
            }
        }
        if (defs != null) {
            for (int d : in.dv) {
                if (d >= 0) {
                    w.shadow.settle(d);
                }
            }
        }
        if (mc.path != null) {
            mc.path.endLoad(w, polled);
        }
        if (mc.spinlint && !first && (in.flags & Insn.STRONG) == 0 && mc.tSpace == Space.GLOBAL) {
            spinLint(mc, w, in, firstAddr, firstValue, Integer.numberOfTrailingZeros(mask));
        }
    }

    /**
     * True if every lane of {@code mask} accesses the same address: the address has no register, or its register
     * holds one value in all of them (then the per-lane resolution would find the same bytes 32 times, unless they
     * are local: the caller checks the space it resolved to).
     */
    static boolean oneAddress(Warp w, Insn in, int mask) {
        if (in.space == Space.LOCAL) {
            return false;
        }
        if (in.addr < 0) {
            return true;
        }
        long[] r = w.r;
        int base = in.addr;
        long a = r[base + numberOfTrailingZeros(mask)];
        if (mask == -1) {
            for (int l = 1; l < 32; l++) {
                if (r[base + l] != a) {
                    return false;
                }
            }
            return true;
        }
        for (int k = mask & (mask - 1); k != 0; k &= k - 1) {
            if (r[base + numberOfTrailingZeros(k)] != a) {
                return false;
            }
        }
        return true;
    }

    /**
     * Diagnostics-off path for the common cases (explicit shared, or global / generic hitting the allocation
     * this instruction used last): no resolver call per lane. Returns false, having done nothing, if any lane
     * needs the general path (another allocation, a window, or a fault to report).
     */
    private static boolean fastLoad(Machine mc, Warp w, Insn in, int mask, boolean spaced) {
        int size = in.size;
        int total = size * in.vec;
        long[] r = w.r;
        if (!directMemory(mc, w, in, total, true)) {
            return false;
        }
        byte[] bytes = mc.runBytes;
        long base = mc.runBase;
        long limit = mc.runLimit;
        dev.scanbench.emulator.memory.Allocation a = mc.runAlloc;
        boolean global = a != null;
        long[] offs = mc.offsets;
        boolean signed = (in.type & Insn.SIGNED) != 0;
        long regMask = Lanes.WIDTH[Math.max(in.dSize, size)];
        int first = numberOfTrailingZeros(mask);
        boolean oneAddress = !(spaced && mask == -1) && oneAddress(w, in, mask);
        long run = oneAddress || mc.path != null ? -1 : runOffset(mc, w, in, mask, base, limit, total, spaced);
        if (run >= 0) {
            // evenly spaced elements, one per lane (x[i] in a full warp): one bounds check and one loop; the spacing
            // is read before any element is, since a destination may be the address register
            int stride = runStride(w, in);
            for (int i = 0; i < in.vec; i++) {
                if (in.dv[i] >= 0) {
                    Bytes.getLanes(bytes, (int) run + i * size, size, stride, r, in.dv[i], signed, regMask);
                }
            }
            offs[first] = run;
        } else if (oneAddress) {
            // a parameter or a broadcast: one bounds check and one read, copied to every lane
            long off = mc.address(w, in, first) - base;
            if (!fits(off, limit, total)) {
                return false;
            }
            offs[first] = off;
            for (int i = 0; i < in.vec; i++) {
                long v = Bytes.get(bytes, (int) off + i * size, size);
                if (in.dv[i] >= 0) {
                    fill(r, in.dv[i], mask, (signed ? Lanes.sext(v, size) : v) & regMask);
                }
            }
        } else {
            if (!laneOffsets(mc, w, in, mask, base, limit, total)) {
                return false;
            }
            for (int k = mask; k != 0; k &= k - 1) {
                int l = numberOfTrailingZeros(k);
                int off = (int) offs[l];
                for (int i = 0; i < in.vec; i++) {
                    long v = Bytes.get(bytes, off + i * size, size);
                    if (in.dv[i] >= 0) {
                        r[in.dv[i] + l] = (signed ? Lanes.sext(v, size) : v) & regMask;
                    }
                }
            }
        }
        w.lastLoadAddr = offs[first] + base;
        if (w.loadsNewAddress(w.lastLoadAddr)) {
            mc.progress();
        }
        if (global) {
            mc.globalRead += (long) total * Integer.bitCount(mask);
            if (mc.path != null) {
                if (oneAddress) {
                    mc.path.load(w, a, (int) offs[first], total); // the same words for every lane
                } else {
                    for (int k = mask; k != 0; k &= k - 1) {
                        mc.path.load(w, a, (int) offs[numberOfTrailingZeros(k)], total);
                    }
                }
                mc.path.endLoad(w, mc.path.poll(w, in, w.lastLoadAddr, Bytes.get(bytes, (int) offs[first], size)));
            }
        }
        return true;
    }

    /**
     * The fast paths' per-lane offsets into a memory starting at {@code base}, left in {@link Machine#offsets}; false
     * (the general path must run) if a lane's access of {@code total} bytes does not {@link #fits fit}.
     */
    private static boolean laneOffsets(Machine mc, Warp w, Insn in, int mask, long base, long limit, int total) {
        long[] offs = mc.offsets;
        for (int k = mask; k != 0; k &= k - 1) {
            int l = numberOfTrailingZeros(k);
            long off = mc.address(w, in, l) - base;
            if (!fits(off, limit, total)) {
                return false;
            }
            offs[l] = off;
        }
        return true;
    }

    /**
     * The offset, from {@code base}, of lane 0's access when a full warp's lanes access evenly spaced elements (lane l
     * at lane 0's address + l x {@link #runStride}: x[i], or x[4 * i] for four elements per thread), the spacing a
     * non-zero multiple of {@code total}, and every lane's access {@link #fits fits} below {@code limit}; -1 otherwise
     * (then the lanes are looked at one by one). Lane 0 aligned and the spacing a multiple of the size means every lane
     * is aligned, and no two lanes' accesses overlap. {@code spaced}: the lanes are known to be evenly spaced (see
     * {@link #fast}); only the spacing and the bounds are checked. Leaves {@link Machine#ranAsRun} set on a run.
     */
    private static long runOffset(Machine mc, Warp w, Insn in, int mask, long base, long limit, int total,
            boolean spaced) {
        int reg = in.addr;
        if (mask != -1 || reg < 0) {
            return -1;
        }
        long[] r = w.r;
        long a0 = r[reg];
        long stride = r[reg + 1] - a0; // what runStride gives once this has found a run
        if (stride == 0 || (stride & (total - 1)) != 0 || stride != (int) stride || Math.abs(stride) > limit) {
            return -1;
        }
        if (!spaced) {
            long apart = 0;
            for (int l = 2; l < 32; l++) {
                // zero in every lane only for a run: each lane one stride past the one before (the JIT vectorises it)
                apart |= (r[reg + l] - r[reg + l - 1]) ^ stride;
            }
            if (apart != 0) {
                return -1;
            }
        }
        long off = mc.address(w, in, 0) - base;
        long last = off + 31 * stride;
        if (!fits(off, limit, total) || last < 0 || last > limit) {
            return -1;
        }
        mc.ranAsRun = true;
        return off;
    }

    /** The spacing of a run {@link #runOffset} found: lane 1's address less lane 0's. */
    private static int runStride(Warp w, Insn in) {
        return (int) (w.r[in.addr + 1] - w.r[in.addr]);
    }

    /** An access of {@code total} bytes at {@code off} lies in [0, limit + total) and is aligned to its size. */
    private static boolean fits(long off, long limit, int total) {
        return off >= 0 && off <= limit && (off & (total - 1)) == 0;
    }

    /** Writes {@code v} to register {@code base} in every lane of {@code mask}. */
    private static void fill(long[] r, int base, int mask, long v) {
        if (mask == -1) {
            java.util.Arrays.fill(r, base, base + 32, v);
        } else {
            for (int k = mask; k != 0; k &= k - 1) {
                r[base + numberOfTrailingZeros(k)] = v;
            }
        }
    }

    private static boolean fastStore(Machine mc, Warp w, Insn in, int mask, boolean spaced) {
        int size = in.size;
        int total = size * in.vec;
        long[] r = w.r;
        if (!directMemory(mc, w, in, total, false)) {
            return false;
        }
        byte[] bytes = mc.runBytes;
        long[] written = mc.runWritten;
        long base = mc.runBase;
        long limit = mc.runLimit;
        dev.scanbench.emulator.memory.Allocation a = mc.runAlloc;
        boolean global = a != null;
        long run = mc.path != null ? -1 : runOffset(mc, w, in, mask, base, limit, total, spaced);
        if (run >= 0) {
            // evenly spaced elements, one per lane: one bounds check, one loop per element
            int stride = runStride(w, in);
            boolean changed = false;
            for (int i = 0; i < in.vec; i++) {
                changed |= Bytes.putLanes(bytes, (int) run + i * size, size, stride, r, in.sv[i], in.siv[i]);
            }
            markRun(written, run, total, stride);
            if (changed) {
                mc.progress();
            }
            if (global) {
                mc.globalWritten += 32L * total;
            }
            return true;
        }
        if (!laneOffsets(mc, w, in, mask, base, limit, total)) {
            return false;
        }
        long[] offs = mc.offsets;
        boolean changed = false;
        for (int k = mask; k != 0; k &= k - 1) {
            int l = numberOfTrailingZeros(k);
            int off = (int) offs[l];
            for (int i = 0; i < in.vec; i++) {
                long v = in.sv[i] >= 0 ? r[in.sv[i] + l] : in.siv[i];
                int o = off + i * size;
                if (Bytes.get(bytes, o, size) != (v & Lanes.WIDTH[size])) {
                    Bytes.put(bytes, o, size, v);
                    changed = true;
                }
            }
            Bytes.markWritten(written, off, total);
        }
        if (changed) {
            mc.progress();
        }
        if (global) {
            mc.globalWritten += (long) total * Integer.bitCount(mask);
            if (mc.path != null) {
                for (int k = mask; k != 0; k &= k - 1) {
                    mc.path.store(w, a, (int) offs[numberOfTrailingZeros(k)], total);
                }
            }
        }
        return true;
    }

    /**
     * The memory the fast paths and the checked runs access without a resolver call per lane: the CTA's shared memory
     * for an explicit shared access, the allocation the instruction used last for a global or generic one, and (only
     * if {@code params}, for the diagnostics-off loads) the kernel parameters; false otherwise. Leaves it in the
     * {@code run*} fields of {@link Machine}: {@code runAlloc} is null for all but global memory.
     */
    private static boolean directMemory(Machine mc, Warp w, Insn in, int total, boolean params) {
        if (in.space == Space.PARAM && params) {
            mc.runBytes = mc.params;
            mc.runWritten = null;
            mc.runAlloc = null;
            mc.runBase = 0;
            mc.runLimit = mc.params.length - total;
            return true;
        }
        if (in.space == Space.SHARED) {
            mc.runBytes = w.cta.shared;
            mc.runWritten = w.cta.sharedWritten;
            mc.runAlloc = null;
            mc.runBase = 0;
            mc.runLimit = mc.sharedBytes - total;
            return true;
        }
        if (in.space == Space.GLOBAL || in.space == Space.GENERIC) {
            dev.scanbench.emulator.memory.Allocation a = mc.cachedAllocation(in);
            if (a == null) {
                return false;
            }
            mc.runBytes = a.data;
            mc.runWritten = a.written;
            mc.runAlloc = a;
            mc.runBase = a.base;
            mc.runLimit = a.size - total;
            return true;
        }
        return false;
    }

    /**
     * A full warp's evenly spaced load ({@link #runOffset}) with the memory diagnostics on, when none of them can have
     * anything to say per lane but racecheck: the address register defined in every lane, every byte read defined,
     * and the whole run inside one memory and aligned (so memcheck has nothing to report). The values are copied as
     * {@link #fastLoad} copies them and the destinations marked defined; shared lanes still meet racecheck and
     * asynccheck one by one, in lane order, as the general path's do, and global lanes the critical path. Returns
     * false, having done nothing, in any other case: the general path then finds and reports what there is.
     */
    private static boolean checkedRunLoad(Machine mc, Warp w, Insn in, int mask) {
        Definedness defs = mc.defs;
        if (mask != -1 || in.addr < 0 || (defs != null && !w.shadow.defined(in.addr))) {
            return false;
        }
        int size = in.size;
        int total = size * in.vec;
        long run = checkedRun(mc, w, in, total);
        if (run < 0) {
            return false;
        }
        byte[] bytes = mc.runBytes;
        long[] written = mc.runWritten;
        dev.scanbench.emulator.memory.Allocation alloc = mc.runAlloc;
        boolean global = alloc != null;
        int stride = runStride(w, in);
        if (defs != null && !Bytes.lanesWritten(written, run, total, stride)) {
            return false; // an undefined byte: the general path carries its shadow and origin
        }
        if (!global) {
            sharedRunChecks(mc, w, in, run, stride, total, false);
        }
        long firstValue = Bytes.get(bytes, (int) run, size);
        boolean signed = (in.type & Insn.SIGNED) != 0;
        long regMask = Lanes.WIDTH[Math.max(in.dSize, size)];
        for (int i = 0; i < in.vec; i++) {
            int d = in.dv[i];
            if (d >= 0) {
                Bytes.getLanes(bytes, (int) run + i * size, size, stride, w.r, d, signed, regMask);
                if (defs != null) {
                    w.shadow.defineAll(d);
                }
            }
        }
        long addr = run + mc.runBase;
        w.lastLoadAddr = addr;
        if (w.loadsNewAddress(addr)) {
            mc.progress();
        }
        CriticalPath path = mc.path;
        if (global) {
            mc.globalRead += 32L * total;
            if (path != null) {
                for (int l = 0; l < 32; l++) {
                    path.load(w, alloc, (int) (run + (long) l * stride), total);
                }
            }
        }
        if (path != null) {
            path.endLoad(w, global && path.poll(w, in, addr, firstValue));
        }
        if (global && mc.spinlint && (in.flags & Insn.STRONG) == 0) {
            spinLint(mc, w, in, addr, firstValue, 0);
        }
        return true;
    }

    /**
     * {@link #checkedRunLoad}'s store: a full warp's evenly spaced store of values defined in every lane (or
     * immediates) through a defined address register, the run inside one memory. Shared lanes meet racecheck one by
     * one in lane order first, then the bytes are copied and marked written as {@link #fastStore} does, and global
     * lanes stamp the critical path's clocks. Returns false, having done nothing, in any other case.
     */
    private static boolean checkedRunStore(Machine mc, Warp w, Insn in, int mask) {
        Definedness defs = mc.defs;
        if (mask != -1 || in.addr < 0) {
            return false;
        }
        if (defs != null) {
            if (!w.shadow.defined(in.addr)) {
                return false;
            }
            for (int s : in.sv) {
                if (!w.shadow.defined(s)) {
                    return false; // undefined bits go to memory with their origin: the general path does that
                }
            }
        }
        int size = in.size;
        int total = size * in.vec;
        long run = checkedRun(mc, w, in, total);
        if (run < 0) {
            return false;
        }
        byte[] bytes = mc.runBytes;
        long[] written = mc.runWritten;
        dev.scanbench.emulator.memory.Allocation alloc = mc.runAlloc;
        boolean global = alloc != null;
        int stride = runStride(w, in);
        if (!global) {
            sharedRunChecks(mc, w, in, run, stride, total, true);
        }
        boolean changed = false;
        for (int i = 0; i < in.vec; i++) {
            changed |= Bytes.putLanes(bytes, (int) run + i * size, size, stride, w.r, in.sv[i], in.siv[i]);
        }
        markRun(written, run, total, stride);
        if (changed) {
            mc.progress();
        }
        if (global) {
            mc.globalWritten += 32L * total;
            if (mc.path != null) {
                for (int l = 0; l < 32; l++) {
                    mc.path.store(w, alloc, (int) (run + (long) l * stride), total);
                }
            }
        }
        return true;
    }

    /**
     * The offset of a full warp's run ({@link #runOffset}) in the shared or global memory {@link #directMemory} found
     * for it (left in the {@code run*} fields of {@link Machine}), or -1 where the access has no such memory or is no
     * run.
     */
    private static long checkedRun(Machine mc, Warp w, Insn in, int total) {
        return directMemory(mc, w, in, total, false)
                ? runOffset(mc, w, in, -1, mc.runBase, mc.runLimit, total, false) : -1;
    }

    /** racecheck and asynccheck for each lane of a shared run, in lane order, as the per-lane path meets them. */
    private static void sharedRunChecks(Machine mc, Warp w, Insn in, long run, int stride, int total, boolean write) {
        for (int l = 0; l < 32; l++) {
            sharedChecks(mc, w, in, l, (int) (run + (long) l * stride), total, write);
        }
    }

    /** Marks the bytes of a run written: one range when the lanes are contiguous, else lane by lane. */
    private static void markRun(long[] written, long run, int total, int stride) {
        if (stride == total) {
            Bytes.markWritten(written, run, 32L * total);
        } else if (total <= 64) {
            Bytes.markLanes(written, run, total, stride);
        } else {
            for (int l = 0; l < 32; l++) {
                Bytes.markWritten(written, run + (long) l * stride, total);
            }
        }
    }

    private static void spinLint(Machine mc, Warp w, Insn in, long addr, long value, int lane) {
        int pc = in.line;
        if (w.lintPc == pc && w.lintAddr == addr && w.lintValue == value) {
            if (++w.lintRepeats == Defaults.SPIN_LINT_REPEATS) {
                mc.rep.report(Check.SPINLINT, mc.lintErrors, w, lane, in, "weak load polled in a spin loop: address 0x"
                        + Long.toHexString(addr) + " read " + w.lintRepeats + " times unchanged with no store in"
                        + " between; use ld.volatile / ld.acquire (cuda::atomic_ref, volatile) or the compiler may"
                        + " hoist it and the hardware may never see the update");
            }
        } else {
            w.lintPc = pc;
            w.lintAddr = addr;
            w.lintValue = value;
            w.lintRepeats = 0;
        }
    }

    static void sharedChecks(Machine mc, Warp w, Insn in, int lane, int off, int size, boolean write) {
        Cta cta = w.cta;
        if (cta.race != null) {
            int thread = w.index * 32 + lane;
            int other = write ? cta.race.write(off, size, thread, cta.epoch) : cta.race.read(off, size, thread,
                    cta.epoch);
            if (other != -1) {
                String who = other == Integer.MIN_VALUE ? "threads of several warps"
                        : "thread " + mc.rep.threadOf(other) + " (warp " + other / 32 + ")";
                mc.rep.report(Check.RACECHECK, true, w, lane, in, (write ? "write" : "read") + " of shared offset "
                        + off + " races with an access by " + who + " since the last barrier");
            }
        }
        if (mc.asynccheck && !write && !cta.pending.isEmpty()) {
            for (Cta.PendingRange pr : cta.pending) {
                if (off < pr.end() && off + size > pr.start()) {
                    mc.rep.report(Check.ASYNCCHECK, true, w, lane, in, "read of shared offset " + off
                            + ", the destination of the async copy at PTX line " + pr.line()
                            + ", before waiting for it");
                    break;
                }
            }
        }
    }

    /** The general path of a store, lane by lane, every diagnostic included. */
    private static void store(Machine mc, Warp w, Insn in, int mask) {
        long[] r = w.r;
        int size = in.size;
        int total = size * in.vec;
        w.lintPc = -1;
        Definedness defs = mc.defs;
        boolean first = true;
        for (int k = mask; k != 0; k &= k - 1) {
            int l = numberOfTrailingZeros(k);
            long addr = mc.address(w, in, l);
            if (defs != null) {
                defs.address(w, in, l, in.addr);
            }
            if (first || !mc.sameMemory(in, addr, total)) {
                mc.resolve(w, in, l, in.space, addr, total, total, true);
            }
            first = false;
            byte[] bytes = mc.tBytes;
            int off = mc.tOff;
            if (mc.tSpace == Space.GLOBAL) {
                mc.globalWritten += total;
                if (mc.path != null) {
                    mc.path.store(w, mc.tAlloc, off, total);
                }
            } else if (mc.tSpace == Space.SHARED) {
                sharedChecks(mc, w, in, l, off, total, true);
            }
            for (int i = 0; i < in.vec; i++) {
                long v = in.sv[i] >= 0 ? r[in.sv[i] + l] : in.siv[i];
                int o = off + i * size;
                if (Bytes.get(bytes, o, size) != (v & Lanes.WIDTH[size])) {
                    Bytes.put(bytes, o, size, v);
                    mc.progress();
                }
                if (defs != null) {
                    // the value's undefined bits go to memory with it
                    long u = Definedness.sourceBits(w, in.sv[i], l, size);
                    defs.stored(w, in, l, o, size, u, u != 0 ? defs.originOfRegister(w, in.sv[i], in) : 0);
                }
            }
            if (mc.tWritten != null && defs == null) {
                Bytes.markWritten(mc.tWritten, off, total);
            }
        }
    }
}
