package dev.scanbench.daemon;

import dev.scanbench.harness.cli.ExitCode;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.util.Optional;
import java.util.OptionalInt;

/** The CLI's side of the daemon's socket ({@link Wire}). */
final class DaemonClient {
    /** What a call whose daemon ended before the command did exits with (the CLI's internal error). */
    static final int DAEMON_DIED = ExitCode.INTERNAL;

    private DaemonClient() {
    }

    /**
     * Runs {@code args} in the daemon for {@code address}, copying its output to {@code out} and {@code err} as it
     * comes, and returns the command's exit code; empty when there is no daemon there or it refused the call (it
     * is busy, or another build), and then nothing has been run or printed but a note on {@code err} for a refusal.
     */
    static OptionalInt forward(DaemonAddress address, String[] args, OutputStream out, PrintStream err) {
        Optional<SocketChannel> connected = connect(address);
        if (connected.isEmpty()) {
            return OptionalInt.empty();
        }
        try (SocketChannel ch = connected.get()) {
            DataOutputStream req = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(ch)));
            req.writeInt(Wire.MAGIC);
            req.writeByte(Wire.RUN);
            req.writeUTF(address.key());
            Wire.writeArgs(req, args);
            req.flush();
            DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(ch)));
            byte answer;
            try {
                answer = in.readByte();
            } catch (EOFException e) {
                return OptionalInt.empty();
            }
            if (answer == Wire.REFUSED) {
                err.println("workbench: the daemon did not take this call (" + in.readUTF() + "); running it here");
                return OptionalInt.empty();
            }
            if (answer != Wire.ACCEPTED) {
                return OptionalInt.empty();
            }
            return OptionalInt.of(relay(in, out, err));
        } catch (IOException e) {
            err.println("workbench: the daemon's socket failed before the call started (" + e.getMessage()
                    + "); running it here");
            return OptionalInt.empty();
        }
    }

    /** Copies frames until the exit code; a connection that ends first is the daemon's death, said so. */
    private static int relay(DataInputStream in, OutputStream out, PrintStream err) {
        byte[] buf = new byte[8192];
        try {
            while (true) {
                byte kind = in.readByte();
                if (kind == Wire.EXIT) {
                    return in.readInt();
                }
                int len = in.readInt();
                OutputStream to = kind == Wire.STDOUT ? out : err;
                for (int left = len; left > 0; ) {
                    int n = in.read(buf, 0, Math.min(buf.length, left));
                    if (n < 0) {
                        throw new EOFException();
                    }
                    to.write(buf, 0, n);
                    left -= n;
                }
                to.flush();
            }
        } catch (IOException e) {
            err.println("error: the workbench daemon ended before the command did (killed, or out of memory: see "
                    + "its log with `workbench daemon status`); what it printed is above, and the score log may "
                    + "hold this call's entry");
            err.flush();
            return DAEMON_DIED;
        }
    }

    /** The daemon's account of itself; empty when none answers at {@code address}. */
    static Optional<DaemonStatus> status(DaemonAddress address) {
        return ask(address, Wire.STATUS).map(in -> {
            try {
                return DaemonStatus.read(in);
            } catch (IOException e) {
                return null;
            }
        });
    }

    /** Whether a daemon answers at {@code address}. */
    static boolean answers(DaemonAddress address) {
        return status(address).isPresent();
    }

    /** Asks the daemon to stop; its pid, or empty when none answers. */
    static Optional<Long> stop(DaemonAddress address) {
        return ask(address, Wire.STOP).map(in -> {
            try {
                return in.readLong();
            } catch (IOException e) {
                return null;
            }
        });
    }

    /**
     * A connection to the daemon's socket; empty when there is no socket, or no daemon behind it (one that died
     * without removing it: the next one to start replaces it).
     */
    private static Optional<SocketChannel> connect(DaemonAddress address) {
        if (!Files.exists(address.socket())) {
            return Optional.empty();
        }
        SocketChannel ch = null;
        try {
            ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            ch.connect(UnixDomainSocketAddress.of(address.socket()));
            return Optional.of(ch);
        } catch (IOException e) {
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException closing) {
                    // nothing was sent on it
                }
            }
            return Optional.empty();
        }
    }

    private static Optional<DataInputStream> ask(DaemonAddress address, byte request) {
        Optional<SocketChannel> connected = connect(address);
        if (connected.isEmpty()) {
            return Optional.empty();
        }
        try (SocketChannel ch = connected.get()) {
            DataOutputStream req = new DataOutputStream(Channels.newOutputStream(ch));
            req.writeInt(Wire.MAGIC);
            req.writeByte(request);
            req.flush();
            // The answer is small: read it whole, then close.
            byte[] all = Channels.newInputStream(ch).readAllBytes();
            DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(all));
            return in.readByte() == Wire.ACCEPTED ? Optional.of(in) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
