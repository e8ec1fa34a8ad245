package dev.scanbench.harness.worker;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scanbench.harness.Defaults;
import dev.scanbench.sandbox.ContainedProcess;
import dev.scanbench.sandbox.Jail;
import dev.scanbench.sandbox.Limits;
import dev.scanbench.sandbox.Sandbox;
import dev.scanbench.sandbox.WorkDir;
import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Starts worker JVMs: the same java binary and class path as this JVM (the shaded {@code workbench.jar} or
 * Maven's test class path alike), a heap limit, and {@link WorkerMain}, in the {@link Sandbox}: the worker can
 * write only a fresh folder of its own (its temporary files, a crash report), sees the JDK, its class path, the
 * GPU's device nodes and the library path read-only, and nothing else of the user's: not the score log, the
 * compile cache, {@code ~/.workbench} or other candidates. Immutable; the {@code with} methods return changed
 * copies.
 */
public final class WorkerLauncher {

    private final Path java;
    private final String classPath;
    private final String heap;
    private final List<String> jvmOptions;
    private final WorkerLimits limits;
    private final Sandbox sandbox;

    private WorkerLauncher(Path java, String classPath, String heap, List<String> jvmOptions, WorkerLimits limits,
                           Sandbox sandbox) {
        this.java = java;
        this.classPath = classPath;
        this.heap = heap;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.limits = limits;
        this.sandbox = sandbox;
    }

    /**
     * @return a launcher with this JVM's java binary and class path, the heap {@code WORKBENCH_HEAP} sets (else
     *         {@link Defaults#WORKER_HEAP}), the {@link Defaults} limits, in this machine's sandbox
     * @throws IllegalArgumentException if {@code WORKBENCH_HEAP} is not a heap size
     */
    public static WorkerLauncher standard() {
        return new WorkerLauncher(Path.of(System.getProperty("java.home"), "bin", "java"), currentClassPath(),
                Heap.fromEnvironment(System.getenv()), List.of(), WorkerLimits.defaults(), Sandbox.detect());
    }

    /** @param newSandbox where workers run ({@link Sandbox#host} for none) */
    public WorkerLauncher withSandbox(Sandbox newSandbox) {
        return new WorkerLauncher(java, classPath, heap, jvmOptions, limits, Objects.requireNonNull(newSandbox));
    }

    /** @return where workers run */
    public Sandbox sandbox() {
        return sandbox;
    }

    /**
     * @param maxHeap the worker's maximum heap, as for {@code -Xmx} (e.g. {@code "4g"}, {@code "64m"})
     * @throws IllegalArgumentException if it is not a size the JVM accepts
     */
    public WorkerLauncher withHeap(String maxHeap) {
        if (!Heap.SIZE.matcher(maxHeap).matches()) {
            throw new IllegalArgumentException("worker heap '" + maxHeap + "' is not a size such as 512m or 4g");
        }
        return new WorkerLauncher(java, classPath, maxHeap, jvmOptions, limits, sandbox);
    }

    /** @param options extra JVM options for the worker, placed before the main class */
    public WorkerLauncher withJvmOptions(List<String> options) {
        return new WorkerLauncher(java, classPath, heap, options, limits, sandbox);
    }

    /** @param newLimits the watchdog's limits */
    public WorkerLauncher withLimits(WorkerLimits newLimits) {
        return new WorkerLauncher(java, classPath, heap, jvmOptions, Objects.requireNonNull(newLimits), sandbox);
    }

    /** @return the worker's maximum heap, as for {@code -Xmx} */
    public String heap() {
        return heap;
    }

    /** @return the watchdog's limits */
    public WorkerLimits limits() {
        return limits;
    }

    /** @return the command line of a worker JVM (inside the sandbox, when there is one) with its own folder */
    public List<String> command(Path folder) {
        List<String> command = new ArrayList<>();
        // By its real path: that is where the sandbox shows the JDK.
        command.add(realPath(java).toString());
        command.add("-Xmx" + heap);
        // A JVM fatal error (a crash in native driver code) leaves its hs_err file in the worker's own folder
        // (kept by WorkerProcess) rather than in the user's working directory, and no core dump the size of the
        // heap. Temporary files (JCuda's native libraries) go there too: the sandbox's /tmp is small.
        command.add("-XX:ErrorFile=" + folder.resolve("hs_err_pid%p.log"));
        command.add("-XX:-CreateCoredumpOnCrash");
        command.add("-Djava.io.tmpdir=" + folder);
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classPath);
        command.add(WorkerMain.class.getName());
        return command;
    }

    /**
     * Starts a worker on {@code job} and hands it {@code request}.
     *
     * @param job      the registered {@link WorkerJob#name() name} of the job
     * @param request  the job's request
     * @param listener hears progress and call events
     * @return the running worker; {@link WorkerProcess#await()} it, and close it
     * @throws WorkerStartException if the JVM cannot be started
     */
    public WorkerProcess start(String job, JsonNode request, WorkerListener listener) throws WorkerStartException {
        return start(job, request, listener, FolderHandoff.NONE);
    }

    private WorkerProcess start(String job, JsonNode request, WorkerListener listener, FolderHandoff handoff)
            throws WorkerStartException {
        String token = Protocol.newToken();
        ObjectNode envelope = Protocol.JSON.createObjectNode().put(Protocol.JOB, job).put(Protocol.TOKEN, token);
        envelope.set(Protocol.REQUEST, request);
        byte[] bytes;
        WorkDir folder = null;
        ContainedProcess process;
        try {
            bytes = Protocol.JSON.writeValueAsBytes(envelope);
        } catch (IOException e) {
            throw new WorkerStartException("cannot write the worker's request: " + e.getMessage(), e);
        }
        // A job that hands files in starts cold: a spare's folder was handed to the sandbox's uid when it started.
        if (handoff == FolderHandoff.NONE) {
            Optional<SpareWorker> spare = Spares.hire(this, m -> listener.progress(m, null));
            if (spare.isPresent()) {
                listener.progress(String.format(Locale.ROOT,
                        "worker: a spare worker JVM, started %.1f s ago and warmed up on the workbench's own"
                                + " kernels; this job is the only one it runs", spare.get().ageSeconds()), null);
                return new WorkerProcess(spare.get().contained(), spare.get().folder(), bytes, limits, token, listener,
                        Defaults.WORKER_STDERR_TAIL_BYTES, Defaults.WORKER_MAX_EVENT_BYTES, Spares::replenish);
            }
        }
        try {
            folder = WorkDir.create("workbench-worker-");
            try {
                handoff.before(folder.path());
            } catch (IOException e) {
                throw new IOException("cannot put the job's files into the worker's folder " + folder.path() + ": "
                        + e, e);
            }
            process = spawn(folder);
        } catch (IOException e) {
            if (folder != null) {
                folder.close();
            }
            throw new WorkerStartException("cannot start the worker JVM " + java + ": " + e.getMessage(), e);
        }
        return new WorkerProcess(process, folder, bytes, limits, token, listener, Defaults.WORKER_STDERR_TAIL_BYTES,
                Defaults.WORKER_MAX_EVENT_BYTES, Spares::replenish);
    }

    /** Starts a worker JVM in {@code folder}, waiting for its envelope on stdin. */
    ContainedProcess spawn(WorkDir folder) throws IOException {
        // The watchdog keeps the time; the sandbox's start takes only the limits it sets inside (file size, /tmp).
        return sandbox.start(command(folder.path()), jail(folder.path()),
                Limits.of(limits.job().plus(limits.exitGrace()).multipliedBy(2)));
    }

    /**
     * What makes two launchers' workers the same JVM: its command line (java, heap, options, class path) and the
     * sandbox. A spare started by one may serve the other; the limits are the watchdog's, applied at hire.
     */
    record SpawnKey(List<String> command, Sandbox sandbox) {
    }

    SpawnKey spawnKey() {
        return new SpawnKey(command(Path.of("/spare")), sandbox);
    }

    /**
     * What the worker sees: the JDK, its class path and the library path read-only; a GPU's device nodes and
     * {@code /sys} (the CUDA driver reads the device's topology there) when the machine has an NVIDIA GPU.
     */
    Jail jail(Path folder) {
        Jail.Builder jail = Jail.writable(folder).readOnly(realPath(java).getParent().getParent());
        for (String entry : classPath.split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                jail.readOnly(Path.of(entry));
            }
        }
        String libraryPath = System.getenv("LD_LIBRARY_PATH");
        if (libraryPath != null) {
            for (String dir : libraryPath.split(File.pathSeparator)) {
                if (!dir.isEmpty()) {
                    jail.readOnly(Path.of(dir));
                }
            }
        }
        try (DirectoryStream<Path> nodes = Files.newDirectoryStream(Path.of("/dev"), "nvidia*")) {
            boolean gpu = false;
            for (Path node : nodes) {
                jail.device(node);
                gpu = true;
            }
            if (gpu) {
                jail.readOnly(Path.of("/sys"));
            }
        } catch (IOException e) {
            // No /dev listing: no GPU to pass on.
        }
        return jail.build();
    }

    private static Path realPath(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath();
        }
    }

    /**
     * Runs {@code job} in a worker to its end: {@link #start}, {@link WorkerProcess#await()}, close.
     *
     * @return how the job ended
     * @throws WorkerStartException if the JVM cannot be started
     * @throws InterruptedException if the caller is interrupted; the worker is killed
     */
    public WorkerOutcome run(String job, JsonNode request, WorkerListener listener)
            throws WorkerStartException, InterruptedException {
        return run(job, request, listener, FolderHandoff.NONE);
    }

    /**
     * As {@link #run(String, JsonNode, WorkerListener)}, with the worker's own folder handed to {@code handoff}
     * before the worker starts and after it has ended (before the folder is removed). That folder is the only
     * one the sandboxed worker can write and the only one of the parent's it can read, so a job's files (run's
     * input and output) go in and come out there; relative paths in a request resolve in it.
     *
     * @throws WorkerStartException also when {@link FolderHandoff#before} fails
     */
    public WorkerOutcome run(String job, JsonNode request, WorkerListener listener, FolderHandoff handoff)
            throws WorkerStartException, InterruptedException {
        try (WorkerProcess worker = start(job, request, listener, handoff)) {
            WorkerOutcome outcome = worker.await();
            worker.collect(handoff);
            return outcome;
        }
    }

    /** Puts a job's files into a worker's folder and takes its results out. */
    public interface FolderHandoff {
        /** Nothing in, nothing out. */
        FolderHandoff NONE = new FolderHandoff() { };

        /** @param folder the worker's fresh folder, before the worker starts */
        default void before(Path folder) throws IOException {
        }

        /** @param folder the folder of the ended worker, removed once this returns */
        default void after(Path folder) {
        }
    }

    /**
     * This JVM's class path with absolute entries (the child may resolve them elsewhere), plus the homes of
     * the worker's own classes and Jackson should a launcher have hidden them from {@code java.class.path}.
     */
    static String currentClassPath() {
        Set<String> entries = new LinkedHashSet<>();
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                entries.add(Path.of(entry).toAbsolutePath().toString());
            }
        }
        for (Class<?> c : List.of(WorkerMain.class, ObjectMapper.class, JsonParser.class, JsonAutoDetect.class)) {
            CodeSource source = c.getProtectionDomain().getCodeSource();
            // A class without a code source (a custom loader) can only be found through java.class.path.
            if (source != null) {
                try {
                    entries.add(Path.of(source.getLocation().toURI()).toString());
                } catch (URISyntaxException e) {
                    throw new IllegalStateException("cannot locate the classes of " + c + ": " + e.getMessage(), e);
                }
            }
        }
        return String.join(File.pathSeparator, entries);
    }
}
