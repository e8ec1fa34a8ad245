package dev.scanbench.harness.backend.cuda;

import dev.scanbench.harness.backend.BackendException;
import dev.scanbench.harness.backend.BackendUnavailableException;
import dev.scanbench.harness.backend.DeviceFaultException;
import dev.scanbench.swdriver.SoftwareDriver;
import java.util.Set;
import jcuda.driver.CUresult;

/**
 * The one place where CUDA driver results become exceptions: every driver call of {@link CudaBackend} goes
 * through {@link #check}. Faults of a running kernel are sticky (the context is unusable afterwards), so
 * the process that saw one must be discarded; the message says so. A driver that refuses the workbench's
 * (nvcc 13, sm_90a) images is this machine's problem, never the candidate's: those results are environment
 * errors. On the software driver, the driver's own account (the faulting block, thread and PTX line; the
 * emulator's reason) is added to the message.
 */
final class CudaErrors {
    /** Results that mean a kernel faulted while running. */
    static final Set<Integer> KERNEL_FAULTS = Set.of(
            CUresult.CUDA_ERROR_ILLEGAL_ADDRESS, CUresult.CUDA_ERROR_LAUNCH_TIMEOUT, CUresult.CUDA_ERROR_ASSERT,
            CUresult.CUDA_ERROR_HARDWARE_STACK_ERROR, CUresult.CUDA_ERROR_ILLEGAL_INSTRUCTION,
            CUresult.CUDA_ERROR_MISALIGNED_ADDRESS, CUresult.CUDA_ERROR_INVALID_ADDRESS_SPACE,
            CUresult.CUDA_ERROR_INVALID_PC, CUresult.CUDA_ERROR_LAUNCH_FAILED);
    /** Results that mean there is no usable device or driver here. */
    static final Set<Integer> UNAVAILABLE = Set.of(
            CUresult.CUDA_ERROR_NOT_INITIALIZED, CUresult.CUDA_ERROR_DEINITIALIZED, CUresult.CUDA_ERROR_STUB_LIBRARY,
            CUresult.CUDA_ERROR_DEVICE_UNAVAILABLE, CUresult.CUDA_ERROR_NO_DEVICE, CUresult.CUDA_ERROR_INVALID_DEVICE,
            CUresult.CUDA_ERROR_SYSTEM_DRIVER_MISMATCH, CUresult.CUDA_ERROR_COMPAT_NOT_SUPPORTED_ON_DEVICE);
    /**
     * Results by which the driver refuses an image nvcc 13 made for sm_90a, or cannot start: an older driver
     * (unsupported PTX version), another GPU (no binary for it), a JIT or image the driver cannot handle, a
     * system not ready (fabric manager), an operation the driver lacks.
     */
    static final Set<Integer> ENVIRONMENT_REFUSALS = Set.of(
            CUresult.CUDA_ERROR_UNSUPPORTED_PTX_VERSION, CUresult.CUDA_ERROR_NO_BINARY_FOR_GPU,
            CUresult.CUDA_ERROR_INVALID_IMAGE, CUresult.CUDA_ERROR_INVALID_PTX, CUresult.CUDA_ERROR_SYSTEM_NOT_READY,
            CUresult.CUDA_ERROR_JIT_COMPILER_NOT_FOUND, CUresult.CUDA_ERROR_NOT_SUPPORTED);

    private CudaErrors() {
    }

    /**
     * @param result    a driver call's result
     * @param operation the call and what it was for, e.g. {@code cuLaunchKernel(scan_tiles)}
     * @throws BackendException of the kind the result means, unless it is {@code CUDA_SUCCESS}
     */
    static void check(int result, String operation) throws BackendException {
        if (result != CUresult.CUDA_SUCCESS) {
            throw exception(result, operation);
        }
    }

    /** The exception for a failed result. */
    static BackendException exception(int result, String operation) {
        String what = operation + " failed: " + CUresult.stringFor(result) + " (" + result + ")"
                + SoftwareDriver.takeNote().map(n -> " [software driver: " + n + "]").orElse("");
        if (KERNEL_FAULTS.contains(result)) {
            return new DeviceFaultException(what + "; the kernel faulted and the CUDA context is no longer usable");
        }
        if (UNAVAILABLE.contains(result)) {
            return new BackendUnavailableException(what + "; no usable CUDA device or driver");
        }
        if (ENVIRONMENT_REFUSALS.contains(result)) {
            return new BackendUnavailableException(what + "; this CUDA driver or device cannot run the workbench's"
                    + " sm_90a code (a problem of this machine, not of the kernel)");
        }
        return new BackendException(what);
    }
}
