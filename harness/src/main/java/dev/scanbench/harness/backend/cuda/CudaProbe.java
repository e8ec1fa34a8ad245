package dev.scanbench.harness.backend.cuda;

import dev.scanbench.harness.backend.BackendUnavailableException;
import java.util.Optional;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;

/**
 * Asks the CUDA driver whether it is there, which version it is and how many devices it sees, without creating a
 * context (the scoring worker opens the device, not the parent; `doctor` only reports). JCuda's native library
 * links against libcuda.so.1, so on a machine without a driver the first touch of {@link JCudaDriver} throws a
 * {@link LinkageError}: that is the answer "no driver", not a crash. A driver older than 13.0 cannot load what
 * nvcc 13 produces, so it counts as no usable driver.
 */
public final class CudaProbe {
    /** The oldest driver API version that loads nvcc 13's PTX (ISA 9.0) and cubins: 13.0. */
    public static final int MIN_DRIVER_VERSION = 13000;

    /**
     * What the driver said.
     *
     * @param problem   why the driver cannot be used (not loadable, too old, cuInit or cuDeviceGetCount failed), or empty
     * @param devices   the number of CUDA devices; 0 when {@code problem} is present
     * @param version   the driver API version (e.g. 13000), or 0 when it could not be read
     * @param simulated true when the driver is the workbench's software driver
     */
    public record DriverState(Optional<String> problem, int devices, int version, boolean simulated) {
    }

    private CudaProbe() {
    }

    /** Loads the driver (the one {@link CudaDriverSwitch} selects), initialises it and counts its devices. */
    public static DriverState probe() {
        try {
            CudaDriverSwitch.apply();
        } catch (BackendUnavailableException e) {
            return failed(e.getMessage(), 0);
        }
        Optional<LinkageError> link = DriverLink.failure();
        if (link.isPresent()) {
            return failed("no CUDA driver (libcuda.so.1 cannot be loaded: " + DriverLink.firstLine(link.get()) + ")",
                    0);
        }
        int[] version = new int[1];
        int v = JCudaDriver.cuDriverGetVersion(version);
        if (v != CUresult.CUDA_SUCCESS) {
            return failed("cuDriverGetVersion failed: " + CUresult.stringFor(v), 0);
        }
        Optional<String> old = tooOld(version[0]);
        if (old.isPresent()) {
            return failed(old.get(), version[0]);
        }
        int init = JCudaDriver.cuInit(0);
        if (init != CUresult.CUDA_SUCCESS) {
            return failed("cuInit failed: " + CUresult.stringFor(init), version[0]);
        }
        int[] count = new int[1];
        int r = JCudaDriver.cuDeviceGetCount(count);
        if (r != CUresult.CUDA_SUCCESS) {
            return failed("cuDeviceGetCount failed: " + CUresult.stringFor(r), version[0]);
        }
        return new DriverState(Optional.empty(), count[0], version[0], CudaDriverSwitch.simulated());
    }

    /** Why a driver of this version cannot run the workbench's kernels, or empty when it can. */
    static Optional<String> tooOld(int version) {
        if (version >= MIN_DRIVER_VERSION) {
            return Optional.empty();
        }
        return Optional.of("the CUDA driver is version " + describe(version) + ", older than 13.0: it cannot load"
                + " the PTX (ISA 9.0) and cubins nvcc 13 produces; install a 13.0 or newer NVIDIA driver");
    }

    /** A driver API version as {@code 13.0}. */
    public static String describe(int version) {
        return version / 1000 + "." + version % 1000 / 10;
    }

    /** @return why no CUDA device can be used here, or empty when one is present */
    public static Optional<String> unavailable() {
        DriverState state = probe();
        if (state.problem().isPresent()) {
            return state.problem();
        }
        return state.devices() > 0 ? Optional.empty() : Optional.of("the CUDA driver reports no device");
    }

    private static DriverState failed(String problem, int version) {
        return new DriverState(Optional.of(problem), 0, version, false);
    }
}
