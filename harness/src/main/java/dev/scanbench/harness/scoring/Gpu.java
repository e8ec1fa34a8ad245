package dev.scanbench.harness.scoring;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scanbench.harness.backend.Backend;
import dev.scanbench.harness.backend.BackendException;
import dev.scanbench.harness.backend.cuda.CudaBackend;

/**
 * An opened GPU as the scoring worker needs it: the backend, its L2 size, and what the driver reports about it.
 *
 * @param backend  the device
 * @param l2Bytes  its L2 size as the driver reports it, or 0 when it does not
 * @param identity the device and driver, for the cache of its own baseline times
 * @param driver   the driver's report (version, clocks, bus width, peak bandwidth), or null when there is no
 *                 driver to ask (a test's fake device)
 */
public record Gpu(Backend backend, long l2Bytes, String identity, ObjectNode driver) {

    /** A device identified by its description, without a driver report (tests' fakes). */
    public Gpu(Backend backend, long l2Bytes) {
        this(backend, l2Bytes, backend.deviceDescription(), null);
    }

    /** Opens a GPU; the worker opens the first CUDA device, tests a clocked fake. */
    @FunctionalInterface
    public interface Opener {
        /** @throws BackendException when no device can be opened */
        Gpu open() throws BackendException;
    }

    /** The first CUDA device. */
    public static Gpu openCuda() throws BackendException {
        CudaBackend backend = CudaBackend.open(0);
        try {
            return new Gpu(backend, backend.l2CacheBytes(),
                    DeviceBaseline.identity(backend.deviceName(), backend.driverVersion()), backend.driverReport());
        } catch (BackendException | RuntimeException e) {
            try {
                backend.close();
            } catch (BackendException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }
}
