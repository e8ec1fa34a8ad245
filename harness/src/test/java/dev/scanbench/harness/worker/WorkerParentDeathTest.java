package dev.scanbench.harness.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A scorer killed with SIGKILL leaves no worker behind, in the sandbox (bubblewrap dies with its parent) and on
 * the host (the worker sees its stdin closed and halts).
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class WorkerParentDeathTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sandbox", "host"})
    void aWorkerDiesWhenItsParentIsKilled(String where) throws Exception {
        String token = "wpd-" + where + "-" + System.nanoTime();
        Process parent = WorkerParentMain.start(token, where);
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assertThat(line).as("the parent started its worker").isEqualTo("started");
            assertThat(awaitProcesses(token, true, Duration.ofSeconds(30))).as("the worker is running").isNotEmpty();

            parent.toHandle().destroyForcibly();
            assertThat(parent.waitFor(20, TimeUnit.SECONDS)).isTrue();

            assertThat(awaitProcesses(token, false, Duration.ofSeconds(15))).as("worker processes left behind")
                    .isEmpty();
        } finally {
            parent.destroyForcibly();
            ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(token))
                    .forEach(ProcessHandle::destroyForcibly);
        }
    }

    /** Waits until processes carrying the token exist ({@code present}) or are all gone; returns what is left. */
    private static List<String> awaitProcesses(String token, boolean present, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        List<String> found;
        do {
            found = ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                    .map(p -> p.pid() + " " + p.info().commandLine().orElse(""))
                    .filter(c -> c.contains("-Dworkbench.test.token=" + token)).toList();
            if (found.isEmpty() != present) {
                return found;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        return found;
    }
}
