package dev.scanbench.tritonbridge;

import dev.scanbench.sandbox.Jail;
import dev.scanbench.sandbox.Limits;
import dev.scanbench.sandbox.RunResult;
import dev.scanbench.sandbox.Sandbox;
import dev.scanbench.sandbox.WorkDir;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The private Python virtual environment with the pinned Triton, created on first use. Creation runs under an
 * exclusive file lock (so two processes never install into one folder at once) and ends by writing a marker
 * file; a folder without the marker is a crashed install and is removed and redone.
 */
public final class TritonEnvironment {
    private static final String MARKER = "workbench-ready";
    // One JVM cannot take the same file lock twice; threads queue here before the OS lock.
    private static final Object JVM_LOCK = new Object();

    private final Path directory;
    private final String basePython;
    private final String version;

    /**
     * @param directory  the environment's folder
     * @param basePython the Python that creates it (a name on PATH or a path)
     * @param version    the Triton version to install
     */
    public TritonEnvironment(Path directory, String basePython, String version) {
        this.directory = directory;
        this.basePython = basePython;
        this.version = version;
    }

    /** The environment at {@link TritonDefaults#venvDirectory()} with the pinned Triton. */
    public static TritonEnvironment atDefaultLocation() {
        return new TritonEnvironment(TritonDefaults.venvDirectory(), TritonDefaults.basePython(),
                TritonDefaults.TRITON_VERSION);
    }

    /** The environment's folder. */
    public Path directory() {
        return directory;
    }

    /** The environment's Python interpreter. */
    public Path python() {
        return directory.resolve("bin").resolve("python");
    }

    /** The Triton version this environment holds (or will). */
    public String version() {
        return version;
    }

    /**
     * The installation the environment's Python comes from (the folder above the {@code home} of its
     * {@code pyvenv.cfg}, e.g. {@code /usr} or a pyenv version), which a sandboxed bridge must see too; empty
     * when the environment does not say.
     */
    public Optional<Path> basePrefix() {
        try {
            for (String line : Files.readAllLines(directory.resolve("pyvenv.cfg"), StandardCharsets.UTF_8)) {
                String[] kv = line.split("=", 2);
                if (kv.length == 2 && kv[0].strip().equals("home")) {
                    Path home = Path.of(kv[1].strip()).toRealPath();
                    return Optional.ofNullable(home.getParent());
                }
            }
        } catch (IOException | RuntimeException e) {
            // No configuration: the bridge will say it cannot run Python.
        }
        return Optional.empty();
    }

    /** True when a completed installation is there (no process is run). */
    public boolean isReady() {
        return Files.isRegularFile(directory.resolve(MARKER)) && Files.isExecutable(python());
    }

    /** The shell command that (re)creates the environment by hand. */
    public String fixCommand() {
        return "rm -rf " + directory + " && " + basePython + " -m venv " + directory + " && " + python()
                + " -m pip install triton==" + version;
    }

    /**
     * Creates the environment unless it is ready; waits while another process creates it.
     *
     * @param progress receives one line per step (for stderr)
     * @return the environment's Python
     * @throws TritonEnvironmentException when Python is missing or venv creation or the install fails
     */
    public Path ensureReady(Consumer<String> progress) throws TritonEnvironmentException {
        if (isReady()) {
            return python();
        }
        synchronized (JVM_LOCK) {
            try {
                Files.createDirectories(directory.getParent());
                Path lockFile = directory.resolveSibling(directory.getFileName() + ".lock");
                try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                     FileLock held = ch.lock()) {
                    // Another process may have finished while this one waited for the lock.
                    if (!isReady()) {
                        create(progress);
                    }
                    return python();
                }
            } catch (IOException e) {
                throw new TritonEnvironmentException("cannot create the Triton environment at " + directory + ": " + e,
                        fixCommand());
            }
        }
    }

    private void create(Consumer<String> progress) throws IOException, TritonEnvironmentException {
        Path work = directory.getParent();
        if (Files.exists(directory)) {
            progress.accept("removing an incomplete Triton environment at " + directory);
            deleteTree(directory);
        }
        progress.accept("creating a Python environment for Triton at " + directory);
        RunResult venv;
        try {
            venv = host(List.of(basePython, "-m", "venv", directory.toString()), work, TritonDefaults.QUERY_TIMEOUT);
        } catch (IOException e) {
            throw new TritonEnvironmentException("Python (" + basePython + ") cannot be run: " + e.getMessage()
                    + "; Triton candidates need Python 3.10 to 3.13", "apt-get install python3 python3-venv");
        }
        if (!venv.ok()) {
            throw new TritonEnvironmentException("'" + basePython + " -m venv " + directory + "' failed:\n"
                    + (!venv.finished() ? "timed out" : TritonCompiler.tail(venv.output(), 20)), fixCommand());
        }
        progress.accept("installing triton==" + version + " with pip (about 250 MB, once per machine)");
        RunResult pip = host(List.of(python().toString(), "-m", "pip", "install",
                "--disable-pip-version-check", "--no-input", "triton==" + version), work, TritonDefaults.INSTALL_TIMEOUT);
        if (!pip.ok()) {
            deleteTree(directory);
            throw new TritonEnvironmentException("pip could not install triton==" + version + " into " + directory
                    + (!pip.finished() ? " within " + TritonDefaults.INSTALL_TIMEOUT.toMinutes() + " minutes"
                    : ":\n" + TritonCompiler.tail(pip.output(), 20)), fixCommand());
        }
        String found = installedVersion().orElse("none");
        if (!found.equals(version)) {
            deleteTree(directory);
            throw new TritonEnvironmentException("after pip install, the environment's triton is " + found
                    + ", not " + version, fixCommand());
        }
        Files.writeString(directory.resolve(MARKER), version + "\n", StandardCharsets.UTF_8);
        progress.accept("triton " + version + " is ready in " + directory);
    }

    /**
     * The Triton version the environment's Python imports, or empty when it cannot import Triton (or the
     * environment does not exist). Runs Python (about two seconds).
     */
    public java.util.Optional<String> installedVersion() {
        if (!Files.isExecutable(python())) {
            return java.util.Optional.empty();
        }
        try {
            RunResult r = host(List.of(python().toString(), "-c", "import triton; print(triton.__version__)"),
                    directory, TritonDefaults.QUERY_TIMEOUT);
            if (!r.ok() || r.stdoutText().isBlank()) {
                return java.util.Optional.empty();
            }
            List<String> lines = r.stdoutText().strip().lines().toList();
            return java.util.Optional.of(lines.get(lines.size() - 1).strip());
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * The workbench's own steps (venv, pip, a version query) run on the host, uncontained: pip needs the network
     * and the user's pip configuration, and no candidate code is involved.
     */
    private static RunResult host(List<String> command, Path workDir, Duration limit) throws IOException {
        return Sandbox.host("the workbench's own Python environment steps").run(command,
                Jail.writable(workDir).build(), Limits.of(limit));
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!WorkDir.deleteTree(dir)) {
            throw new IOException("cannot remove " + dir + " completely");
        }
    }
}
