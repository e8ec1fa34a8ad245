package dev.scanbench.harness.backend.cuda;

import dev.scanbench.harness.backend.BackendUnavailableException;
import dev.scanbench.swdriver.SoftwareDriver;
import java.util.Locale;

/**
 * The one switch between NVIDIA's CUDA driver and the workbench's software driver: {@code
 * WORKBENCH_CUDA_DRIVER=software} makes every CUDA path of this process ({@code doctor}, {@code run}, {@code score
 * --backend cuda}, the -Pgpu tests) load {@code libcuda.so.1} from {@code swdriver}, which runs kernels on the PTX
 * emulator and times them with a model clock. Unset (or {@code nvidia}), the system's driver is used. It must act
 * before JCuda's first use, since JCuda links against whichever {@code libcuda.so.1} is loaded then.
 */
public final class CudaDriverSwitch {
    /** The environment variable. */
    public static final String ENV = "WORKBENCH_CUDA_DRIVER";
    /** The value naming NVIDIA's driver (the default). */
    public static final String NVIDIA = "nvidia";

    private CudaDriverSwitch() {
    }

    /** The switch's value, lower case: {@code software} or {@code nvidia}. */
    public static String value() {
        String v = System.getenv(ENV);
        return v == null || v.isBlank() ? NVIDIA : v.strip().toLowerCase(Locale.ROOT);
    }

    /** True when the switch selects the software driver. */
    public static boolean software() {
        return SoftwareDriver.SWITCH_VALUE.equals(value());
    }

    /**
     * Applies the switch (idempotent): loads the software driver when it is selected.
     *
     * @throws BackendUnavailableException when the value is unknown or the software driver cannot be loaded
     */
    public static synchronized void apply() throws BackendUnavailableException {
        String v = value();
        if (NVIDIA.equals(v)) {
            return;
        }
        if (!SoftwareDriver.SWITCH_VALUE.equals(v)) {
            throw new BackendUnavailableException(ENV + "=" + System.getenv(ENV) + " is not a driver: use '"
                    + SoftwareDriver.SWITCH_VALUE + "' for the workbench's software driver, or leave it unset for"
                    + " NVIDIA's");
        }
        try {
            SoftwareDriver.install();
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            throw new BackendUnavailableException(ENV + "=software: " + e.getMessage());
        }
    }

    /**
     * True when this process's CUDA driver is the software one (however it was loaded): its events read a model
     * clock, and nothing measured through it is a GPU time.
     */
    public static boolean simulated() {
        return SoftwareDriver.active();
    }
}
