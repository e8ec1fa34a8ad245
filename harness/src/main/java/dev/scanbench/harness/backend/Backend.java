package dev.scanbench.harness.backend;

import dev.scanbench.harness.plan.Dim3;

/**
 * One device that runs candidates: the CUDA driver on a GPU, or the PTX emulator. Everything happens in
 * order on a single stream, so a launch sees the effects of every earlier call. All resources it hands out
 * are AutoCloseable; closing the backend releases the device.
 */
public interface Backend extends AutoCloseable {

    /** Short name for logs and results: {@code cuda} or {@code emulator}. */
    String name();

    /** The device in words, e.g. {@code NVIDIA H100 80GB HBM3 (driver 13.0)} or {@code PTX emulator}. */
    String deviceDescription();

    /** True when events measure real time (the CUDA backend); the emulator has no time. */
    boolean hasClock();

    /**
     * True when the clock is a model, not a measurement: the CUDA backend on the workbench's software driver,
     * whose events read a traffic model. Nothing timed on such a backend is a GPU time.
     */
    default boolean simulated() {
        return false;
    }

    /** Allocates uninitialised device memory. */
    DeviceBuffer allocate(long bytes) throws BackendException;

    /**
     * Allocates uninitialised device memory under a name, which every diagnostic about the buffer uses: the
     * plan's names ({@code x}, {@code y}, {@code scratch 'state'}), so a fault never says "allocation #2". A
     * backend without diagnostics ignores the name.
     */
    default DeviceBuffer allocate(long bytes, String name) throws BackendException {
        return allocate(bytes);
    }

    /**
     * True when every access outside an allocation is caught and located (the emulator's memcheck). Without it
     * (a GPU) the harness guards the output with a canary region past its end, so a write past n is still seen.
     */
    default boolean checksBounds() {
        return false;
    }

    /**
     * True when device memory is the JVM's own (the emulator): the harness then does its own work (input,
     * canary, checksum, comparison) in Java on that memory rather than as kernels the emulator would run.
     */
    default boolean hostMemory() {
        return false;
    }

    /** Sets every byte of a buffer to {@code value} (cuMemsetD8). */
    void fill8(DeviceBuffer buffer, byte value) throws BackendException;

    /** Sets every 32-bit word of a buffer to {@code value} (cuMemsetD32); the size must be a multiple of 4. */
    void fill32(DeviceBuffer buffer, int value) throws BackendException;

    /**
     * Fills a buffer with a poison byte so that no run can rely on what an earlier one left there. A backend that
     * tracks definedness (the emulator with initcheck) also marks the bytes undefined, so a kernel that decides
     * anything on them before writing them is reported; elsewhere this is {@link #fill8}.
     */
    default void poison(DeviceBuffer buffer, byte value) throws BackendException {
        fill8(buffer, value);
    }

    /**
     * Checks that every byte of a buffer holds a defined value, where the backend tracks definedness (the
     * emulator with initcheck; elsewhere nothing is known and this returns).
     *
     * @param name the buffer as the plan names it, for the message ({@code y})
     * @throws DeviceFaultException naming the store that wrote an undefined value and where the value came from
     */
    default void requireDefined(DeviceBuffer buffer, String name) throws BackendException {
    }

    /** Copies host ints to the start of a buffer, little-endian. */
    void copyIn(DeviceBuffer destination, int[] source) throws BackendException;

    /** Copies ints from the start of a buffer to the host, filling {@code destination}. */
    void copyOut(DeviceBuffer source, int[] destination) throws BackendException;

    /**
     * Loads a module.
     *
     * @throws BackendException when the image has no form this backend runs (the emulator and a cubin-only
     *                          image) or the driver rejects it
     */
    LoadedModule load(ModuleImage image) throws BackendException;

    /**
     * Enqueues one kernel launch. Dynamic shared memory above the default 48 KiB is opted into by the
     * backend (the plan validator has already bounded it by the sm_90 limit).
     *
     * @param module      the module defining the entry
     * @param entry       the exact PTX entry name
     * @param grid        grid shape
     * @param block       block shape
     * @param sharedBytes dynamic shared memory per block
     * @param params      the parameter values, packed per the entry's PTX signature
     * @throws DeviceFaultException when the kernel faults (reported at the launch or the next synchronisation)
     */
    void launch(LoadedModule module, String entry, Dim3 grid, Dim3 block, long sharedBytes, PackedParams params)
            throws BackendException;

    /**
     * Enqueues one kernel launch, cooperatively when {@code cooperative} ({@code cuLaunchCooperativeKernel}: the
     * whole grid resident at once, so that {@code cg::this_grid().sync()} is defined).
     *
     * @throws BackendException as {@link #launch(LoadedModule, String, Dim3, Dim3, long, PackedParams)}, and when a
     *                          cooperative grid exceeds what the device keeps resident (the numbers in the message)
     */
    default void launch(LoadedModule module, String entry, Dim3 grid, Dim3 block, long sharedBytes,
                        PackedParams params, boolean cooperative) throws BackendException {
        if (cooperative) {
            throw new BackendException("the " + name() + " backend has no cooperative launch (" + entry + ")");
        }
        launch(module, entry, grid, block, sharedBytes, params);
    }

    /** Records an event in the stream. */
    DeviceEvent record() throws BackendException;

    /**
     * Milliseconds between two recorded events, after both completed.
     *
     * @throws BackendException on a backend without a clock ({@link #hasClock()} false)
     */
    double elapsedMillis(DeviceEvent start, DeviceEvent end) throws BackendException;

    /**
     * Waits until everything enqueued has finished.
     *
     * @throws DeviceFaultException when an enqueued kernel faulted
     */
    void synchronize() throws BackendException;

    /** Releases the device and everything still allocated on it. */
    @Override
    void close() throws BackendException;
}
