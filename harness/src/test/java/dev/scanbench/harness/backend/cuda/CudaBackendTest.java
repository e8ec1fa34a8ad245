package dev.scanbench.harness.backend.cuda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanbench.harness.backend.BackendException;
import dev.scanbench.harness.backend.BackendUnavailableException;
import org.junit.jupiter.api.Test;

/** Runs on every machine: with a GPU the backend opens; without one it must say so as an environment error. */
class CudaBackendTest {

    @Test
    void opensADeviceOrReportsItUnavailable() throws BackendException {
        CudaBackend backend;
        try {
            backend = CudaBackend.open(0);
        } catch (BackendUnavailableException e) {
            assertThat(e.getMessage()).containsAnyOf("the CUDA driver cannot be loaded", "no CUDA device",
                    "no usable CUDA device or driver");
            return;
        }
        try (CudaBackend open = backend) {
            assertThat(open.name()).isEqualTo("cuda");
            assertThat(open.deviceDescription()).contains("driver API");
        }
    }

    @Test
    void aMissingDeviceOrdinalIsUnavailableNotACrash() {
        try (CudaBackend backend = CudaBackend.open(1 << 20)) {
            throw new AssertionError("device " + (1 << 20) + " opened: " + backend.deviceDescription());
        } catch (BackendUnavailableException e) {
            assertThat(e).isInstanceOf(BackendUnavailableException.class);
        } catch (BackendException e) {
            throw new AssertionError("expected BackendUnavailableException", e);
        }
    }
}
