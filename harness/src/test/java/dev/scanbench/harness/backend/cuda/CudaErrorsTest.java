package dev.scanbench.harness.backend.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scanbench.harness.backend.BackendException;
import dev.scanbench.harness.backend.BackendUnavailableException;
import dev.scanbench.harness.backend.DeviceFaultException;
import jcuda.driver.CUresult;
import org.junit.jupiter.api.Test;

class CudaErrorsTest {

    @Test
    void successPasses() {
        assertThatCode(() -> CudaErrors.check(CUresult.CUDA_SUCCESS, "cuInit")).doesNotThrowAnyException();
    }

    @Test
    void kernelFaultsAreDeviceFaults() {
        assertThatThrownBy(() -> CudaErrors.check(700, "cuStreamSynchronize"))
                .isExactlyInstanceOf(DeviceFaultException.class)
                .hasMessage("cuStreamSynchronize failed: CUDA_ERROR_ILLEGAL_ADDRESS (700);"
                        + " the kernel faulted and the CUDA context is no longer usable");
        for (int code : new int[] {702, 710, 714, 715, 716, 717, 718, 719}) {
            assertThat(CudaErrors.exception(code, "x")).as("code %d", code).isExactlyInstanceOf(DeviceFaultException.class);
        }
    }

    @Test
    void missingDevicesAreEnvironmentErrors() {
        assertThat(CudaErrors.exception(CUresult.CUDA_ERROR_NO_DEVICE, "cuDeviceGet"))
                .isExactlyInstanceOf(BackendUnavailableException.class)
                .hasMessage("cuDeviceGet failed: CUDA_ERROR_NO_DEVICE (100); no usable CUDA device or driver");
        assertThat(CudaErrors.exception(CUresult.CUDA_ERROR_STUB_LIBRARY, "cuInit"))
                .isExactlyInstanceOf(BackendUnavailableException.class);
    }

    @Test
    void otherFailuresNameTheCallAndTheResult() {
        assertThat(CudaErrors.exception(CUresult.CUDA_ERROR_OUT_OF_MEMORY, "cuMemAlloc(400000000 bytes)"))
                .isExactlyInstanceOf(BackendException.class)
                .hasMessage("cuMemAlloc(400000000 bytes) failed: CUDA_ERROR_OUT_OF_MEMORY (2)");
        assertThat(CudaErrors.exception(CUresult.CUDA_ERROR_INVALID_VALUE, "cuLaunchKernel(k)").getMessage())
                .isEqualTo("cuLaunchKernel(k) failed: CUDA_ERROR_INVALID_VALUE (1)");
    }

    @Test
    void aDriverRefusingTheWorkbenchsImagesIsAnEnvironmentErrorNotTheKernels() {
        // 222 an older driver's JIT, 209 another GPU, 200 an image the driver cannot read, 218 a failed JIT,
        // 802 a system not ready (fabric manager), 801 an operation the driver lacks.
        for (int code : new int[] {222, 209, 200, 218, 802, 801}) {
            assertThat(CudaErrors.exception(code, "cuModuleLoadData(cubin)")).as("code %d", code)
                    .isExactlyInstanceOf(BackendUnavailableException.class)
                    .hasMessageContaining("a problem of this machine, not of the kernel");
        }
    }
}
