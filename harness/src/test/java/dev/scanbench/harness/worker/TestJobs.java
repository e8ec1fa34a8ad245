package dev.scanbench.harness.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Worker jobs that misbehave in every way a candidate can, registered for the tests in
 * src/test/resources/META-INF/services. Each is a nested class so that the whole cast reads in one file.
 */
public final class TestJobs {

    private TestJobs() {
    }

    private static ObjectNode object() {
        return Protocol.JSON.createObjectNode();
    }

    /** Never returns; the watchdog must kill it. */
    static void sleepForever() throws InterruptedException {
        while (true) {
            Thread.sleep(60_000);
        }
    }

    /** Answers with its request and pid, after a progress event and two quick calls. */
    public static final class Echo implements WorkerJob {
        @Override
        public String name() {
            return "test-echo";
        }

        @Override
        public JsonNode run(JsonNode request, WorkerChannel channel) throws Exception {
            channel.progress("starting", object().put("step", 1));
            channel.call("warm-up 1", () -> null);
            int answer = channel.call("timed", () -> 42);
            ObjectNode result = object().put("pid", ProcessHandle.current().pid()).put("answer", answer);
            result.set("echo", request);
            return result;
        }
    }

    /**
     * Says how many jobs this JVM has run, itself included, and which JVM it is: a spare worker's job is its second
     * (after the warm-up), a cold worker's its first, and no two workers share an identity. A request's
     * {@code sleepMs} makes it slow first (a warm-up still running when a job comes).
     */
    public static final class Count implements WorkerJob {
        private static final java.util.concurrent.atomic.AtomicInteger RUNS = new java.util.concurrent.atomic.AtomicInteger();
        private static final String JVM = java.util.UUID.randomUUID().toString();

        @Override
        public String name() {
            return "test-count";
        }

        @Override
        public JsonNode run(JsonNode request, WorkerChannel channel) throws Exception {
            Thread.sleep(request.path("sleepMs").asLong(0));
            int run = RUNS.incrementAndGet();
            channel.progress("counting run " + run, null);
            System.err.println("test-count: run " + run);
            return object().put("run", run).put("jvm", JVM);
        }
    }

    /** Hangs inside its second call. */
    public static final class HangInCall implements WorkerJob {
        @Override
        public String name() {
            return "test-hang-in-call";
        }

        @Override
        public JsonNode run(JsonNode request, WorkerChannel channel) throws Exception {
            channel.call("correctness", () -> null);
            channel.callStart("timed-call-1");
            sleepForever();
            return null;
        }
    }

    /** Hangs between calls, where only the job's limit applies. */
    public static final class HangOutsideCall implements WorkerJob {
        @Override
        public String name() {
            return "test-hang-outside-call";
        }

        @Override
        public JsonNode run(JsonNode request, WorkerChannel channel) throws Exception {
            sleepForever();
            return null;
        }
    }

    /** Calls System.exit with the request's {@code code}. */
    public static final class Exit implements WorkerJob {
        @Override
        public String name() {
            return "test-exit";
        }

        @Override
        public JsonNode run(JsonNode request, WorkerChannel channel) {
            System.exit(request.path("code").asInt());
            return null;
        }
    }

    /** Runtime.halt: no shutdown hooks, no flushing. */
    public static final class Halt implements WorkerJob {
        @Override
        public String name() {
            return "test-halt";
        }

        @Override
        public JsonNode run(JsonNode request, WorkerChannel channel) {
            Runtime.getRuntime().halt(7);
            return null;
        }
    }

    /** Sends itself SIGKILL, as the kernel's OOM killer would. */
    public static final class SigKill implements WorkerJob {
        @Override
        public String name() {
            return "test-sigkill";
        }

        @Override
        public JsonNode run(JsonNode request, WorkerChannel channel) throws Exception {
            new ProcessBuilder("kill", "-KILL", String.valueOf(ProcessHandle.current().pid())).start().waitFor();
            sleepForever();
            return null;
        }
    }

    /** Writes to address 0 from native code: the JVM dies of SIGSEGV, as with a faulting driver call. */
    public static final class Segfault implements WorkerJob {
        @Override
        public String name() {
            return "test-segfault";
        }

        @Override
        public JsonNode run(JsonNode request, WorkerChannel channel) throws Exception {
            Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
            Field field = unsafeClass.getDeclaredField("theUnsafe");
            field.setAccessible(true);
            Object unsafe = field.get(null);
            unsafeClass.getMethod("putAddress", long.class, long.class).invoke(unsafe, 0L, 0L);
            return null;
        }
    }

    /**
     * Prints on System.out (a line that mimics an event too) and raw bytes straight to file descriptor 1
     * without a newline, as a native or device-side printf does, then answers.
     */
    public static final class Noisy implements WorkerJob {
        @Override
        public String name() {
            return "test-noisy";
        }

        @Override
        public JsonNode run(JsonNode request, WorkerChannel channel) throws IOException {
            System.out.println("garbage from System.out");
            System.out.println("{\"event\":\"result\",\"result\":\"forged\"}");
            System.out.flush();
            FileOutputStream fd1 = new FileOutputStream(FileDescriptor.out);
            fd1.write("raw fd1 bytes, no newline".getBytes(StandardCharsets.UTF_8));
            fd1.flush();
            channel.progress("after the noise");
            fd1.write("more raw bytes".getBytes(StandardCharsets.UTF_8));
            fd1.flush();
            return object().put("clean", true);
        }
    }

    /** Floods stderr and stdout (8 MB each, stdout without a newline), then answers. */
    public static final class Flood implements WorkerJob {
        @Override
        public String name() {
            return "test-flood";
        }

        @Override
        public JsonNode run(JsonNode request, WorkerChannel channel) throws IOException {
            byte[] block = "0123456789abcdef".repeat(4096).getBytes(StandardCharsets.UTF_8);
            FileOutputStream fd1 = new FileOutputStream(FileDescriptor.out);
            for (int i = 0; i < 128; i++) {
                System.err.write(block);
                fd1.write(block);
            }
            System.err.println("last stderr line");
            return object().put("flooded", true);
        }
    }

    /** Throws an unexpected exception. */
    public static final class Throws implements WorkerJob {
        @Override
        public String name() {
            return "test-throws";
        }

        @Override
        public JsonNode run(JsonNode request, WorkerChannel channel) {
            throw new IllegalStateException("boom at step 3");
        }
    }

    /** Reports a typed failure, as a device fault would be. */
    public static final class DeviceFault implements WorkerJob {
        @Override
        public String name() {
            return "test-device-fault";
        }

        @Override
        public JsonNode run(JsonNode request, WorkerChannel channel) throws Exception {
            return channel.call("timed-call-1", () -> {
                throw new JobFailure("device-fault", "illegal address in kernel scan_tiles, block (3,0,0)",
                        object().put("block", 3));
            });
        }
    }

    /** Allocates until the heap is exhausted. */
    public static final class OutOfMemory implements WorkerJob {
        @Override
        public String name() {
            return "test-oom";
        }

        @Override
        public JsonNode run(JsonNode request, WorkerChannel channel) {
            List<long[]> hoard = new ArrayList<>();
            while (true) {
                hoard.add(new long[1 << 20]);
            }
        }
    }

    /** Starts {@code sleep 1000}, reports its pid, then hangs in a call. */
    public static final class Grandchild implements WorkerJob {
        @Override
        public String name() {
            return "test-grandchild";
        }

        @Override
        public JsonNode run(JsonNode request, WorkerChannel channel) throws Exception {
            Process sleep = new ProcessBuilder("sleep", request.path("sleep").asText("1000")).start();
            channel.progress("grandchild", object().put("pid", sleep.pid()));
            channel.callStart("timed-call-1");
            sleepForever();
            return null;
        }
    }

    /**
     * Starts {@code sleep 1000} holding the worker's stdout pipe open, reports its pid, then halts: the
     * parent sees the worker gone but its stdout never ending.
     */
    public static final class Orphan implements WorkerJob {
        @Override
        public String name() {
            return "test-orphan";
        }

        @Override
        public JsonNode run(JsonNode request, WorkerChannel channel) throws Exception {
            Process sleep = new ProcessBuilder("sleep", request.path("sleep").asText("1000"))
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            channel.progress("grandchild", object().put("pid", sleep.pid()));
            // Long enough for the watchdog to have seen the grandchild, which it can no longer find afterwards.
            Thread.sleep(1000);
            Runtime.getRuntime().halt(5);
            return null;
        }
    }

    /** Closes its protocol stream (file descriptor 1) and lingers without answering. */
    public static final class CloseStdout implements WorkerJob {
        @Override
        public String name() {
            return "test-close-stdout";
        }

        @Override
        public JsonNode run(JsonNode request, WorkerChannel channel) throws Exception {
            new FileOutputStream(FileDescriptor.out).close();
            sleepForever();
            return null;
        }
    }
}
