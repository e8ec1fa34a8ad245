package dev.scanbench.emulator;

import dev.scanbench.emulator.decode.Program;
import dev.scanbench.emulator.exec.Scheduler;
import dev.scanbench.emulator.memory.Allocation;
import dev.scanbench.emulator.memory.Bytes;
import dev.scanbench.emulator.memory.GlobalMemory;
import dev.scanbench.emulator.parse.Declarations.VarDecl;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * An emulated device: global memory (allocation table with red zones) and kernel launches. Not thread-safe:
 * one launch runs at a time, on the calling thread.
 */
public final class Device implements AutoCloseable {
    /** Bytes of the zeroed workspace whose address %envreg1:%envreg2 hold (cooperative-groups grid sync). */
    static final int GRID_SYNC_WORKSPACE = 256;

    private final GlobalMemory memory = new GlobalMemory();
    private final Map<PtxModule, long[]> moduleVariables = new IdentityHashMap<>();

    /**
     * Allocates {@code bytes} of device memory, zero-filled but never written (initcheck reports reads).
     *
     * @throws IllegalArgumentException if {@code bytes} is not between 1 and 2^31 - 65
     */
    public DevicePointer alloc(long bytes) {
        return alloc(bytes, null);
    }

    /**
     * Allocates {@code bytes} of device memory under a name that every diagnostic about it uses (e.g. {@code x},
     * {@code scratch 'state'}), so that a fault names the buffer as the user knows it, not "allocation #2".
     *
     * @param label the buffer's name in messages, or null for {@code allocation #k}
     * @throws IllegalArgumentException if {@code bytes} is not between 1 and 2^31 - 65
     */
    public DevicePointer alloc(long bytes, String label) {
        Allocation a = memory.allocate(bytes, label);
        return new DevicePointer(a.base, a.size);
    }

    /** Frees an allocation made by {@link #alloc}. */
    public void free(DevicePointer p) throws DeviceMemoryException {
        if (!memory.free(p.address())) {
            throw new DeviceMemoryException("free of 0x" + Long.toHexString(p.address())
                    + ", which is not the start of a live allocation");
        }
    }

    /** Copies bytes to the device. */
    public void copyIn(DevicePointer dst, byte[] src) throws DeviceMemoryException {
        Allocation a = range(dst.address(), src.length, "copyIn");
        int off = (int) (dst.address() - a.base);
        System.arraycopy(src, 0, a.data, off, src.length);
        Bytes.markWritten(a.written, off, src.length);
    }

    /** Copies ints to the device (little-endian, as the GPU stores them). */
    public void copyIn(DevicePointer dst, int[] src) throws DeviceMemoryException {
        view(dst.address(), 4L * src.length, "copyIn", true).asIntBuffer().put(src);
    }

    /** Copies longs to the device. */
    public void copyIn(DevicePointer dst, long[] src) throws DeviceMemoryException {
        view(dst.address(), 8L * src.length, "copyIn", true).asLongBuffer().put(src);
    }

    /** Copies floats to the device. */
    public void copyIn(DevicePointer dst, float[] src) throws DeviceMemoryException {
        view(dst.address(), 4L * src.length, "copyIn", true).asFloatBuffer().put(src);
    }

    /**
     * Copies {@code src.remaining()} bytes to the device (a host that keeps its own copy of device memory, such as
     * a software driver, brings the emulator's copy up to date this way). The bytes count as written.
     */
    public void copyIn(DevicePointer dst, ByteBuffer src) throws DeviceMemoryException {
        Allocation a = range(dst.address(), src.remaining(), "copyIn");
        int off = (int) (dst.address() - a.base);
        int len = src.remaining();
        src.duplicate().get(a.data, off, len);
        Bytes.markWritten(a.written, off, len);
    }

    /**
     * A read-only, little-endian view of an allocation's bytes from {@code p} to its end, without copying: what a
     * host mirroring device memory compares against its own copy after a launch.
     */
    public ByteBuffer contents(DevicePointer p) throws DeviceMemoryException {
        Allocation a = range(p.address(), 0, "contents");
        int off = (int) (p.address() - a.base);
        return ByteBuffer.wrap(a.data, off, a.size - off).slice().asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Copies {@code dst.length} bytes from the device. */
    public void copyOut(DevicePointer src, byte[] dst) throws DeviceMemoryException {
        Allocation a = range(src.address(), dst.length, "copyOut");
        System.arraycopy(a.data, (int) (src.address() - a.base), dst, 0, dst.length);
    }

    /** Copies ints from the device. */
    public void copyOut(DevicePointer src, int[] dst) throws DeviceMemoryException {
        view(src.address(), 4L * dst.length, "copyOut", false).asIntBuffer().get(dst);
    }

    /** Copies longs from the device. */
    public void copyOut(DevicePointer src, long[] dst) throws DeviceMemoryException {
        view(src.address(), 8L * dst.length, "copyOut", false).asLongBuffer().get(dst);
    }

    /** Copies floats from the device. */
    public void copyOut(DevicePointer src, float[] dst) throws DeviceMemoryException {
        view(src.address(), 4L * dst.length, "copyOut", false).asFloatBuffer().get(dst);
    }

    /** A little-endian view of device bytes (no copy); a write view marks the bytes written. */
    private ByteBuffer view(long addr, long len, String what, boolean write) throws DeviceMemoryException {
        Allocation a = range(addr, len, what);
        int off = (int) (addr - a.base);
        if (write) {
            Bytes.markWritten(a.written, off, len);
        }
        return ByteBuffer.wrap(a.data, off, (int) len).slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Sets {@code bytes} bytes to {@code value} (they count as written). */
    public void memset(DevicePointer dst, byte value, long bytes) throws DeviceMemoryException {
        Allocation a = range(dst.address(), bytes, "memset");
        int off = (int) (dst.address() - a.base);
        java.util.Arrays.fill(a.data, off, off + (int) bytes, value);
        Bytes.markWritten(a.written, off, bytes);
    }

    /**
     * Fills {@code bytes} bytes with {@code value} and marks them undefined, as scratch memory a harness poisons
     * between runs: a kernel that reads them before writing sees {@code value}, and initcheck treats what it
     * read as undefined (reported where it decides something, as a never-written byte is).
     */
    public void poison(DevicePointer dst, byte value, long bytes) throws DeviceMemoryException {
        Allocation a = range(dst.address(), bytes, "poison");
        int off = (int) (dst.address() - a.base);
        java.util.Arrays.fill(a.data, off, off + (int) bytes, value);
        Bytes.markUndefined(a.written, off, bytes);
        a.origins.add(off, off + bytes, String.format("memory the host filled with poison (0x%02x) and no kernel wrote"
                + " since (%s)", value & 0xFF, a.label), null);
    }

    /**
     * The first byte of {@code [p, p + bytes)} that holds an undefined value (never written, poisoned, or stored
     * from an undefined value), as an initcheck diagnostic: located at the store that wrote it (kernel, block,
     * thread, PTX and source line) with the value's origin, or with no location for bytes no kernel wrote.
     * Empty when every byte is defined. Definedness is tracked by launches with initcheck on; host copies and
     * fills are defined, {@link #poison} is not.
     */
    public java.util.Optional<Diagnostic> firstUndefined(DevicePointer p, long bytes) throws DeviceMemoryException {
        Allocation a = range(p.address(), bytes, "firstUndefined");
        int off = (int) (p.address() - a.base);
        long bad = Bytes.firstUnwritten(a.written, off, bytes);
        if (bad < 0) {
            return java.util.Optional.empty();
        }
        String at = "byte " + (bad - off) + " (0x" + Long.toHexString(a.base + bad) + ", " + a.label + ")";
        dev.scanbench.emulator.memory.ShadowOrigins.Range r = a.origins.find(bad);
        if (r != null && r.store() != null) {
            Diagnostic s = r.store();
            return java.util.Optional.of(new Diagnostic(Check.INITCHECK, true, s.kernel(), s.block(), s.thread(),
                    s.ptxLine(), s.source(), at + " holds " + r.origin(), s.inlinedAt()));
        }
        String what = r != null ? r.origin() : "memory no kernel or host copy ever wrote";
        return java.util.Optional.of(new Diagnostic(Check.INITCHECK, true, "(no kernel)", null, null, 0, null,
                at + " holds an undefined value: " + what));
    }

    /** Device address of a module's {@code .global} / {@code .const} variable (allocated on first use). */
    public DevicePointer symbol(PtxModule module, String name) throws LaunchException {
        long[] addrs = instantiate(module);
        List<VarDecl> vars = module.variables();
        for (int i = 0; i < vars.size(); i++) {
            if (vars.get(i).name().equals(name) && !vars.get(i).space().equals("shared")) {
                return new DevicePointer(addrs[i], vars.get(i).size());
            }
        }
        throw new LaunchException("no global or const variable '" + name + "' in the module");
    }

    /**
     * Launches an entry and runs it to completion (or fault, or deadlock).
     *
     * @param module        the loaded module
     * @param entry         entry name
     * @param grid          grid dimensions
     * @param block         block dimensions (at most 1024 threads)
     * @param dynamicShared dynamic shared memory in bytes
     * @param options       diagnostics, residency, dispatch order, scheduler limits
     * @param args          one per declared parameter: DevicePointer, Long, Integer, Short, Byte, Float, Double,
     *                      or byte[] (a by-value struct, see {@link Args#struct})
     * @throws LaunchException unknown entry, bad dimensions, or arguments that do not match the parameters
     */
    public LaunchResult launch(PtxModule module, String entry, Dim3 grid, Dim3 block, int dynamicShared,
            LaunchOptions options, Object... args) throws LaunchException {
        return launch(module, entry, grid, block, dynamicShared, options, LaunchMode.PLAIN, args);
    }

    /**
     * Launches an entry as {@code mode} says and runs it to completion (or fault, or deadlock). Only a cooperative
     * launch gets the grid-sync workspace that {@code cg::this_grid().sync()} uses (%envreg1:%envreg2): in a plain
     * launch those registers hold 0, and a grid sync faults on that null address with a message saying why, as
     * on a GPU a grid sync outside a cooperative launch is undefined (it hangs or faults).
     *
     * @throws LaunchException as {@link #launch(PtxModule, String, Dim3, Dim3, int, LaunchOptions, Object...)}, and
     *                         for a cooperative grid larger than an H100 keeps resident (the numbers in the message)
     */
    public LaunchResult launch(PtxModule module, String entry, Dim3 grid, Dim3 block, int dynamicShared,
            LaunchOptions options, LaunchMode mode, Object... args) throws LaunchException {
        Program prog = module.entry(entry);
        if (prog == null) {
            throw new LaunchException("no entry '" + entry + "' in module (entries: " + module.entryNames() + ")");
        }
        if (block.count() > 1024) {
            throw new LaunchException("block " + block + " has " + block.count() + " threads; the limit is 1024");
        }
        if (grid.count() > Integer.MAX_VALUE || grid.y() > 65535 || grid.z() > 65535) {
            throw new LaunchException("grid " + grid + " exceeds the launch limits");
        }
        if (dynamicShared < 0 || prog.staticShared() + (long) dynamicShared > 227 * 1024) {
            throw new LaunchException("shared memory " + prog.staticShared() + " + " + dynamicShared
                    + " bytes exceeds 227 KiB");
        }
        Occupancy occupancy = Occupancy.of(mode.registersPerThread(), prog.staticShared() + (long) dynamicShared,
                (int) block.count());
        if (mode.cooperative() && grid.count() > occupancy.residentCtas()) {
            throw new LaunchException(occupancy.cooperativeRefusal(entry, grid));
        }
        byte[] params = marshal(prog, args);
        long[] symbols = instantiate(module);
        long[] envreg = new long[32];
        Allocation ws = null;
        if (mode.cooperative()) {
            ws = memory.allocateInternal(GRID_SYNC_WORKSPACE, "grid-sync workspace");
            Bytes.markWritten(ws.written, 0, GRID_SYNC_WORKSPACE);
            envreg[1] = ws.base >>> 32;
            envreg[2] = ws.base & 0xFFFFFFFFL;
        }
        // a cooperative launch has its whole grid resident (it fits, checked above)
        LaunchOptions run = mode.cooperative() ? options.withResidency(1, 0)
                : options.withResidency(options.residentCtas(occupancy), 1);
        memory.nullHint(!mode.cooperative() && readsGridSyncWorkspace(prog) ? NOT_COOPERATIVE : null);
        try {
            return Scheduler.run(prog, memory, params, symbols, envreg, grid, block, dynamicShared, run);
        } finally {
            memory.nullHint(null);
            if (ws != null) {
                memory.free(ws.base);
            }
        }
    }

    /**
     * The occupancy of an entry launched with this block, dynamic shared memory and registers per thread.
     *
     * @throws LaunchException for an unknown entry or a block of more than 1024 threads
     */
    public Occupancy occupancy(PtxModule module, String entry, Dim3 block, int dynamicShared, int registers)
            throws LaunchException {
        Program prog = module.entry(entry);
        if (prog == null) {
            throw new LaunchException("no entry '" + entry + "' in module (entries: " + module.entryNames() + ")");
        }
        if (block.count() > 1024 || dynamicShared < 0) {
            throw new LaunchException("block " + block + " has " + block.count() + " threads; the limit is 1024");
        }
        return Occupancy.of(registers, prog.staticShared() + (long) dynamicShared, (int) block.count());
    }

    /** Why a plain launch that grid-syncs faults at a null address. */
    static final String NOT_COOPERATIVE = "the grid-sync workspace of cg::this_grid() (%envreg1:%envreg2), which only a"
            + " cooperative launch has, and this launch is not cooperative: grid.sync() outside a cooperative launch"
            + " is undefined on a GPU (it traps, hangs or faults); launch the kernel cooperatively (`cooperative` on"
            + " its @plan launch line)";

    private static boolean readsGridSyncWorkspace(Program prog) {
        for (Program.SpecialSlot s : prog.specials()) {
            if (s.kind() == dev.scanbench.emulator.decode.Special.ENVREG && (s.envreg() == 1 || s.envreg() == 2)) {
                return true;
            }
        }
        return false;
    }

    private static byte[] marshal(Program prog, Object[] args) throws LaunchException {
        List<Program.Param> ps = prog.params();
        if (args.length != ps.size()) {
            throw new LaunchException(prog.name() + " takes " + ps.size() + " parameters, got " + args.length);
        }
        ByteBuffer bb = ByteBuffer.allocate(Math.max(8, prog.paramBytes())).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < ps.size(); i++) {
            Program.Param p = ps.get(i);
            Object a = args[i];
            int size;
            try {
                size = Args.sizeOf(a);
            } catch (IllegalArgumentException e) {
                throw new LaunchException("parameter " + i + " (" + p.name() + "): " + e.getMessage());
            }
            if (size != p.size()) {
                throw new LaunchException("parameter " + i + " (" + p.name() + ") is ." + p.type() + " of " + p.size()
                        + " bytes but the argument " + a.getClass().getSimpleName() + " has " + size);
            }
            Args.put(bb, p.offset(), a);
        }
        return bb.array();
    }

    private long[] instantiate(PtxModule module) {
        return moduleVariables.computeIfAbsent(module, m -> {
            List<VarDecl> vars = m.variables();
            long[] addrs = new long[vars.size()];
            for (int i = 0; i < vars.size(); i++) {
                VarDecl v = vars.get(i);
                if (v.space().equals("shared") || v.size() <= 0) {
                    continue;
                }
                Allocation a = memory.allocate(v.size(), "module variable " + v.name());
                if (v.init() != null) {
                    System.arraycopy(v.init(), 0, a.data, 0, Math.min(v.init().length, a.size));
                }
                // module variables are zero-initialised by the loader, so they count as written
                Bytes.markWritten(a.written, 0, a.size);
                addrs[i] = a.base;
            }
            return addrs;
        });
    }

    private Allocation range(long addr, long len, String what) throws DeviceMemoryException {
        Allocation a = memory.find(addr);
        if (a == null || !a.contains(addr, len)) {
            throw new DeviceMemoryException(what + " of " + len + " bytes at 0x" + Long.toHexString(addr) + ": "
                    + (a == null ? memory.describeMiss(addr) : "runs past the end of " + a));
        }
        return a;
    }

    @Override
    public void close() {
        moduleVariables.clear();
    }
}
