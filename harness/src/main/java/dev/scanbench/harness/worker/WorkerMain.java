package dev.scanbench.harness.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.SortedSet;

/**
 * Entry point of the worker JVM: reads the request, runs the named {@link WorkerJob}, reports its result
 * or failure on the protocol stream, and exits. Started by {@link WorkerLauncher}; not for direct use.
 */
public final class WorkerMain {

    /** Exit status when the request cannot even be read, so there is no token to report with. */
    static final int UNREADABLE_REQUEST = 2;

    /** Exit status when the parent closed stdin (it died, or gave up on the job): nobody is left to answer. */
    static final int PARENT_GONE = 125;

    /** Given back when the job runs out of memory, so that the failure can still be written. */
    private static byte[] reserve = new byte[1 << 20];

    private WorkerMain() {
    }

    /**
     * @param args none; the request comes on stdin
     */
    public static void main(String[] args) {
        // Before any job code runs: what anything in Java prints goes to stderr, and only this process's
        // events go to the original stdout.
        OutputStream protocol = new FileOutputStream(FileDescriptor.out);
        System.setOut(System.err);
        JsonNode envelope;
        InputStream stdin = new BufferedInputStream(System.in);
        try {
            envelope = Protocol.JSON.readTree(readLine(stdin));
            // A spare worker: warm up on the workbench's own kernels, saying so after each, then wait for its one job.
            while (envelope != null && envelope.path(Protocol.WARM_UP).asBoolean(false)) {
                warmUp(envelope);
                protocol.write((Protocol.READY_LINE + "\n").getBytes(StandardCharsets.UTF_8));
                protocol.flush();
                envelope = Protocol.JSON.readTree(readLine(stdin));
            }
        } catch (IOException e) {
            System.err.println("worker: cannot read the request on stdin: " + e.getMessage());
            System.exit(UNREADABLE_REQUEST);
            return;
        }
        System.setIn(new ByteArrayInputStream(new byte[0]));
        watchParent(stdin);
        if (envelope == null || !envelope.path(Protocol.TOKEN).isTextual()) {
            System.err.println("worker: the request on stdin is not a worker envelope with a token");
            System.exit(UNREADABLE_REQUEST);
            return;
        }
        WorkerChannel channel = new WorkerChannel(protocol, envelope.get(Protocol.TOKEN).asText());
        try {
            dispatch(envelope, channel);
        } catch (OutOfMemoryError e) {
            reserve = null;
            channel.failure(FailureKinds.OUT_OF_MEMORY, "the job ran out of memory: " + e.getMessage(), trace(e));
        }
        System.err.flush();
        // Exit even if the job left non-daemon threads running; the parent has its answer.
        System.exit(0);
    }

    /**
     * Runs a warm-up job so that its code is compiled by the JIT before the real job comes, with everything it would
     * say dropped: its events go nowhere and what it prints is not the job's stderr. However it ends, the worker
     * goes on to its real job (a failed warm-up only leaves it colder). The garbage is collected, so the job starts
     * on a heap as empty as a fresh worker's.
     */
    private static void warmUp(JsonNode envelope) {
        PrintStream err = System.err;
        PrintStream none = new PrintStream(OutputStream.nullOutputStream());
        System.setOut(none);
        System.setErr(none);
        try {
            dispatch(envelope, new WorkerChannel(OutputStream.nullOutputStream(), "warm-up"));
        } catch (Throwable t) {
            // Including an out-of-memory: the heap is freed below.
        } finally {
            System.setOut(err);
            System.setErr(err);
        }
        System.gc();
    }

    /** The envelope: one line (compact JSON has no raw line break), or everything up to the end of the stream. */
    private static byte[] readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
            line.write(b);
        }
        return line.toByteArray();
    }

    /**
     * The parent keeps the worker's stdin open while it waits; when it dies (even by SIGKILL) the kernel closes
     * the pipe, and the worker halts at once instead of running on for minutes with nobody to answer to. This
     * works with and without the sandbox (which also kills the worker with its parent).
     */
    private static void watchParent(InputStream stdin) {
        Thread watcher = new Thread(() -> {
            try {
                while (stdin.read() >= 0) {
                    // Nothing more is sent; any byte is ignored.
                }
            } catch (IOException e) {
                // A broken pipe is the parent gone too.
            }
            Runtime.getRuntime().halt(PARENT_GONE);
        }, "worker-parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    private static void dispatch(JsonNode envelope, WorkerChannel channel) {
        String name = envelope.path(Protocol.JOB).asText("");
        JsonNode request = envelope.get(Protocol.REQUEST);
        if (name.isEmpty() || request == null) {
            channel.failure(FailureKinds.BAD_REQUEST, "the request has no \"job\" name or no \"request\" object",
                    Protocol.JSON.createObjectNode());
            return;
        }
        try {
            Optional<WorkerJob> job = WorkerJobs.find(name);
            if (job.isEmpty()) {
                ObjectNode details = Protocol.JSON.createObjectNode();
                SortedSet<String> known = WorkerJobs.names();
                known.forEach(details.putArray("registered")::add);
                channel.failure(FailureKinds.UNKNOWN_JOB, "no worker job named '" + name + "' is registered; known: "
                        + known, details);
                return;
            }
            channel.result(job.get().run(request, channel));
        } catch (JobFailure f) {
            channel.failure(f.kind(), f.getMessage(), f.details());
        } catch (OutOfMemoryError e) {
            throw e;
        } catch (Exception | Error e) {
            // Includes a registered job that cannot be instantiated (ServiceConfigurationError).
            channel.failure(FailureKinds.EXCEPTION, "job '" + name + "' threw " + e, trace(e));
        }
    }

    private static ObjectNode trace(Throwable t) {
        StringWriter text = new StringWriter();
        t.printStackTrace(new PrintWriter(text));
        return Protocol.JSON.createObjectNode().put("exception", t.getClass().getName()).put("stackTrace",
                text.toString());
    }
}
