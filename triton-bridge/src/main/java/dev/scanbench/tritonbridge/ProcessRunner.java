package dev.scanbench.tritonbridge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one process with a time limit. Output goes to files, never pipes, so a chatty pip or Triton cannot
 * block on a full pipe; on timeout the process and its descendants (Triton runs ptxas) are killed.
 */
final class ProcessRunner {

    /**
     * A finished process.
     *
     * @param exitCode its exit status
     * @param stdout   what it wrote on stdout
     * @param stderr   what it wrote on stderr
     */
    record Result(int exitCode, String stdout, String stderr) {
        /** stdout then stderr, for messages. */
        String output() {
            return (stdout + stderr).strip();
        }
    }

    private ProcessRunner() {
    }

    /**
     * @param env extra environment variables for the process
     * @return the result, or null when the process ran past {@code timeout} (or the caller was interrupted)
     *         and was killed with its descendants
     * @throws IOException when the program cannot be started (e.g. not found) or its output not read
     */
    static Result run(List<String> command, Path workDir, Map<String, String> env, Duration timeout)
            throws IOException {
        Path out = Files.createTempFile(workDir, "proc-", ".out");
        Path err = Files.createTempFile(workDir, "proc-", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().putAll(env);
            Process p = pb.start();
            boolean done;
            try {
                done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                // The caller is being stopped: kill the child as on a timeout and keep the interrupt visible.
                Thread.currentThread().interrupt();
                done = false;
            }
            if (!done) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                return null;
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** The last {@code max} lines of a text, for messages that quote a long log. */
    static String tail(String text, int max) {
        List<String> lines = text.strip().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - max), lines.size()));
    }
}
