package dev.scanbench.harness.worker;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scanbench.harness.Defaults;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Starts worker JVMs: the same java binary and class path as this JVM (the shaded {@code workbench.jar} or
 * Maven's test class path alike), a heap limit, and {@link WorkerMain}. Immutable; the {@code with} methods
 * return changed copies.
 */
public final class WorkerLauncher {

    private final Path java;
    private final String classPath;
    private final String heap;
    private final List<String> jvmOptions;
    private final WorkerLimits limits;

    private WorkerLauncher(Path java, String classPath, String heap, List<String> jvmOptions, WorkerLimits limits) {
        this.java = java;
        this.classPath = classPath;
        this.heap = heap;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.limits = limits;
    }

    /**
     * @return a launcher with this JVM's java binary and class path, the heap {@code WORKBENCH_HEAP} sets (else
     *         {@link Defaults#WORKER_HEAP}) and the {@link Defaults} limits
     * @throws IllegalArgumentException if {@code WORKBENCH_HEAP} is not a heap size
     */
    public static WorkerLauncher standard() {
        return new WorkerLauncher(Path.of(System.getProperty("java.home"), "bin", "java"), currentClassPath(),
                Heap.fromEnvironment(System.getenv()), List.of(), WorkerLimits.defaults());
    }

    /**
     * @param maxHeap the worker's maximum heap, as for {@code -Xmx} (e.g. {@code "4g"}, {@code "64m"})
     * @throws IllegalArgumentException if it is not a size the JVM accepts
     */
    public WorkerLauncher withHeap(String maxHeap) {
        if (!Heap.SIZE.matcher(maxHeap).matches()) {
            throw new IllegalArgumentException("worker heap '" + maxHeap + "' is not a size such as 512m or 4g");
        }
        return new WorkerLauncher(java, classPath, maxHeap, jvmOptions, limits);
    }

    /** @param options extra JVM options for the worker, placed before the main class */
    public WorkerLauncher withJvmOptions(List<String> options) {
        return new WorkerLauncher(java, classPath, heap, options, limits);
    }

    /** @param newLimits the watchdog's limits */
    public WorkerLauncher withLimits(WorkerLimits newLimits) {
        return new WorkerLauncher(java, classPath, heap, jvmOptions, Objects.requireNonNull(newLimits));
    }

    /** @return the worker's maximum heap, as for {@code -Xmx} */
    public String heap() {
        return heap;
    }

    /** @return the watchdog's limits */
    public WorkerLimits limits() {
        return limits;
    }

    /** @return the command line a worker is started with */
    public List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.add("-Xmx" + heap);
        // A JVM fatal error (a crash in native driver code) leaves its hs_err file in the temp directory rather
        // than in the user's working directory, and no core dump the size of the heap.
        Path errorFile = Path.of(System.getProperty("java.io.tmpdir"), "workbench-worker-hs_err_pid%p.log");
        command.add("-XX:ErrorFile=" + errorFile);
        command.add("-XX:-CreateCoredumpOnCrash");
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
        String token = Protocol.newToken();
        ObjectNode envelope = Protocol.JSON.createObjectNode().put(Protocol.JOB, job).put(Protocol.TOKEN, token);
        envelope.set(Protocol.REQUEST, request);
        byte[] bytes;
        Process process;
        try {
            bytes = Protocol.JSON.writeValueAsBytes(envelope);
            process = new ProcessBuilder(command()).start();
        } catch (IOException e) {
            throw new WorkerStartException("cannot start the worker JVM " + java + ": " + e.getMessage(), e);
        }
        return new WorkerProcess(process, bytes, limits, token, listener, Defaults.WORKER_STDERR_TAIL_BYTES,
                Defaults.WORKER_MAX_EVENT_BYTES);
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
        try (WorkerProcess worker = start(job, request, listener)) {
            return worker.await();
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
