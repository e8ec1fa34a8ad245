package dev.scanbench.service.job;

import dev.scanbench.sandbox.ProcessTree;
import dev.scanbench.sandbox.Spawner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * How the service runs one {@code workbench score}: a child JVM on this JVM's java and class path (so the
 * service scores with exactly its own code), under {@code setpriv --pdeathsig KILL} so that it dies when the
 * service dies, even by SIGKILL: a child left running would log its run after a restart had queued it again. The
 * child's own candidate work runs in the sandbox as it does from a shell.
 */
public final class ScoreChild {
    private static final String MAIN = "dev.scanbench.harness.cli.Main";

    private final List<String> prefix;

    private ScoreChild(List<String> prefix) {
        this.prefix = List.copyOf(prefix);
    }

    /**
     * The launcher for this JVM: its java, class path and {@code workbench.*} system properties (the compile
     * cache's folder, the sandbox switch), and a heap of {@code WORKBENCH_HEAP} (default 4g, as {@code ./workbench}).
     *
     * @throws IllegalStateException when setpriv (util-linux) is missing: without it a child would outlive a
     *                               killed service
     */
    public static ScoreChild forThisJvm() {
        Path setpriv = findSetpriv().orElseThrow(() -> new IllegalStateException("the scoring service needs setpriv"
                + " (Debian package util-linux) to tie each scoring child to its life; it is not on PATH"));
        List<String> p = new ArrayList<>(List.of(setpriv.toString(), "--pdeathsig", "KILL", "--",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + System.getenv().getOrDefault("WORKBENCH_HEAP", "4g")));
        for (Map.Entry<Object, Object> e : System.getProperties().entrySet()) {
            String key = e.getKey().toString();
            if (key.startsWith("workbench.")) {
                p.add("-D" + key + "=" + e.getValue());
            }
        }
        p.addAll(List.of("-cp", System.getProperty("java.class.path"), MAIN));
        return new ScoreChild(p);
    }

    /** @return the whole command line of {@code workbench ARGS} as this launcher runs it (an engine's job script) */
    public List<String> command(List<String> args) {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(args);
        return command;
    }

    /** What became of a child. */
    public record Outcome(int exitCode, boolean timedOut, boolean killed) {
    }

    /**
     * Runs {@code workbench ARGS} to its end or {@code limit}, stdout to one file and stderr to another.
     *
     * @param onStart receives the child's process tree as soon as it runs, for a cancel to kill
     */
    public Outcome run(List<String> args, Path stdout, Path stderr, Duration limit, Consumer<ProcessTree> onStart)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command(args)).redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        Process p = Spawner.start(pb);
        ProcessTree tree = new ProcessTree(p.toHandle());
        onStart.accept(tree);
        long deadline = System.nanoTime() + limit.toNanos();
        try {
            while (!p.waitFor(200, TimeUnit.MILLISECONDS)) {
                tree.refresh();
                if (System.nanoTime() > deadline) {
                    tree.killAll(Duration.ofSeconds(10));
                    return new Outcome(p.waitFor(), true, false);
                }
            }
        } catch (InterruptedException e) {
            tree.killAll(Duration.ofSeconds(10));
            throw e;
        }
        int code = p.exitValue();
        // 137 is SIGKILL: a cancel, or the machine's OOM killer.
        return new Outcome(code, false, code == 137);
    }

    private static Optional<Path> findSetpriv() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, "setpriv");
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        Path fallback = Path.of("/usr/bin/setpriv");
        return Files.isExecutable(fallback) ? Optional.of(fallback) : Optional.empty();
    }
}
