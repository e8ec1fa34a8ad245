package dev.scanbench.harness.backend.cuda;

import java.util.Optional;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;

/**
 * Asks the CUDA driver whether it is there and how many devices it sees, without creating a context (the
 * scoring worker opens the device, not the parent; `doctor` only reports). JCuda's native library links against
 * libcuda.so.1, so on a machine without a driver the first touch of {@link JCudaDriver} throws a
 * {@link LinkageError}: that is the answer "no driver", not a crash.
 */
public final class CudaProbe {

    /**
     * What the driver said.
     *
     * @param problem why the driver cannot be used (not loadable, cuInit or cuDeviceGetCount failed), or empty
     * @param devices the number of CUDA devices; 0 when {@code problem} is present
     */
    public record DriverState(Optional<String> problem, int devices) {
    }

    private CudaProbe() {
    }

    /** Loads the driver, initialises it and counts its devices. */
    public static DriverState probe() {
        try {
            JCudaDriver.setExceptionsEnabled(false);
        } catch (LinkageError e) {
            String message = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
            return failed("no CUDA driver (libcuda.so.1 cannot be loaded: " + message + ")");
        }
        int init = JCudaDriver.cuInit(0);
        if (init != CUresult.CUDA_SUCCESS) {
            return failed("cuInit failed: " + CUresult.stringFor(init));
        }
        int[] count = new int[1];
        int r = JCudaDriver.cuDeviceGetCount(count);
        if (r != CUresult.CUDA_SUCCESS) {
            return failed("cuDeviceGetCount failed: " + CUresult.stringFor(r));
        }
        return new DriverState(Optional.empty(), count[0]);
    }

    /** @return why no CUDA device can be used here, or empty when one is present */
    public static Optional<String> unavailable() {
        DriverState state = probe();
        if (state.problem().isPresent()) {
            return state.problem();
        }
        return state.devices() > 0 ? Optional.empty() : Optional.of("the CUDA driver reports no device");
    }

    private static DriverState failed(String problem) {
        return new DriverState(Optional.of(problem), 0);
    }
}
