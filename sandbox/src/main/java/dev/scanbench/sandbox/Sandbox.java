package dev.scanbench.sandbox;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs processes, contained when bubblewrap is usable here and on the host when it is not (or when the caller
 * asks for the host: the workbench's own trusted steps, such as {@code pip install}). One instance per policy;
 * {@link #detect()} finds this machine's once per JVM. Thread-safe.
 *
 * <p>Contained means (see {@link Jail}): only the jail's writable folder can be written; only the system
 * folders and the jail's read-only paths can be seen; no network; its own PID namespace, so that everything
 * it starts, detached or not, dies when its first process exits or is killed; killed when the JVM that started
 * it dies; as root, run as uid {@value SandboxDefaults#ROOT_SANDBOX_UID} with no capabilities.
 *
 * <p>On the host, a process runs with this JVM's rights and environment (plus the jail's variables) in the
 * jail's working folder; what it starts is killed at its end as far as it can be found ({@link ProcessTree}).
 */
public final class Sandbox {
    /** How often a run is looked at while it goes: the resolution of the wall-time limit. */
    private static final Duration POLL = Duration.ofMillis(100);
    /** How long to wait for killed processes to be gone. */
    private static final Duration KILL_WAIT = Duration.ofSeconds(5);
    /** The probe's own limit: bubblewrap starting {@code id} takes milliseconds. */
    private static final Duration PROBE_TIME = Duration.ofSeconds(30);

    private static volatile Sandbox detected;

    private final BwrapCommand.Tools tools;
    private final boolean asRoot;
    private final String why;

    private Sandbox(BwrapCommand.Tools tools, boolean asRoot, String why) {
        this.tools = tools;
        this.asRoot = asRoot;
        this.why = why;
    }

    /**
     * This machine's sandbox, found once per JVM: bubblewrap when it is installed and can create a sandbox
     * here (a probe runs {@code id -u} in one), else {@link #host} with the reason. {@code workbench.sandbox=off}
     * (system property) or {@code WORKBENCH_SANDBOX=off} turns it off.
     */
    public static Sandbox detect() {
        Sandbox s = detected;
        if (s == null) {
            synchronized (Sandbox.class) {
                s = detected;
                if (s == null) {
                    s = probe(System.getProperty(SandboxDefaults.MODE_PROPERTY, System.getenv(SandboxDefaults.MODE_ENV)),
                            System.getenv());
                    detected = s;
                }
            }
        }
        return s;
    }

    /**
     * Uncontained: processes run on the host.
     *
     * @param why why not contained, for messages ("pip needs the network", "bwrap is not installed")
     */
    public static Sandbox host(String why) {
        return new Sandbox(null, false, why);
    }

    /** Detection with an explicit mode ({@code off} or anything else for auto) and environment. */
    static Sandbox probe(String mode, Map<String, String> env) {
        if (mode != null && mode.strip().toLowerCase(Locale.ROOT).equals("off")) {
            return host("the sandbox is turned off (" + SandboxDefaults.MODE_ENV + "=off)");
        }
        Optional<Path> bwrap = find("bwrap", env, SandboxDefaults.BWRAP_FALLBACKS);
        if (bwrap.isEmpty()) {
            return host("bubblewrap (bwrap) is not installed; install the Debian package bubblewrap");
        }
        boolean root = effectiveUid() == 0;
        Optional<Path> setpriv = find("setpriv", env, List.of(Path.of("/usr/bin/setpriv")));
        if (root && setpriv.isEmpty()) {
            return host("running as root, the sandbox drops to uid " + SandboxDefaults.ROOT_SANDBOX_UID
                    + " with setpriv, which is missing; install the Debian package util-linux");
        }
        Path prlimit = find("prlimit", env, List.of(Path.of("/usr/bin/prlimit"))).orElse(null);
        Sandbox s = new Sandbox(new BwrapCommand.Tools(bwrap.get(), setpriv.orElse(null), prlimit), root, null);
        String problem = s.selfTest();
        return problem == null ? s : host(problem);
    }

    /** Runs {@code id -u} contained; null when it worked as it should, else what went wrong. */
    private String selfTest() {
        try (WorkDir dir = WorkDir.create("workbench-sandbox-probe-")) {
            RunResult r = run(List.of("id", "-u"), Jail.writable(dir.path()).build(), Limits.of(PROBE_TIME));
            String expected = Long.toString(asRoot ? SandboxDefaults.ROOT_SANDBOX_UID : effectiveUid());
            if (r.ok() && r.stdoutText().strip().equals(expected)) {
                return null;
            }
            return "bubblewrap (" + tools.bwrap() + ") cannot create a sandbox here"
                    + (r.finished() ? " (exit " + r.exitCode() + "): " + r.output() : ": it did not finish");
        } catch (IOException e) {
            return "bubblewrap (" + tools.bwrap() + ") cannot be run: " + e.getMessage();
        }
    }

    /** @return true when processes run contained */
    public boolean contained() {
        return tools != null;
    }

    /** @return why processes are not contained; empty when they are */
    public Optional<String> whyUncontained() {
        return Optional.ofNullable(why);
    }

    /** One line for {@code doctor} and messages. */
    public String describe() {
        if (!contained()) {
            return "not contained: " + why;
        }
        return "bubblewrap " + tools.bwrap() + (asRoot ? ", as uid " + SandboxDefaults.ROOT_SANDBOX_UID
                + " (setpriv)" : ", in a user namespace") + (tools.prlimit() == null
                ? "; prlimit missing, so no file-size or process limits" : "");
    }

    /**
     * The command line that runs {@code command} in {@code jail}: bubblewrap's, or the command itself on the host.
     */
    public List<String> commandLine(List<String> command, Jail jail, Limits limits) {
        if (!contained()) {
            return List.copyOf(command);
        }
        return BwrapCommand.build(tools, asRoot, jail, limits, command, System.getenv());
    }

    /**
     * Runs a command to its end, or kills it (and all it started) at its wall time. stdin is empty; stdout and
     * stderr go to files outside the jail and the first {@link Limits#maxOutputBytes} of each are kept.
     *
     * @throws IOException when the command (or bubblewrap) cannot be started
     */
    public RunResult run(List<String> command, Jail jail, Limits limits) throws IOException {
        try (WorkDir io = WorkDir.create("workbench-sandbox-io-")) {
            File out = io.path().resolve("stdout").toFile();
            File err = io.path().resolve("stderr").toFile();
            ProcessBuilder pb = builder(command, jail, limits).redirectInput(ProcessBuilder.Redirect.from(
                    new File("/dev/null"))).redirectOutput(out).redirectError(err);
            long start = System.nanoTime();
            Process p = Spawner.start(pb);
            ProcessTree tree = new ProcessTree(p.toHandle());
            long deadline = start + limits.wallTime().toNanos();
            boolean timedOut = false;
            boolean interrupted = false;
            try {
                while (!p.waitFor(Math.max(1, Math.min(POLL.toNanos(), deadline - System.nanoTime())),
                        TimeUnit.NANOSECONDS)) {
                    tree.refresh();
                    if (System.nanoTime() >= deadline) {
                        timedOut = true;
                        break;
                    }
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            try {
                // Always: on the host, something it started in the background must not outlive it either.
                tree.killAll(KILL_WAIT);
            } catch (InterruptedException e) {
                interrupted = true;
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            int exit = p.isAlive() ? -1 : p.exitValue();
            byte[][] o = head(out.toPath(), limits.maxOutputBytes());
            byte[][] e = head(err.toPath(), limits.maxOutputBytes());
            return new RunResult(exit, o[0], e[0], o[1].length > 0, e[1].length > 0, timedOut && !interrupted,
                    interrupted, elapsed, contained());
        }
    }

    /**
     * Starts a command with pipes for stdin, stdout and stderr; the caller reads them, enforces time and
     * {@link ContainedProcess#close() closes} it, which kills everything left.
     *
     * @throws IOException when the command (or bubblewrap) cannot be started
     */
    public ContainedProcess start(List<String> command, Jail jail, Limits limits) throws IOException {
        return new ContainedProcess(Spawner.start(builder(command, jail, limits)), contained());
    }

    private ProcessBuilder builder(List<String> command, Jail jail, Limits limits) throws IOException {
        if (!contained()) {
            ProcessBuilder pb = new ProcessBuilder(command).directory(jail.workingDirectory().toFile());
            pb.environment().putAll(jail.env());
            return pb;
        }
        if (asRoot) {
            handOver(jail.writableDir());
        }
        return new ProcessBuilder(commandLine(command, jail, limits)).directory(jail.writableDir().toFile());
    }

    /** Gives the writable folder (and what the caller put in it) to the sandbox user. */
    private static void handOver(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Files.setAttribute(p, "unix:uid", SandboxDefaults.ROOT_SANDBOX_UID, LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(p, "unix:gid", SandboxDefaults.ROOT_SANDBOX_GID, LinkOption.NOFOLLOW_LINKS);
            }
        }
    }

    /** The first {@code max} bytes of a file, and a one-byte marker array when there was more. */
    private static byte[][] head(Path file, int max) throws IOException {
        if (!Files.exists(file)) {
            return new byte[][] {new byte[0], new byte[0]};
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] first = in.readNBytes(max);
            boolean more = in.read() >= 0;
            return new byte[][] {first, more ? new byte[1] : new byte[0]};
        }
    }

    static long effectiveUid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.UTF_8)) {
                if (line.startsWith("Uid:")) {
                    return Long.parseLong(line.substring(4).strip().split("\\s+")[1]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or no /proc: then not root as far as the sandbox can tell.
        }
        return -1;
    }

    private static Optional<Path> find(String tool, Map<String, String> env, List<Path> fallbacks) {
        List<Path> candidates = new ArrayList<>();
        for (String d : Optional.ofNullable(env.get("PATH")).orElse("").split(File.pathSeparator)) {
            if (!d.isEmpty()) {
                candidates.add(Path.of(d, tool));
            }
        }
        candidates.addAll(fallbacks);
        return candidates.stream().filter(p -> Files.isRegularFile(p) && Files.isExecutable(p)).findFirst()
                .map(p -> {
                    try {
                        return p.toRealPath();
                    } catch (IOException e) {
                        return p.toAbsolutePath();
                    }
                });
    }

    @Override
    public String toString() {
        return describe();
    }
}
