package dev.scanbench.harness.backend.cuda;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The probe as a long-lived parent (workbench mcp's doctor tool) uses it: asked again, it answers the same. */
class CudaProbeTest {

    @Test
    void aSecondProbeInTheSameJvmSaysWhatTheFirstSaid() {
        CudaProbe.DriverState first = CudaProbe.probe();
        CudaProbe.DriverState second = CudaProbe.probe();

        // Without a driver the first answer names the library's own error; a JVM only says that once.
        assertThat(second).isEqualTo(first);
        assertThat(second.problem().orElse("")).doesNotContain("Could not initialize class");
    }
}
