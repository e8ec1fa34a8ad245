package dev.scanbench.harness.backend.cuda;

import static dev.scanbench.harness.backend.cuda.CudaErrors.check;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scanbench.harness.backend.Backend;
import dev.scanbench.harness.backend.BackendException;
import dev.scanbench.harness.backend.BackendUnavailableException;
import dev.scanbench.harness.backend.DeviceBuffer;
import dev.scanbench.harness.backend.DeviceEvent;
import dev.scanbench.harness.backend.DeviceFaultException;
import dev.scanbench.harness.backend.LoadedModule;
import dev.scanbench.harness.backend.ModuleImage;
import dev.scanbench.harness.backend.PackedParams;
import dev.scanbench.harness.plan.Dim3;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import jcuda.Pointer;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUfunction;
import jcuda.driver.CUstream;
import jcuda.driver.JCudaDriver;

/**
 * The GPU backend: the CUDA driver API through JCuda, on the device's primary context and one stream.
 * Every driver call is checked by {@link CudaErrors#check}; buffers, modules and events are AutoCloseable
 * and whatever is still open is released when the backend closes. Use it from the thread that opened it.
 */
public final class CudaBackend implements Backend {
    private final CUdevice device;
    private final CUstream stream;
    private final String description;
    private final boolean simulated;
    private final String name;
    private final int driverVersion;
    private final Set<AutoCloseable> open = new LinkedHashSet<>();
    // Built once per parameter set (a plan's launches are packed once per fixture), so that the timed region
    // only enqueues: no host-side packing between the two events.
    private final Map<PackedParams, Pointer> kernelParams = new WeakHashMap<>();
    private boolean closed;

    private CudaBackend(CUdevice device, CUstream stream, String name, int driverVersion, String description,
                        boolean simulated) {
        this.device = device;
        this.stream = stream;
        this.name = name;
        this.driverVersion = driverVersion;
        this.description = description;
        this.simulated = simulated;
    }

    /**
     * Opens a device: initialises the driver, retains the primary context and creates the stream.
     *
     * @param ordinal the device number (0 for the first GPU)
     * @throws BackendUnavailableException when the driver library or the device is missing
     */
    public static CudaBackend open(int ordinal) throws BackendException {
        CudaDriverSwitch.apply();
        java.util.Optional<LinkageError> link = DriverLink.failure();
        if (link.isPresent()) {
            throw new BackendUnavailableException("the CUDA driver cannot be loaded (" + link.get().getClass()
                    .getSimpleName() + ": " + DriverLink.firstLine(link.get()) + "); is an NVIDIA driver installed?");
        }
        check(JCudaDriver.cuInit(0), "cuInit");
        int[] version = new int[1];
        check(JCudaDriver.cuDriverGetVersion(version), "cuDriverGetVersion");
        java.util.Optional<String> old = CudaProbe.tooOld(version[0]);
        if (old.isPresent()) {
            throw new BackendUnavailableException(old.get());
        }
        int[] count = new int[1];
        check(JCudaDriver.cuDeviceGetCount(count), "cuDeviceGetCount");
        if (ordinal < 0 || ordinal >= count[0]) {
            throw new BackendUnavailableException("no CUDA device " + ordinal + " (" + count[0] + " present)");
        }
        CUdevice device = new CUdevice();
        check(JCudaDriver.cuDeviceGet(device, ordinal), "cuDeviceGet");
        CUcontext context = new CUcontext();
        check(JCudaDriver.cuDevicePrimaryCtxRetain(context, device), "cuDevicePrimaryCtxRetain");
        CUstream stream = null;
        try {
            check(JCudaDriver.cuCtxSetCurrent(context), "cuCtxSetCurrent");
            CUstream created = new CUstream();
            check(JCudaDriver.cuStreamCreate(created, 0), "cuStreamCreate");
            stream = created;
            String name = name(device);
            return new CudaBackend(device, stream, name, version[0], describe(name, version[0]),
                    CudaDriverSwitch.simulated());
        } catch (BackendException | RuntimeException e) {
            // Nothing of a backend that failed to open may outlive it: the stream, then the context reference.
            if (stream != null) {
                JCudaDriver.cuStreamDestroy(stream);
            }
            JCudaDriver.cuDevicePrimaryCtxRelease(device);
            throw e;
        }
    }

    private static String name(CUdevice device) throws BackendException {
        byte[] name = new byte[256];
        check(JCudaDriver.cuDeviceGetName(name, name.length, device), "cuDeviceGetName");
        int length = 0;
        while (length < name.length && name[length] != 0) {
            length++;
        }
        return new String(name, 0, length, StandardCharsets.US_ASCII);
    }

    private static String describe(String name, int version) throws BackendException {
        long[] free = new long[1];
        long[] total = new long[1];
        check(JCudaDriver.cuMemGetInfo(free, total), "cuMemGetInfo");
        return name + " (driver API " + CudaProbe.describe(version) + ", " + total[0] / (1L << 20) + " MiB, "
                + free[0] / (1L << 20) + " MiB free)";
    }

    /** How many buffers, modules and events are open: what {@link #close()} would still release. */
    int openResources() {
        return open.size();
    }

    /** The device's name as the driver reports it. */
    public String deviceName() {
        return name;
    }

    /** The driver API version, e.g. 13000. */
    public int driverVersion() {
        return driverVersion;
    }

    @Override
    public String name() {
        return "cuda";
    }

    @Override
    public String deviceDescription() {
        return description;
    }

    @Override
    public boolean hasClock() {
        return true;
    }

    /** True on the workbench's software driver: its events read a model clock, not the time of a GPU. */
    @Override
    public boolean simulated() {
        return simulated;
    }

    @Override
    public DeviceBuffer allocate(long bytes) throws BackendException {
        DevicePointer pointer = new DevicePointer();
        check(JCudaDriver.cuMemAlloc(pointer, bytes), "cuMemAlloc(" + bytes + " bytes)");
        return track(new CudaBuffer(pointer, bytes));
    }

    @Override
    public void fill8(DeviceBuffer buffer, byte value) throws BackendException {
        check(JCudaDriver.cuMemsetD8Async(cuda(buffer).pointer, value, buffer.bytes(), stream), "cuMemsetD8Async");
    }

    @Override
    public void fill32(DeviceBuffer buffer, int value) throws BackendException {
        if (buffer.bytes() % 4 != 0) {
            throw new IllegalArgumentException("fill32 of a " + buffer.bytes() + "-byte buffer");
        }
        check(JCudaDriver.cuMemsetD32Async(cuda(buffer).pointer, value, buffer.bytes() / 4, stream), "cuMemsetD32Async");
    }

    @Override
    public void copyIn(DeviceBuffer destination, int[] source) throws BackendException {
        long bytes = 4L * source.length;
        checkFits(destination, bytes);
        // Synchronous copies from Java arrays: the array may move once JNI releases it, so no async copy.
        synchronize();
        check(JCudaDriver.cuMemcpyHtoD(cuda(destination).pointer, Pointer.to(source), bytes), "cuMemcpyHtoD");
    }

    @Override
    public void copyOut(DeviceBuffer source, int[] destination) throws BackendException {
        long bytes = 4L * destination.length;
        checkFits(source, bytes);
        synchronize();
        check(JCudaDriver.cuMemcpyDtoH(Pointer.to(destination), cuda(source).pointer, bytes), "cuMemcpyDtoH");
    }

    @Override
    public LoadedModule load(ModuleImage image) throws BackendException {
        return track(CudaModule.load(image, open::remove));
    }

    @Override
    public void launch(LoadedModule module, String entry, Dim3 grid, Dim3 block, long sharedBytes, PackedParams params)
            throws BackendException {
        if (!(module instanceof CudaModule m) || !open.contains(module)) {
            throw new IllegalArgumentException("not a module loaded by this backend");
        }
        Pointer pointers = kernelParams.computeIfAbsent(params, CudaBackend::pointers);
        String what = "cuLaunchKernel(" + entry + ", grid " + grid + ", block " + block + ", smem " + sharedBytes + ")";
        check(JCudaDriver.cuLaunchKernel(m.function(entry, sharedBytes), (int) grid.x(), (int) grid.y(), (int) grid.z(),
                (int) block.x(), (int) block.y(), (int) block.z(), (int) sharedBytes, stream, pointers, null), what);
    }

    /**
     * A cooperative launch with cuLaunchCooperativeKernel, after checking that the grid fits what the device keeps
     * resident: cuOccupancyMaxActiveBlocksPerMultiprocessor x the SM count (a clear error with the numbers if not).
     */
    @Override
    public void launch(LoadedModule module, String entry, Dim3 grid, Dim3 block, long sharedBytes, PackedParams params,
                       boolean cooperative) throws BackendException {
        if (!cooperative) {
            launch(module, entry, grid, block, sharedBytes, params);
            return;
        }
        if (!(module instanceof CudaModule m) || !open.contains(module)) {
            throw new IllegalArgumentException("not a module loaded by this backend");
        }
        CUfunction function = m.function(entry, sharedBytes);
        int threads = Math.toIntExact(block.x() * block.y() * block.z());
        int[] perSm = new int[1];
        check(JCudaDriver.cuOccupancyMaxActiveBlocksPerMultiprocessor(perSm, function, threads, sharedBytes),
                "cuOccupancyMaxActiveBlocksPerMultiprocessor(" + entry + ", " + threads + " threads, smem "
                        + sharedBytes + ")");
        int[] sms = new int[1];
        check(JCudaDriver.cuDeviceGetAttribute(sms, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT,
                device), "cuDeviceGetAttribute(MULTIPROCESSOR_COUNT)");
        long blocks = grid.x() * grid.y() * grid.z();
        long resident = (long) perSm[0] * sms[0];
        if (blocks > resident) {
            // the candidate's launch, refused before the driver would (CUDA_ERROR_COOPERATIVE_LAUNCH_TOO_LARGE)
            throw new DeviceFaultException("cooperative launch of " + entry + " with " + blocks + " blocks (grid " + grid
                    + "), more than the device keeps resident at once: " + perSm[0] + " CTAs per SM ("
                    + threads + " threads, " + sharedBytes + " B dynamic shared memory) x " + sms[0] + " SMs = "
                    + resident + "; size the grid to at most that");
        }
        Pointer pointers = kernelParams.computeIfAbsent(params, CudaBackend::pointers);
        String what = "cuLaunchCooperativeKernel(" + entry + ", grid " + grid + ", block " + block + ", smem "
                + sharedBytes + ")";
        check(JCudaDriver.cuLaunchCooperativeKernel(function, (int) grid.x(), (int) grid.y(), (int) grid.z(),
                (int) block.x(), (int) block.y(), (int) block.z(), (int) sharedBytes, stream, pointers), what);
    }

    private static Pointer pointers(PackedParams params) {
        Pointer[] values = new Pointer[params.count()];
        for (int i = 0; i < values.length; i++) {
            values[i] = Pointer.to(params.value(i));
        }
        return Pointer.to(values);
    }

    @Override
    public DeviceEvent record() throws BackendException {
        CudaEvent event = track(CudaEvent.create(open::remove));
        try {
            check(JCudaDriver.cuEventRecord(event.event, stream), "cuEventRecord");
        } catch (BackendException e) {
            try {
                event.close();
            } catch (BackendException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        return event;
    }

    @Override
    public double elapsedMillis(DeviceEvent start, DeviceEvent end) throws BackendException {
        if (!(start instanceof CudaEvent s) || !(end instanceof CudaEvent e)) {
            throw new IllegalArgumentException("not events of this backend");
        }
        check(JCudaDriver.cuEventSynchronize(e.event), "cuEventSynchronize");
        float[] ms = new float[1];
        check(JCudaDriver.cuEventElapsedTime(ms, s.event, e.event), "cuEventElapsedTime");
        return ms[0];
    }

    /**
     * The device's L2 cache size in bytes, as the driver reports it (CU_DEVICE_ATTRIBUTE_L2_CACHE_SIZE): what
     * an L2 flush must exceed and the physical floor allows for.
     *
     * @return the size, or 0 when the driver does not report one
     */
    public long l2CacheBytes() throws BackendException {
        int[] value = new int[1];
        check(JCudaDriver.cuDeviceGetAttribute(value, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_L2_CACHE_SIZE, device),
                "cuDeviceGetAttribute(L2_CACHE_SIZE)");
        return Math.max(0, value[0]);
    }

    /**
     * What the driver reports about itself and this device (driver version, clocks, bus width, peak memory
     * bandwidth, memory and L2 size): the environment a score log entry records. Attributes the driver does
     * not answer are null; this never fails.
     */
    public ObjectNode driverReport() {
        return DriverReport.of(device);
    }

    @Override
    public void synchronize() throws BackendException {
        check(JCudaDriver.cuStreamSynchronize(stream), "cuStreamSynchronize");
    }

    /** Releases every open buffer, module and event, the stream and the primary context; reports the first failure. */
    @Override
    public void close() throws BackendException {
        if (closed) {
            return;
        }
        closed = true;
        List<BackendException> failures = new ArrayList<>();
        for (AutoCloseable c : new ArrayList<>(open)) {
            try {
                c.close();
            } catch (BackendException e) {
                failures.add(e);
            } catch (Exception e) {
                failures.add(new BackendException("releasing " + c + " failed", e));
            }
        }
        collect(failures, JCudaDriver.cuStreamDestroy(stream), "cuStreamDestroy");
        collect(failures, JCudaDriver.cuDevicePrimaryCtxRelease(device), "cuDevicePrimaryCtxRelease");
        if (!failures.isEmpty()) {
            BackendException first = failures.get(0);
            failures.stream().skip(1).forEach(first::addSuppressed);
            throw first;
        }
    }

    private static void collect(List<BackendException> failures, int result, String operation) {
        try {
            check(result, operation);
        } catch (BackendException e) {
            failures.add(e);
        }
    }

    private <T extends AutoCloseable> T track(T resource) {
        open.add(resource);
        return resource;
    }

    private CudaBuffer cuda(DeviceBuffer buffer) {
        if (!(buffer instanceof CudaBuffer b) || !open.contains(b)) {
            throw new IllegalArgumentException("not a live buffer of this backend");
        }
        return b;
    }

    private static void checkFits(DeviceBuffer buffer, long bytes) {
        if (bytes > buffer.bytes()) {
            throw new IllegalArgumentException(bytes + " bytes do not fit a " + buffer.bytes() + "-byte buffer");
        }
    }

    /** A device allocation; closing frees it. */
    private final class CudaBuffer implements DeviceBuffer {
        private final DevicePointer pointer;
        private final long bytes;

        CudaBuffer(DevicePointer pointer, long bytes) {
            this.pointer = pointer;
            this.bytes = bytes;
        }

        @Override
        public long address() {
            return pointer.address();
        }

        @Override
        public long bytes() {
            return bytes;
        }

        @Override
        public void close() throws BackendException {
            if (open.remove(this)) {
                check(JCudaDriver.cuMemFree(pointer), "cuMemFree(" + bytes + " bytes)");
            }
        }

        @Override
        public String toString() {
            return "device buffer of " + bytes + " bytes at 0x" + Long.toHexString(address());
        }
    }

    /** A recorded event; closing destroys it and the backend forgets it. */
    private static final class CudaEvent implements DeviceEvent {
        private final jcuda.driver.CUevent event = new jcuda.driver.CUevent();
        private final java.util.function.Consumer<CudaEvent> onClose;
        private boolean destroyed;

        private CudaEvent(java.util.function.Consumer<CudaEvent> onClose) {
            this.onClose = onClose;
        }

        static CudaEvent create(java.util.function.Consumer<CudaEvent> onClose) throws BackendException {
            CudaEvent e = new CudaEvent(onClose);
            check(JCudaDriver.cuEventCreate(e.event, 0), "cuEventCreate");
            return e;
        }

        @Override
        public void close() throws BackendException {
            if (!destroyed) {
                destroyed = true;
                onClose.accept(this);
                check(JCudaDriver.cuEventDestroy(event), "cuEventDestroy");
            }
        }
    }
}
