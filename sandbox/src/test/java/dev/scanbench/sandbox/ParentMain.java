package dev.scanbench.sandbox;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A JVM that starts a sandboxed {@code sleep TOKEN}, says so on stdout, and waits: the test kills this JVM with
 * SIGKILL and checks that the sleep went with it.
 */
public final class ParentMain {
    private ParentMain() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Files.createDirectory(Path.of(args[0]).resolve("parent-work"));
        ContainedProcess p = Sandbox.detect().start(List.of("sleep", args[1]), Jail.writable(work).build(),
                Limits.of(Duration.ofMinutes(5)));
        System.out.println("sandboxed " + p.contained());
        System.out.flush();
        p.process().waitFor();
    }

    static Process start(Path dir, String token) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                ParentMain.class.getName(), dir.toString(), token)).redirectErrorStream(true).start();
    }

    static void awaitSandboxed(Process parent, String token) throws IOException, InterruptedException {
        BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.equals("sandboxed true")) {
            throw new AssertionError("the parent JVM did not start its sandbox: " + line);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        // The sleep itself, not bubblewrap's command line (which also ends in "sleep TOKEN"): bwrap arms
        // --die-with-parent only once it runs, so killing the parent JVM the moment bwrap was exec'd raced it.
        while (ProcessHandle.allProcesses().noneMatch(p -> isTheSleep(p.info().commandLine().orElse(""), token))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the sandboxed sleep " + token + " never started");
            }
            Thread.sleep(50);
        }
    }

    private static boolean isTheSleep(String commandLine, String token) {
        return commandLine.equals("sleep " + token) || commandLine.endsWith("/sleep " + token)
                && !commandLine.contains("bwrap");
    }
}
