package dev.scanbench.daemon;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The daemon's protocol on its socket. The client sends {@link #MAGIC}, one request byte and, for {@link #RUN},
 * its {@link DaemonAddress#key key} and the command line; the daemon answers {@link #ACCEPTED} or {@link #REFUSED}
 * with a reason, then frames: {@link #STDOUT} or {@link #STDERR} with a length and bytes, and one {@link #EXIT}
 * with the exit code, last. Strings are {@link DataOutputStream#writeUTF modified UTF-8}.
 */
final class Wire {
    static final int MAGIC = 0x57424431; // "WBD1"

    static final byte RUN = 'R';
    static final byte STATUS = 'Q';
    static final byte STOP = 'S';

    static final byte ACCEPTED = 'A';
    static final byte REFUSED = 'N';
    static final byte STDOUT = 'O';
    static final byte STDERR = 'E';
    static final byte EXIT = 'X';

    /** More arguments than any command line has: a request claiming more is not one. */
    static final int MAX_ARGS = 4096;

    private Wire() {
    }

    static String[] readArgs(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_ARGS) {
            throw new IOException("a request with " + n + " arguments");
        }
        String[] args = new String[n];
        for (int i = 0; i < n; i++) {
            args[i] = in.readUTF();
        }
        return args;
    }

    static void writeArgs(DataOutputStream out, String[] args) throws IOException {
        out.writeInt(args.length);
        for (String a : args) {
            out.writeUTF(a);
        }
    }

    /**
     * One of a call's two output streams, as frames on the connection. Once the client has gone, what is written is
     * dropped: the command runs to its end (its log entry is whole), as a CLI process whose terminal closed would.
     */
    static final class FrameStream extends OutputStream {
        private final DataOutputStream out;
        private final byte stream;

        FrameStream(DataOutputStream out, byte stream) {
            this.out = out;
            this.stream = stream;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (len == 0) {
                return;
            }
            synchronized (out) {
                try {
                    out.writeByte(stream);
                    out.writeInt(len);
                    out.write(b, off, len);
                    // Lines reach the client as they are printed, as from a CLI process.
                    out.flush();
                } catch (IOException e) {
                    // the client has gone
                }
            }
        }
    }
}
