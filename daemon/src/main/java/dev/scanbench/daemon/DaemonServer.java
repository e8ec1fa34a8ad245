package dev.scanbench.daemon;

import dev.scanbench.harness.cli.ExitCode;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * The daemon's socket and its calls. One call runs at a time, in this JVM, through the CLI's own entry with the
 * call's output framed back; a call that finds one running is refused at once and its client runs the command
 * itself (a call never waits for another). Only this user may connect ({@code SO_PEERCRED} is checked as well as
 * the folder's permissions). It ends when told to stop, after {@code idle} without a call, or when the build it
 * was started from changes.
 */
final class DaemonServer {
    /** A command line run as the CLI runs it: {@code Main.run}. */
    interface Runner {
        int run(String[] args, PrintWriter out, PrintWriter err);
    }

    private static final long CHECK_EVERY_MILLIS = 2_000;

    private final DaemonAddress address;
    private final Supplier<DaemonAddress> now;
    private final Duration idle;
    private final Runner runner;
    private final PrintStream log;
    private final Supplier<String> spare;
    private final AtomicBoolean busy = new AtomicBoolean();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicInteger served = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final Instant started = Instant.now();
    private volatile long lastCallNanos = System.nanoTime();
    private volatile Selector selector;

    /**
     * @param address the address it serves
     * @param now     the address of this process's directory, environment and build now (a rebuild changes it)
     * @param spare   one line on the spare worker, for status
     */
    DaemonServer(DaemonAddress address, Supplier<DaemonAddress> now, Duration idle, Runner runner, PrintStream log,
            Supplier<String> spare) {
        this.address = address;
        this.now = now;
        this.idle = idle;
        this.runner = runner;
        this.log = log;
        this.spare = spare;
    }

    /**
     * Binds the socket (replacing a dead daemon's) and serves until the end; removes the socket after.
     *
     * @param bound runs once the socket accepts calls
     * @throws IOException when the socket cannot be bound, or a live daemon already serves this address
     */
    void serve(Runnable bound) throws IOException {
        address.privateFolder();
        UnixDomainSocketAddress where = UnixDomainSocketAddress.of(address.socket());
        if (Files.exists(address.socket())) {
            if (DaemonClient.answers(address)) {
                throw new IOException("a daemon already serves this directory and environment (socket "
                        + address.socket() + ")");
            }
            Files.deleteIfExists(address.socket());
        }
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
             Selector sel = Selector.open()) {
            // A bind that fails (another daemon won a race to this address) leaves that daemon's socket alone.
            server.bind(where);
            Object ours = socketKey();
            if (ours == null) {
                throw new IOException("the socket " + address.socket() + " vanished as it was bound");
            }
            // A daemon ended by a signal (SIGTERM, Ctrl-C on `daemon run`) takes its socket along as well.
            Thread removal = new Thread(() -> removeOwnSocket(ours), "daemon-socket-removal");
            Runtime.getRuntime().addShutdownHook(removal);
            try {
                server.configureBlocking(false);
                server.register(sel, SelectionKey.OP_ACCEPT);
                selector = sel;
                log("serving " + cwd() + " on " + address.socket() + " (pid " + ProcessHandle.current().pid()
                        + ", ends after " + idle.toSeconds() + " s without a call)");
                bound.run();
                String why = loop(server, sel, ours);
                log("stopping: " + why);
            } finally {
                removeOwnSocket(ours);
                try {
                    Runtime.getRuntime().removeShutdownHook(removal);
                } catch (IllegalStateException e) {
                    // shutting down already: the hook runs
                }
            }
        }
    }

    /**
     * Removes the socket file if it is still the one this daemon bound: one put there since by another daemon (after
     * this one's was removed) is that daemon's.
     */
    private void removeOwnSocket(Object ours) {
        try {
            if (ours.equals(socketKey())) {
                Files.deleteIfExists(address.socket());
            }
        } catch (IOException e) {
            // unreadable: the next daemon to start replaces it
        }
    }

    /** The file now at the socket's path (its device and inode), or null when there is none. */
    private Object socketKey() {
        try {
            return Files.readAttributes(address.socket(), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                    .fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    private String loop(ServerSocketChannel server, Selector sel, Object ours) throws IOException {
        long lastCheck = System.nanoTime();
        while (true) {
            if (stopping.get()) {
                return "asked to stop";
            }
            long sinceCall = System.nanoTime() - lastCallNanos;
            if (!busy.get() && sinceCall > idle.toNanos()) {
                return "no call for " + idle.toSeconds() + " s";
            }
            if (System.nanoTime() - lastCheck > CHECK_EVERY_MILLIS * 1_000_000L) {
                lastCheck = System.nanoTime();
                if (!busy.get() && !now.get().equals(address)) {
                    return "the build, directory or environment it serves has changed";
                }
                if (!ours.equals(socketKey())) {
                    return "its socket " + address.socket() + " was removed or replaced";
                }
            }
            sel.select(CHECK_EVERY_MILLIS);
            sel.selectedKeys().clear();
            SocketChannel ch;
            while ((ch = server.accept()) != null) {
                ch.configureBlocking(true);
                SocketChannel conn = ch;
                Thread t = new Thread(() -> handle(conn), "daemon-call");
                t.setDaemon(true);
                t.start();
            }
        }
    }

    private void handle(SocketChannel ch) {
        try (ch) {
            DataInputStream in = new DataInputStream(Channels.newInputStream(ch));
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(ch)));
            UnixDomainPrincipal peer = ch.getOption(ExtendedSocketOptions.SO_PEERCRED);
            if (!peer.user().getName().equals(System.getProperty("user.name"))) {
                log("refused a connection from user " + peer.user().getName());
                return;
            }
            if (in.readInt() != Wire.MAGIC) {
                return;
            }
            byte request = in.readByte();
            switch (request) {
                case Wire.STATUS -> {
                    out.writeByte(Wire.ACCEPTED);
                    status().write(out);
                    out.flush();
                }
                case Wire.STOP -> {
                    stopping.set(true);
                    out.writeByte(Wire.ACCEPTED);
                    out.writeLong(ProcessHandle.current().pid());
                    out.flush();
                    selector.wakeup();
                }
                case Wire.RUN -> run(in, out);
                default -> log("a request of unknown kind " + request);
            }
        } catch (IOException e) {
            log("a call broke off: " + e.getMessage());
        }
    }

    private void run(DataInputStream in, DataOutputStream out) throws IOException {
        String key = in.readUTF();
        String[] args = Wire.readArgs(in);
        if (!key.equals(address.key())) {
            refuse(out, "it serves another directory, environment or build");
            return;
        }
        if (stopping.get()) {
            refuse(out, "it is stopping");
            return;
        }
        if (!busy.compareAndSet(false, true)) {
            refuse(out, "it is running another call");
            return;
        }
        try {
            if (!now.get().equals(address)) {
                // the jar was rebuilt since the client looked: its classes are not this JVM's
                refuse(out, "the build it was started from has changed");
                stopping.set(true);
                selector.wakeup();
                return;
            }
            out.writeByte(Wire.ACCEPTED);
            out.flush();
            long t0 = System.nanoTime();
            int code = runHere(args, out);
            // counted and logged before the exit frame: a client that has gone does not undo a call that ran
            served.incrementAndGet();
            log(String.format(Locale.ROOT, "%s: exit %d in %.2f s", String.join(" ", args), code,
                    (System.nanoTime() - t0) / 1e9));
            synchronized (out) {
                out.writeByte(Wire.EXIT);
                out.writeInt(code);
                out.flush();
            }
        } finally {
            lastCallNanos = System.nanoTime();
            busy.set(false);
        }
    }

    /**
     * Runs the command with System.out and System.err pointed at the call's frames as well as the writers given to
     * it, so that whatever prints directly (a compiler's lines) reaches the caller as from a CLI process.
     */
    private int runHere(String[] args, DataOutputStream out) {
        PrintStream savedOut = System.out;
        PrintStream savedErr = System.err;
        PrintStream callOut = new PrintStream(new Wire.FrameStream(out, Wire.STDOUT), true, StandardCharsets.UTF_8);
        PrintStream callErr = new PrintStream(new Wire.FrameStream(out, Wire.STDERR), true, StandardCharsets.UTF_8);
        System.setOut(callOut);
        System.setErr(callErr);
        try {
            return runner.run(args, new PrintWriter(callOut, true, StandardCharsets.UTF_8),
                    new PrintWriter(callErr, true, StandardCharsets.UTF_8));
        } catch (RuntimeException | Error e) {
            // Main.run maps every failure of a command to a code; this is one of the daemon's own.
            callErr.println("internal error in the workbench daemon (please report it with this trace):");
            e.printStackTrace(callErr);
            return ExitCode.INTERNAL;
        } finally {
            callOut.flush();
            callErr.flush();
            System.setOut(savedOut);
            System.setErr(savedErr);
        }
    }

    private void refuse(DataOutputStream out, String why) throws IOException {
        refused.incrementAndGet();
        out.writeByte(Wire.REFUSED);
        out.writeUTF(why);
        out.flush();
    }

    private DaemonStatus status() {
        return new DaemonStatus(ProcessHandle.current().pid(), cwd(), address.socket().toString(),
                started.toString(), served.get(), refused.get(), busy.get(), spare.get());
    }

    private void log(String line) {
        log.println(Instant.now() + " workbench daemon: " + line);
    }

    /** The working directory, which every call shares. */
    private static String cwd() {
        return java.nio.file.Path.of("").toAbsolutePath().toString();
    }
}
