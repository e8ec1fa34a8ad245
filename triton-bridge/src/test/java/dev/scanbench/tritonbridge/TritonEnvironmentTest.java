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
    void waitsForAnotherProcessCreatingTheEnvironmentInsteadOfInstallingTwice(@TempDir Path dir) throws Exception {
        Path venv = dir.resolve("venv");
        Path lock = dir.resolve("venv.lock");
        Path locked = dir.resolve("locked");
        // Another process holds the creation lock (a POSIX record lock, as Java's FileChannel.lock takes) and
        // finishes a (stand-in) environment two seconds later.
        String script = String.join("\n",
                "import fcntl, os, sys, time",
                "venv, lock, locked = sys.argv[1:4]",
                "f = open(lock, 'w')",
                "fcntl.lockf(f, fcntl.LOCK_EX)",
                "open(locked, 'w').close()",
                "time.sleep(2)",
                "os.makedirs(os.path.join(venv, 'bin'))",
                "p = os.path.join(venv, 'bin', 'python')",
                "open(p, 'w').write('#!/bin/sh\\n')",
                "os.chmod(p, 0o755)",
                "open(os.path.join(venv, 'workbench-ready'), 'w').write('3.8.0\\n')");
        Process other = new ProcessBuilder(TritonDefaults.basePython(), "-c", script, venv.toString(), lock.toString(),
                locked.toString()).inheritIO().start();
        while (!Files.exists(locked) && other.isAlive()) {
            Thread.sleep(20);
        }
        // A base Python that does not exist: this process cannot create anything itself.
        TritonEnvironment env = new TritonEnvironment(venv, dir.resolve("no-python3").toString(), "3.8.0");
        long start = System.nanoTime();
        List<String> progress = new ArrayList<>();
        assertThat(env.ensureReady(progress::add)).isEqualTo(venv.resolve("bin").resolve("python"));
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThan(1000);
        assertThat(progress).isEmpty();
        assertThat(other.waitFor()).isZero();
    }

    @Test
    void theDefaultEnvironmentReportsThePinnedTriton() throws Exception {
        TritonEnvironment env = TritonEnvironment.atDefaultLocation();
        env.ensureReady(line -> System.err.println("[triton-env] " + line));
        assertThat(env.isReady()).isTrue();
        assertThat(env.installedVersion()).contains(TritonDefaults.TRITON_VERSION);
    }
}
