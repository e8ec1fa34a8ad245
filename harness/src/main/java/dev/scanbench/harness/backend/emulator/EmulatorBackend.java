package dev.scanbench.harness.backend.emulator;

import dev.scanbench.emulator.Check;
import dev.scanbench.emulator.Device;
import dev.scanbench.emulator.DeviceMemoryException;
import dev.scanbench.emulator.Diagnostic;
import dev.scanbench.emulator.Emulator;
import dev.scanbench.emulator.EmulatorException;
import dev.scanbench.emulator.LaunchException;
import dev.scanbench.emulator.LaunchMode;
import dev.scanbench.emulator.LaunchOptions;
import dev.scanbench.emulator.LaunchResult;
import dev.scanbench.emulator.Occupancy;
import dev.scanbench.emulator.PtxModule;
import dev.scanbench.harness.Defaults;
import dev.scanbench.harness.backend.Backend;
import dev.scanbench.harness.backend.BackendException;
import dev.scanbench.harness.backend.CubinRegisters;
import dev.scanbench.harness.backend.DeviceBuffer;
import dev.scanbench.harness.backend.DeviceEvent;
import dev.scanbench.harness.backend.DeviceFaultException;
import dev.scanbench.harness.backend.LoadedModule;
import dev.scanbench.harness.backend.ModuleImage;
import dev.scanbench.harness.backend.PackedParams;
import dev.scanbench.harness.plan.Dim3;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The PTX emulator as a backend: runs a module's PTX on the CPU, one launch at a time, with the emulator's
 * diagnostics. Launches complete before {@link #launch} returns, so a fault is reported there. There is no
 * clock: {@link #elapsedMillis} refuses, and {@link #counters()} reports the work done instead.
 */
public final class EmulatorBackend implements Backend {
    private final Device device = new Device();
    private LaunchOptions options;
    private ExecutionCounters counters = ExecutionCounters.ZERO;
    private final List<Diagnostic> warnings = new ArrayList<>();
    private final PrintfOutput printf = new PrintfOutput();
    private boolean closed;

    /** @param options diagnostics, residency, dispatch order, seed and scheduler limits for every launch */
    public EmulatorBackend(LaunchOptions options) {
        this.options = options;
    }

    /** The launch options in force. */
    public LaunchOptions options() {
        return options;
    }

    /** Replaces the launch options for later launches (e.g. another dispatch order for the next run). */
    public void setOptions(LaunchOptions options) {
        this.options = options;
    }

    /** The work done by every launch since the last {@link #resetCounters()}. */
    public ExecutionCounters counters() {
        return counters;
    }

    /** Starts counting from zero, e.g. at the start of one run of a plan. */
    public void resetCounters() {
        counters = ExecutionCounters.ZERO;
    }

    /** Device-side printf output of every launch so far (capped), faulting launches included. */
    public PrintfOutput printf() {
        return printf;
    }

    /** Warnings (lint such as weak loads in spin loops) of every launch so far, in order. */
    public List<Diagnostic> warnings() {
        return List.copyOf(warnings);
    }

    @Override
    public String name() {
        return "emulator";
    }

    @Override
    public String deviceDescription() {
        return "PTX emulator (" + (options.occupancyResidency() ? "H100 occupancy x 132 SMs"
                : options.residentCtas() == 0 ? "whole grid" : options.residentCtas() + " CTAs")
                + " resident, " + options.order().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
                + " dispatch, checks " + (options.checks().isEmpty() ? "off" : options.checks()) + ")";
    }

    @Override
    public boolean hasClock() {
        return false;
    }

    @Override
    public DeviceBuffer allocate(long bytes) throws BackendException {
        return allocate(bytes, null);
    }

    @Override
    public DeviceBuffer allocate(long bytes, String name) throws BackendException {
        if (bytes < 1 || bytes > Integer.MAX_VALUE - 64) {
            throw new BackendException("allocate " + bytes + " bytes" + (name == null ? "" : " for " + name)
                    + ": the emulator allocates 1 byte to 2 GiB");
        }
        open();
        return new EmulatorBuffer(device, device.alloc(bytes, name));
    }

    @Override
    public boolean hostMemory() {
        return true;
    }

    @Override
    public boolean checksBounds() {
        return options.on(Check.MEMCHECK);
    }

    @Override
    public void fill8(DeviceBuffer buffer, byte value) throws BackendException {
        EmulatorBuffer b = EmulatorBuffer.of(buffer);
        try {
            device.memset(b.pointer(), value, b.bytes());
        } catch (DeviceMemoryException e) {
            throw new BackendException("fill8: " + e.getMessage(), e);
        }
    }

    @Override
    public void poison(DeviceBuffer buffer, byte value) throws BackendException {
        EmulatorBuffer b = EmulatorBuffer.of(buffer);
        try {
            device.poison(b.pointer(), value, b.bytes());
        } catch (DeviceMemoryException e) {
            throw new BackendException("poison: " + e.getMessage(), e);
        }
    }

    @Override
    public void requireDefined(DeviceBuffer buffer, String name) throws BackendException {
        if (!options.on(Check.INITCHECK)) {
            return;
        }
        EmulatorBuffer b = EmulatorBuffer.of(buffer);
        try {
            var undefined = device.firstUndefined(b.pointer(), b.bytes());
            if (undefined.isPresent()) {
                throw EmulatorFaultException.undefined(name, undefined.get());
            }
        } catch (DeviceMemoryException e) {
            throw new BackendException("requireDefined: " + e.getMessage(), e);
        }
    }

    @Override
    public void fill32(DeviceBuffer buffer, int value) throws BackendException {
        EmulatorBuffer b = EmulatorBuffer.of(buffer);
        if (b.bytes() % 4 != 0) {
            throw new BackendException("fill32 of a buffer of " + b.bytes() + " bytes, not a multiple of 4");
        }
        int[] words = new int[(int) (b.bytes() / 4)];
        Arrays.fill(words, value);
        copyIn(buffer, words);
    }

    @Override
    public void copyIn(DeviceBuffer destination, int[] source) throws BackendException {
        try {
            device.copyIn(EmulatorBuffer.of(destination).pointer(), source);
        } catch (DeviceMemoryException e) {
            throw new BackendException("copyIn of " + source.length + " ints: " + e.getMessage(), e);
        }
    }

    @Override
    public void copyOut(DeviceBuffer source, int[] destination) throws BackendException {
        try {
            device.copyOut(EmulatorBuffer.of(source).pointer(), destination);
        } catch (DeviceMemoryException e) {
            throw new BackendException("copyOut of " + destination.length + " ints: " + e.getMessage(), e);
        }
    }

    @Override
    public LoadedModule load(ModuleImage image) throws BackendException {
        open();
        if (image.ptx().isEmpty()) {
            throw new BackendException("the emulator runs PTX, and this module is a cubin only:"
                    + " give the .cu (it is compiled to PTX) or the .ptx, or run the cubin with --backend cuda");
        }
        try {
            return new EmulatorModule(Emulator.load(image.ptx().get()),
                    image.cubin().map(CubinRegisters::read).orElse(Map.of()));
        } catch (EmulatorException e) {
            throw new BackendException("the emulator cannot load the PTX: " + e.getMessage(), e);
        }
    }

    @Override
    public void launch(LoadedModule module, String entry, Dim3 grid, Dim3 block, long sharedBytes,
                       PackedParams params) throws BackendException {
        launch(module, entry, grid, block, sharedBytes, params, false);
    }

    /**
     * Runs one launch. Its occupancy (CTAs per SM by the cubin's registers, its shared memory and block size, as an
     * H100 computes it) sets the residency when the options ask for an H100's, and bounds a cooperative grid.
     */
    @Override
    public void launch(LoadedModule module, String entry, Dim3 grid, Dim3 block, long sharedBytes,
                       PackedParams params, boolean cooperative) throws BackendException {
        open();
        long blocks = grid.x() * grid.y() * grid.z();
        if (blocks > Defaults.EMULATOR_MAX_BLOCKS) {
            throw new EmulatorLimitException("launch of " + entry + " grid " + grid + ": " + blocks
                    + " blocks, more than the emulator runs in one launch (" + Defaults.EMULATOR_MAX_BLOCKS
                    + "); a GPU may run it (--backend cuda). An environment limit, not a fault of the kernel");
        }
        EmulatorModule loaded = EmulatorModule.of(module);
        PtxModule ptx = loaded.module();
        Object[] args = new Object[params.count()];
        for (int i = 0; i < args.length; i++) {
            // Each value goes in as its raw bytes; the emulator places them at the entry's own offsets.
            args[i] = params.value(i);
        }
        LaunchResult result;
        try {
            if (cooperative) {
                Occupancy occupancy = device.occupancy(ptx, entry, dim(block), Math.toIntExact(sharedBytes),
                        loaded.registers(entry));
                if (blocks > occupancy.residentCtas()) {
                    // the candidate's launch, refused as cuLaunchCooperativeKernel refuses it: a launch failure
                    throw new DeviceFaultException(occupancy.cooperativeRefusal(entry, dim(grid)));
                }
            }
            result = device.launch(ptx, entry, dim(grid), dim(block), Math.toIntExact(sharedBytes), options,
                    new LaunchMode(cooperative, loaded.registers(entry)), args);
        } catch (LaunchException e) {
            throw new BackendException("launch of " + entry + " grid " + grid + " block " + block + ": "
                    + e.getMessage(), e);
        }
        counters = counters.plus(result.counters());
        printf.add(result.printf(), result.printfOmitted());
        result.diagnostics().stream().filter(d -> !d.error()).forEach(warnings::add);
        if (!result.clean()) {
            throw EmulatorFaultException.of(entry, result);
        }
    }

    @Override
    public DeviceEvent record() throws BackendException {
        open();
        return () -> { };
    }

    @Override
    public double elapsedMillis(DeviceEvent start, DeviceEvent end) throws BackendException {
        throw new BackendException("the emulator has no clock: it reports instructions executed and global bytes"
                + " moved instead of time");
    }

    @Override
    public void synchronize() throws BackendException {
        // Launches run to completion inside launch(); a fault has already been thrown there.
        open();
    }

    @Override
    public void close() {
        closed = true;
        device.close();
    }

    private void open() throws BackendException {
        if (closed) {
            throw new BackendException("the emulator backend is closed");
        }
    }

    private static dev.scanbench.emulator.Dim3 dim(Dim3 d) throws BackendException {
        try {
            return new dev.scanbench.emulator.Dim3(Math.toIntExact(d.x()), Math.toIntExact(d.y()),
                    Math.toIntExact(d.z()));
        } catch (ArithmeticException e) {
            throw new BackendException("shape " + d + " does not fit the emulator's 32-bit dimensions");
        }
    }
}
