package dev.scanbench.swdriver;

import dev.scanbench.emulator.Device;
import dev.scanbench.emulator.DeviceMemoryException;
import dev.scanbench.emulator.DevicePointer;
import dev.scanbench.emulator.Diagnostic;
import dev.scanbench.emulator.Dim3;
import dev.scanbench.emulator.Emulator;
import dev.scanbench.emulator.EmulatorException;
import dev.scanbench.emulator.LaunchException;
import dev.scanbench.emulator.LaunchMode;
import dev.scanbench.emulator.LaunchOptions;
import dev.scanbench.emulator.LaunchResult;
import dev.scanbench.emulator.PtxModule;
import dev.scanbench.emulator.PtxSyntaxException;
import dev.scanbench.emulator.UnsupportedPtxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The emulated device behind the driver: an emulator {@link Device} whose allocations mirror the driver's C
 * allocations at the same addresses, and the modules the driver loaded. Before a launch the allocations the C side
 * wrote are copied in; after it, what the kernel changed is copied back, so the C side always holds the truth a
 * host copy reads.
 */
final class SoftwareDevice {
    // CUresult values the emulator's verdicts map to.
    static final int SUCCESS = 0;
    static final int INVALID_VALUE = 1;
    static final int INVALID_PTX = 218;
    static final int ILLEGAL_ADDRESS = 700;
    static final int MISALIGNED_ADDRESS = 716;
    static final int LAUNCH_FAILED = 719;
    static final int NOT_SUPPORTED = 801;
    static final int HANG = -1;
    /** The emulator's checks for what may go wrong on hardware under another schedule than the emulator's. */
    static final java.util.Set<dev.scanbench.emulator.Check> HARDWARE_HAZARDS = java.util.EnumSet.of(
            dev.scanbench.emulator.Check.RACECHECK, dev.scanbench.emulator.Check.SYNCCHECK);
    /** Granularity of the copy back after a launch: only chunks that differ are written. */
    private static final int CHUNK = 64 * 1024;

    private final Device device = new Device();
    private final Map<Long, Mirror> mirrors = new HashMap<>();
    private final Map<Long, PtxModule> modules = new HashMap<>();

    /** One allocation: the emulator's copy and the driver's C memory. */
    private record Mirror(DevicePointer pointer, ByteBuffer host) {
    }

    synchronized long alloc(long size, ByteBuffer memory) {
        if (size > Integer.MAX_VALUE - 65) {
            Bridge.note("the software CUDA driver holds allocations of up to 2 GiB (the emulator's limit); "
                    + size + " bytes were asked for");
            return 0;
        }
        DevicePointer p = device.alloc(size);
        mirrors.put(p.address(), new Mirror(p, memory.order(ByteOrder.LITTLE_ENDIAN)));
        return p.address();
    }

    synchronized void free(long address) {
        Mirror m = mirrors.remove(address);
        if (m != null) {
            try {
                device.free(m.pointer());
            } catch (DeviceMemoryException e) {
                throw new IllegalStateException("the emulator lost allocation 0x" + Long.toHexString(address), e);
            }
        }
    }

    synchronized int load(long module, byte[] image, boolean cubin) {
        String ptx;
        if (cubin) {
            ptx = CubinSources.ptxFor(image).orElse(null);
            if (ptx == null) {
                Bridge.note("the software CUDA driver runs a cubin by emulating the PTX it was assembled from, and"
                        + " no PTX was registered for this cubin (SoftwareDriver.registerSource)");
                return NOT_SUPPORTED;
            }
        } else {
            int end = 0;
            while (end < image.length && image[end] != 0) {
                end++;
            }
            ptx = new String(image, 0, end, StandardCharsets.UTF_8);
        }
        try {
            modules.put(module, Emulator.load(ptx));
            return SUCCESS;
        } catch (PtxSyntaxException e) {
            Bridge.note("PTX JIT (the emulator's parser): " + e.getMessage());
            return INVALID_PTX;
        } catch (UnsupportedPtxException e) {
            Bridge.note("the software CUDA driver cannot run this PTX: " + e.getMessage());
            return NOT_SUPPORTED;
        } catch (EmulatorException e) {
            Bridge.note("PTX JIT (the emulator): " + e.getMessage());
            return INVALID_PTX;
        }
    }

    synchronized int[] function(long module, String name) {
        PtxModule m = modules.get(module);
        if (m == null || !m.entryNames().contains(name)) {
            return null;
        }
        try {
            List<Integer> sizes = m.parameterSizes(name);
            int[] info = new int[4 + sizes.size()];
            info[0] = m.staticSharedBytes(name);
            info[1] = registerEstimate(m.registerSlots(name, true));
            info[2] = 0;
            info[3] = sizes.size();
            for (int i = 0; i < sizes.size(); i++) {
                info[4 + i] = sizes.get(i);
            }
            return info;
        } catch (LaunchException e) {
            return null;
        }
    }

    /**
     * Registers per thread of a kernel loaded as PTX, where no ptxas reported them: the emulator's live-value slots
     * (64-bit) rounded up to 8, at least 16. A cubin's own count replaces it (read by the C side from the ELF).
     */
    private static int registerEstimate(int slots) {
        int r = Math.max(16, (slots + 7) / 8 * 8);
        return Math.min(255, r);
    }

    synchronized long[] launch(long module, String entry, int[] grid, int[] block, int shared, byte[] params,
                               int residentCtas, boolean cooperative, long[] dirty) {
        PtxModule m = modules.get(module);
        if (m == null) {
            return new long[] {LAUNCH_FAILED, 0, 0};
        }
        try {
            for (long address : dirty) {
                Mirror mirror = mirrors.get(address);
                if (mirror != null) {
                    device.copyIn(mirror.pointer(), mirror.host().duplicate().clear());
                }
            }
            Object[] args = split(m.parameterSizes(entry), params);
            // An H100 keeps 132 SMs x occupancy CTAs resident and dispatches the rest in order as CTAs retire; a
            // cooperative launch is guaranteed its whole grid. The emulator runs one schedule, so a shared-memory race
            // or a divergent barrier, which some hardware schedule turns into a wrong answer or a hang, is a fault here.
            LaunchOptions options = LaunchOptions.defaults().withChecks(HARDWARE_HAZARDS)
                    .withResidency(cooperative ? 0 : residentCtas, 1);
            // The C side checked a cooperative grid against occupancy x 132 with the cubin's registers; the
            // emulator gives only a cooperative launch the grid-sync workspace.
            LaunchResult r = device.launch(m, entry, new Dim3(grid[0], grid[1], grid[2]),
                    new Dim3(block[0], block[1], block[2]), shared, options, new LaunchMode(cooperative, 0), args);
            int status = status(entry, r);
            if (status == SUCCESS) {
                copyBack();
            }
            return new long[] {status, r.counters().globalBytesRead(), r.counters().globalBytesWritten()};
        } catch (LaunchException e) {
            Bridge.note("launch of " + entry + " refused by the emulator: " + e.getMessage());
            return new long[] {INVALID_VALUE, 0, 0};
        } catch (DeviceMemoryException e) {
            throw new IllegalStateException("the emulator's mirror of device memory is out of step: " + e.getMessage(), e);
        }
    }

    private static Object[] split(List<Integer> sizes, byte[] params) {
        Object[] args = new Object[sizes.size()];
        int at = 0;
        for (int i = 0; i < args.length; i++) {
            byte[] value = new byte[sizes.get(i)];
            System.arraycopy(params, at, value, 0, value.length);
            args[i] = value;
            at += value.length;
        }
        return args;
    }

    /** The CUresult of a finished launch, keeping the emulator's account of a fault for the host's error. */
    private static int status(String entry, LaunchResult r) {
        if (r.status() == LaunchResult.Status.DEADLOCKED) {
            Bridge.note("kernel " + entry + " hangs: " + first(r));
            return HANG;
        }
        Diagnostic d = r.diagnostics().stream().filter(Diagnostic::error).findFirst().orElse(null);
        if (r.status() == LaunchResult.Status.COMPLETED && d == null) {
            return SUCCESS;
        }
        String what = d == null ? "kernel " + entry + " faulted" : d.toString();
        Bridge.note(what);
        String message = d == null ? "" : d.message().toLowerCase(Locale.ROOT);
        if (message.contains("misaligned")) {
            return MISALIGNED_ADDRESS;
        }
        if (message.contains("illegal address") || message.contains("out-of-bounds")) {
            return ILLEGAL_ADDRESS;
        }
        return LAUNCH_FAILED;
    }

    private static String first(LaunchResult r) {
        return r.diagnostics().stream().filter(Diagnostic::error).findFirst().map(Diagnostic::toString)
                .orElse("the emulator's deadlock detector stopped it");
    }

    /** Copies back, chunk by chunk, whatever in the emulator's memory now differs from the C side's. */
    private void copyBack() throws DeviceMemoryException {
        for (Mirror mirror : mirrors.values()) {
            ByteBuffer emulated = device.contents(mirror.pointer());
            ByteBuffer host = mirror.host();
            int size = emulated.capacity();
            for (int from = 0; from < size; from += CHUNK) {
                int to = Math.min(size, from + CHUNK);
                ByteBuffer e = emulated.slice(from, to - from);
                ByteBuffer h = host.slice(from, to - from);
                if (e.mismatch(h) >= 0) {
                    h.put(e);
                }
            }
        }
    }

    synchronized void unload(long module) {
        modules.remove(module);
    }
}
