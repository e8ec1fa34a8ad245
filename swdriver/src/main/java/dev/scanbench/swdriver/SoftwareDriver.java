package dev.scanbench.swdriver;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A CUDA driver of our own: {@code libcuda.so.1} built from C by this module, which JCuda loads in place of
 * NVIDIA's and which runs every kernel on the PTX emulator in this same JVM. It presents an H100 SXM (sm_90,
 * 132 SMs, 50 MiB L2, 227 KiB opt-in shared memory) and enforces its launch rules with the driver's error codes;
 * its events read a deterministic model clock (traffic at 2.9 TB/s plus a launch latency), never a time.
 *
 * <p>It is a test double for the driver, so that the whole GPU host path (JCuda, the backend, resource lifetimes,
 * error mapping, the protocols' logic) runs where there is no GPU. Use: {@link #install()} before the first use of
 * JCuda in the process; from then on JCuda's driver calls land here.
 */
public final class SoftwareDriver {
    /** The value of the workbench's driver switch that selects this driver. */
    public static final String SWITCH_VALUE = "software";
    /** Environment variable naming the library to load instead of the one built into the class path. */
    public static final String LIBRARY_ENV = "WORKBENCH_SOFTWARE_DRIVER_LIBRARY";
    /** Environment variable making the driver report an older version (e.g. 12040), to see how a host reacts. */
    public static final String VERSION_ENV = "WORKBENCH_SOFTWARE_DRIVER_VERSION";

    private static Path installed;

    private SoftwareDriver() {
    }

    /**
     * Loads the library into this process, once. Must run before JCuda loads its own native library, which
     * links against whichever {@code libcuda.so.1} is already loaded.
     *
     * @return the library's path
     * @throws IllegalStateException when the library is not built or cannot be loaded
     */
    public static synchronized Path install() {
        if (installed == null) {
            Path library = DriverLibrary.locate();
            try {
                System.load(library.toString());
            } catch (UnsatisfiedLinkError e) {
                throw new IllegalStateException("the software CUDA driver " + library + " cannot be loaded: "
                        + e.getMessage(), e);
            }
            installed = library;
        }
        return installed;
    }

    /** True once {@link #install()} has loaded the library. */
    public static synchronized boolean installed() {
        return installed != null;
    }

    /**
     * True when this process's CUDA driver is this one: it has been initialised (cuInit) and called into its Java
     * side, however it was loaded (install, or {@code LD_LIBRARY_PATH}).
     */
    public static boolean active() {
        return Bridge.initialised();
    }

    /**
     * Tells the driver the PTX a cubin was assembled from. A cubin holds machine code only; the driver runs a
     * cubin it is given by emulating this PTX, so that a host loads exactly what it would load on a GPU.
     */
    public static void registerSource(byte[] cubin, String ptx) {
        CubinSources.register(cubin, ptx);
    }

    /**
     * What the driver can add to the last error it returned, and clears it: the faulting kernel's block, thread and
     * PTX line after an illegal address, the emulator's reason for a PTX it cannot run, a rule that refused a call.
     */
    public static Optional<String> takeNote() {
        return Bridge.takeNote();
    }
}
