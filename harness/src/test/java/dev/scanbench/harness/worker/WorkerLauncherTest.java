package dev.scanbench.harness.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WorkerLauncherTest {

    @Test
    void theCommandRunsWorkerMainOnThisJvmsClassPathWithTheHeapAndOptions() throws Exception {
        List<String> command = WorkerLauncher.standard().withHeap("3g").withJvmOptions(List.of("-Dx=1"))
                .command(Path.of("/tmp/w"));

        assertThat(command.get(0)).isEqualTo(Path.of(System.getProperty("java.home"), "bin", "java").toRealPath()
                .toString());
        assertThat(command).contains("-Xmx3g", "-Dx=1", "-XX:-CreateCoredumpOnCrash", "-Djava.io.tmpdir=/tmp/w",
                "-XX:ErrorFile=/tmp/w/hs_err_pid%p.log");
        assertThat(command.get(command.size() - 1)).isEqualTo(WorkerMain.class.getName());
        String classPath = command.get(command.indexOf("-cp") + 1);
        assertThat(Arrays.stream(classPath.split(File.pathSeparator))).allMatch(e -> Path.of(e).isAbsolute());
    }

    @Test
    void theDefaultsAreRebenchsTwentySecondsPerCall() {
        assertThat(WorkerLauncher.standard().limits().call()).isEqualTo(Duration.ofSeconds(20));
        assertThatThrownBy(() -> WorkerLimits.defaults().withCall(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesAHeapTheJvmWouldNotAccept() {
        assertThatThrownBy(() -> WorkerLauncher.standard().withHeap("4 GB"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'4 GB'");
        assertThat(WorkerLauncher.standard().withHeap("512M").command(Path.of("/tmp"))).contains("-Xmx512M");
    }

    @Test
    void aWorkerGivenSomethingOtherThanAnEnvelopeExitsWithStatusTwo() throws Exception {
        Process process = new ProcessBuilder(WorkerLauncher.standard().withHeap("64m").command(Path.of(System.getProperty("java.io.tmpdir"))))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (var stdin = process.getOutputStream()) {
            stdin.write("[1, 2".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(WorkerMain.UNREADABLE_REQUEST);
    }
}
