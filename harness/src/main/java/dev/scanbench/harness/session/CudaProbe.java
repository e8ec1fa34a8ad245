package dev.scanbench.harness.session;

import java.util.Optional;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;

/**
 * Asks the CUDA driver whether a device is present, without creating a context (the scoring worker opens
 * the device, not the parent). JCuda's native library links against libcuda.so.1, so on a machine without
 * a driver the first touch of {@link JCudaDriver} throws a {@link LinkageError}: that is the answer "no
 * driver", not a crash.
 */
public final class CudaProbe {
    private CudaProbe() {
    }

    /** @return why no CUDA device can be used here, or empty when one is present */
    public static Optional<String> unavailable() {
        try {
            JCudaDriver.setExceptionsEnabled(false);
            int init = JCudaDriver.cuInit(0);
            if (init != CUresult.CUDA_SUCCESS) {
                return Optional.of("cuInit failed: " + CUresult.stringFor(init));
            }
            int[] count = new int[1];
            int r = JCudaDriver.cuDeviceGetCount(count);
            if (r != CUresult.CUDA_SUCCESS) {
                return Optional.of("cuDeviceGetCount failed: " + CUresult.stringFor(r));
            }
            return count[0] > 0 ? Optional.empty() : Optional.of("the CUDA driver reports no device");
        } catch (LinkageError e) {
            String message = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
            return Optional.of("no CUDA driver (libcuda.so.1 cannot be loaded: " + message + ")");
        }
    }
}
