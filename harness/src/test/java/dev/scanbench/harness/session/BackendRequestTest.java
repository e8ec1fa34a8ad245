package dev.scanbench.harness.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scanbench.harness.backend.BackendUnavailableException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which backend a scoring run gets, and what it says about the choice. */
class BackendRequestTest {
    private static final Optional<String> NO_DRIVER = Optional.of("no CUDA driver");

    @Test
    void autoPicksCudaWhenADeviceIsPresentElseTheEmulatorAndSaysWhy() throws Exception {
        assertThat(BackendRequest.AUTO.select(Optional::empty).name()).isEqualTo("cuda");
        BackendRequest.Selection fallback = BackendRequest.AUTO.select(() -> NO_DRIVER);
        assertThat(fallback.name()).isEqualTo("emulator");
        assertThat(fallback.why()).contains("no CUDA driver", "PTX emulator");
    }

    @Test
    void cudaWithoutADeviceIsRefusedWithTheReason() {
        assertThatThrownBy(() -> BackendRequest.CUDA.select(() -> NO_DRIVER))
                .isInstanceOf(BackendUnavailableException.class).hasMessageContaining("no CUDA driver");
    }

    @Test
    void theEmulatorNeverProbesTheDriver() throws Exception {
        assertThat(BackendRequest.EMULATOR.select(() -> {
            throw new AssertionError("probed");
        }).name()).isEqualTo("emulator");
    }
}
