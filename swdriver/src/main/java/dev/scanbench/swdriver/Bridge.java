package dev.scanbench.swdriver;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * What {@code libcuda.so.1} calls (bridge.c), always from a driver call that holds no JNI critical region. Each
 * method answers in driver terms (CUresult codes, sizes); the work is {@link SoftwareDevice}'s. A Java exception
 * escaping here fails the driver call with CUDA_ERROR_UNKNOWN and is printed by the C side.
 */
final class Bridge {
    private static final SoftwareDevice DEVICE = new SoftwareDevice();
    private static volatile boolean initialised;
    private static String note;

    private Bridge() {
    }

    static boolean initialised() {
        return initialised;
    }

    /** cuInit. */
    static int init() {
        initialised = true;
        return 0;
    }

    /** cuMemAlloc: mirrors the C allocation {@code memory} and returns its device address, or 0 when it cannot. */
    static long alloc(long size, ByteBuffer memory) {
        return DEVICE.alloc(size, memory);
    }

    static void free(long address) {
        DEVICE.free(address);
    }

    /** Parses a module's PTX (for a cubin, the PTX registered for it); a CUresult. */
    static int load(long module, byte[] image, boolean cubin) {
        return DEVICE.load(module, image, cubin);
    }

    /** {static shared bytes, registers, local bytes, parameter count, parameter sizes...}, or null for no entry. */
    static int[] function(long module, String name) {
        return DEVICE.function(module, name);
    }

    /** Runs one launch: {CUresult or -1 for a hang, global bytes read, global bytes written}. */
    static long[] launch(long module, String entry, int gx, int gy, int gz, int bx, int by, int bz, int shared,
                         byte[] params, int residentCtas, boolean cooperative, long[] dirty) {
        return DEVICE.launch(module, entry, new int[] {gx, gy, gz}, new int[] {bx, by, bz}, shared, params,
                residentCtas, cooperative, dirty);
    }

    static void unload(long module) {
        DEVICE.unload(module);
    }

    static synchronized void note(String message) {
        note = message;
    }

    static synchronized Optional<String> takeNote() {
        String fromC = null;
        try {
            fromC = takePendingNote();
        } catch (UnsatisfiedLinkError e) {
            // The library was found through LD_LIBRARY_PATH rather than installed: its notes stay in C.
        }
        String n = fromC != null ? fromC : note;
        note = null;
        return Optional.ofNullable(n);
    }

    /** The sentence the C side kept for the last error it returned (bridge.c), or null. */
    private static native String takePendingNote();
}
