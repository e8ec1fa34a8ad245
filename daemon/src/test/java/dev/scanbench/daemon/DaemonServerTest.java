package dev.scanbench.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon's socket in this JVM, with a command runner of the test's own: what a call prints and returns reaches
 * the client, and the calls it must not take (busy, another key, stopping) are refused without being run.
 */
@Timeout(60)
class DaemonServerTest {
    @TempDir
    Path dir;

    private Thread serving;
    private final AtomicReference<Throwable> served = new AtomicReference<>();
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();

    private DaemonAddress address() {
        return new DaemonAddress("test0123456789abcdef0123", dir.resolve("d"));
    }

    /** Serves on a thread until it ends; returns once it accepts calls. */
    private DaemonAddress serve(Duration idle, DaemonServer.Runner runner) throws Exception {
        DaemonAddress a = address();
        CountDownLatch bound = new CountDownLatch(1);
        DaemonServer server = new DaemonServer(a, () -> a, idle, runner,
                new PrintStream(logged, true, StandardCharsets.UTF_8), () -> "none kept");
        serving = new Thread(() -> {
            try {
                server.serve(bound::countDown);
            } catch (Throwable t) {
                served.set(t);
                bound.countDown();
            }
        });
        serving.start();
        assertThat(bound.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(served.get()).isNull();
        return a;
    }

    @AfterEach
    void stop() throws Exception {
        if (serving != null && serving.isAlive()) {
            DaemonClient.stop(address());
            serving.join(10_000);
        }
    }

    private static final class Call {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        OptionalInt code;

        Call run(DaemonAddress a, String... args) {
            code = DaemonClient.forward(a, args, out, new PrintStream(err, true, StandardCharsets.UTF_8));
            return this;
        }

        String out() {
            return out.toString(StandardCharsets.UTF_8);
        }

        String err() {
            return err.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void aCallsOutputAndExitCodeReachTheClientAsTheCommandGaveThem() throws Exception {
        DaemonAddress a = serve(Duration.ofMinutes(1), (args, out, err) -> {
            out.println("{\"args\": \"" + String.join(" ", args) + "\"}");
            err.println("progress line");
            // what prints to System.out and System.err directly (a compiler's lines) is the call's too
            System.err.println("direct line");
            return 1;
        });

        Call call = new Call().run(a, "score", "k ernel.cu", "--json");

        assertThat(call.code).hasValue(1);
        assertThat(call.out()).isEqualTo("{\"args\": \"score k ernel.cu --json\"}\n");
        assertThat(call.err()).isEqualTo("progress line\ndirect line\n");
        assertThat(DaemonClient.status(a)).get().extracting(DaemonStatus::calls).isEqualTo(1);
    }

    @Test
    void aCallWhileAnotherRunsIsRefusedAndNotRun() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        DaemonAddress a = serve(Duration.ofMinutes(1), (args, out, err) -> {
            inside.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            out.println(args[0]);
            return 0;
        });
        CompletableFuture<Call> first = CompletableFuture.supplyAsync(() -> new Call().run(a, "first"));
        assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();

        Call second = new Call().run(a, "second");
        assertThat(DaemonClient.status(a)).get().extracting(DaemonStatus::busy).isEqualTo(true);
        release.countDown();

        assertThat(second.code).isEmpty();
        assertThat(second.out()).isEmpty();
        assertThat(second.err()).contains("did not take this call (it is running another call); running it here");
        Call done = first.get(10, TimeUnit.SECONDS);
        assertThat(done.code).hasValue(0);
        assertThat(done.out()).isEqualTo("first\n");
        DaemonStatus s = DaemonClient.status(a).orElseThrow();
        assertThat(s.calls()).isEqualTo(1);
        assertThat(s.refused()).isEqualTo(1);
    }

    @Test
    void aCallForAnotherDirectoryEnvironmentOrBuildIsRefused() throws Exception {
        DaemonAddress a = serve(Duration.ofMinutes(1), (args, out, err) -> 0);
        // A key that names another daemon, sent to this socket all the same.
        Call call = new Call();
        call.code = forwardWithKey(a, "ffff0123456789abcdef0123", call);

        assertThat(call.code).isEmpty();
        assertThat(call.err()).contains("it serves another directory, environment or build");
        assertThat(DaemonClient.status(a).orElseThrow().calls()).isZero();
    }

    /** A RUN request on {@code a}'s socket that gives {@code key}. */
    private static OptionalInt forwardWithKey(DaemonAddress a, String key, Call call) throws IOException {
        Path link = a.folder().resolve(key + ".sock");
        Files.createSymbolicLink(link, a.socket());
        try {
            return DaemonClient.forward(new DaemonAddress(key, a.folder()), new String[] {"score"}, call.out,
                    new PrintStream(call.err, true, StandardCharsets.UTF_8));
        } finally {
            Files.delete(link);
        }
    }

    @Test
    void stopEndsTheDaemonAndRemovesItsSocket() throws Exception {
        DaemonAddress a = serve(Duration.ofMinutes(1), (args, out, err) -> 0);
        assertThat(Files.exists(a.socket())).isTrue();

        assertThat(DaemonClient.stop(a)).hasValue(ProcessHandle.current().pid());
        serving.join(10_000);

        assertThat(serving.isAlive()).isFalse();
        assertThat(served.get()).isNull();
        assertThat(Files.exists(a.socket())).isFalse();
        assertThat(new Call().run(a, "score").code).isEmpty();
        assertThat(logged.toString(StandardCharsets.UTF_8)).contains("stopping: asked to stop");
    }

    @Test
    void aDaemonWhoseSocketWasReplacedEndsAndLeavesTheNewOneAlone() throws Exception {
        DaemonAddress a = serve(Duration.ofMinutes(1), (args, out, err) -> 0);
        Files.delete(a.socket());
        try (ServerSocketChannel next = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            next.bind(UnixDomainSocketAddress.of(a.socket()));

            serving.join(15_000);

            assertThat(serving.isAlive()).isFalse();
            assertThat(logged.toString(StandardCharsets.UTF_8)).contains("was removed or replaced");
            assertThat(Files.exists(a.socket())).as("the next daemon's socket").isTrue();
        }
    }

    @Test
    void itEndsAfterItsIdleTimeWithoutACall() throws Exception {
        DaemonAddress a = serve(Duration.ofSeconds(1), (args, out, err) -> 0);

        serving.join(15_000);

        assertThat(serving.isAlive()).isFalse();
        assertThat(Files.exists(a.socket())).isFalse();
        assertThat(logged.toString(StandardCharsets.UTF_8)).contains("stopping: no call for 1 s");
    }

    @Test
    void aSecondDaemonForTheSameAddressIsRefusedAndADeadOnesSocketReplaced() throws Exception {
        DaemonAddress a = address();
        a.privateFolder();
        // a socket file no one listens on, as a killed daemon leaves it
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(a.socket()));
        }
        assertThat(Files.exists(a.socket())).isTrue();
        serve(Duration.ofMinutes(1), (args, out, err) -> 0);

        DaemonServer second = new DaemonServer(a, () -> a, Duration.ofMinutes(1), (args, out, err) -> 0,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), () -> "none kept");
        assertThatThrownBy(() -> second.serve(() -> { })).isInstanceOf(IOException.class)
                .hasMessageContaining("a daemon already serves this directory and environment");
        assertThat(DaemonClient.status(a)).isPresent();
    }

    @Test
    void aDaemonThatDiesDuringACallIsSaidSoWithTheInternalErrorCode() throws Exception {
        DaemonAddress a = address();
        a.privateFolder();
        try (ServerSocketChannel fake = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            fake.bind(UnixDomainSocketAddress.of(a.socket()));
            CompletableFuture<Void> daemon = CompletableFuture.runAsync(() -> {
                try (SocketChannel ch = fake.accept()) {
                    // the whole request first, as a daemon reads it
                    java.io.DataInputStream in = new java.io.DataInputStream(Channels.newInputStream(ch));
                    in.readInt();
                    in.readByte();
                    in.readUTF();
                    Wire.readArgs(in);
                    DataOutputStream out = new DataOutputStream(Channels.newOutputStream(ch));
                    out.writeByte(Wire.ACCEPTED);
                    out.writeByte(Wire.STDOUT);
                    out.writeInt(6);
                    out.write("begun\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    // and then it is gone, without an exit frame
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            Call call = new Call().run(a, "score");
            daemon.get(10, TimeUnit.SECONDS);

            assertThat(call.code).hasValue(DaemonClient.DAEMON_DIED);
            assertThat(call.out()).isEqualTo("begun\n");
            assertThat(call.err()).contains("the workbench daemon ended before the command did");
        }
    }

    @Test
    void aFolderOthersMayEnterIsRefused() throws Exception {
        DaemonAddress a = address();
        Files.createDirectories(a.folder(), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-x---")));
        Files.setPosixFilePermissions(a.folder(), PosixFilePermissions.fromString("rwxr-x---"));

        assertThatThrownBy(a::privateFolder).isInstanceOf(IOException.class)
                .hasMessageContaining("may be entered by others (rwxr-x---)");
    }
}
