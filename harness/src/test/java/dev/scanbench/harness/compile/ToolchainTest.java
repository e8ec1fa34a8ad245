package dev.scanbench.harness.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ToolchainTest {

    @Test
    void findsTheInstalledToolkitAndItsVersion() throws ToolchainException {
        Toolchain t = Toolchain.locate();
        assertThat(t.nvcc().getFileName()).hasToString("nvcc");
        assertThat(t.ptxas().getFileName()).hasToString("ptxas");
        assertThat(t.versionText()).contains("NVIDIA (R) Cuda compiler driver").contains("Ptx optimizing assembler");
        assertThat(t.release()).matches("Cuda compilation tools, release \\d+\\.\\d+, V[\\d.]+");
    }

    @Test
    void fallsBackToCudaHome() throws ToolchainException {
        Path bin = TestCompilers.toolchain().ptxas().getParent();
        Path home = bin.getParent();
        Toolchain t = Toolchain.locate(Map.of("PATH", "/nonexistent", "CUDA_HOME", home.toString()), List.of());
        assertThat(t.ptxas()).isEqualTo(home.resolve("bin").resolve("ptxas"));
    }

    @Test
    void aMissingCompilerIsAnEnvironmentError() {
        assertThatThrownBy(() -> Toolchain.locate(Map.of("PATH", "/nonexistent:/also/missing"), List.of()))
                .isInstanceOf(ToolchainException.class)
                .hasMessage("nvcc not found: install the CUDA toolkit (13.x) and put its bin folder on PATH or set"
                        + " CUDA_HOME; searched [/nonexistent, /also/missing]");
    }
}
