package dev.scanbench.tritonbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TritonEnvironmentTest {

    @Test
    void aMissingPythonIsAnEnvironmentErrorWithTheCommandToFixIt(@TempDir Path dir) {
        TritonEnvironment env = new TritonEnvironment(dir.resolve("venv"), dir.resolve("no-python3").toString(), "3.8.0");
        assertThat(env.isReady()).isFalse();
        List<String> progress = new ArrayList<>();
        assertThatThrownBy(() -> env.ensureReady(progress::add))
                .isInstanceOf(TritonEnvironmentException.class)
                .hasMessageContaining("no-python3) cannot be run")
                .hasMessageContaining("To fix it, run:")
                .satisfies(e -> assertThat(((TritonEnvironmentException) e).fixCommand()).contains("python3"));
        assertThat(progress).containsExactly("creating a Python environment for Triton at " + dir.resolve("venv"));
    }

    @Test
    void aFailedInstallRemovesTheHalfMadeEnvironmentAndSaysHowToRetry(@TempDir Path dir) throws Exception {
        // A version pip cannot have: the install fails fast, after a real venv was made.
        TritonEnvironment env = new TritonEnvironment(dir.resolve("venv"), TritonDefaults.basePython(), "0.0.0-none");
        assertThatThrownBy(() -> env.ensureReady(line -> { }))
                .isInstanceOf(TritonEnvironmentException.class)
                .hasMessageContaining("pip could not install triton==0.0.0-none")
                .hasMessageContaining("-m pip install triton==0.0.0-none");
        assertThat(Files.exists(dir.resolve("venv"))).isFalse();
    }

    @Test
    void theDefaultEnvironmentReportsThePinnedTriton() throws Exception {
        TritonEnvironment env = TritonEnvironment.atDefaultLocation();
        env.ensureReady(line -> System.err.println("[triton-env] " + line));
        assertThat(env.isReady()).isTrue();
        assertThat(env.installedVersion()).contains(TritonDefaults.TRITON_VERSION);
    }
}
