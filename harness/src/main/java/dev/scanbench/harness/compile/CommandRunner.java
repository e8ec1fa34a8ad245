package dev.scanbench.harness.compile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one tool process with a time limit. Output goes to files, not pipes, so a chatty compiler can never
 * block on a full pipe; on timeout the process and every descendant (nvcc runs cicc and ptxas) is killed.
 */
final class CommandRunner {

    /**
     * The outcome of a finished process.
     *
     * @param exitCode the exit status
     * @param output   stdout followed by stderr
     */
    record Result(int exitCode, String output) {
    }

    private CommandRunner() {
    }

    /**
     * @return the result, or null when the process ran past {@code timeout} (or the caller was interrupted)
     *         and was killed with its descendants
     */
    static Result run(List<String> command, Path workDir, Duration timeout) throws IOException {
        Path out = Files.createTempFile(workDir, "tool-", ".out");
        Path err = Files.createTempFile(workDir, "tool-", ".err");
        try {
            Process p = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            boolean done;
            try {
                done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                // The caller is being stopped (a watchdog, a shutdown): kill the compiler as on a timeout,
                // keeping the interrupt for the caller to see.
                Thread.currentThread().interrupt();
                done = false;
            }
            if (!done) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                return null;
            }
            String text = Files.readString(out, StandardCharsets.UTF_8) + Files.readString(err, StandardCharsets.UTF_8);
            return new Result(p.exitValue(), text);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
