package dev.scanbench.daemon;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * What a daemon says of itself.
 *
 * @param pid      its process
 * @param cwd      the directory it serves
 * @param socket   where it listens
 * @param started  when it started (ISO-8601)
 * @param calls    calls it has run
 * @param refused  calls it refused (busy, another build), which their clients ran themselves
 * @param busy     whether a call runs now
 * @param spare    its spare worker, in words
 */
record DaemonStatus(long pid, String cwd, String socket, String started, int calls, int refused, boolean busy,
                    String spare) {
    void write(DataOutputStream out) throws IOException {
        out.writeLong(pid);
        out.writeUTF(cwd);
        out.writeUTF(socket);
        out.writeUTF(started);
        out.writeInt(calls);
        out.writeInt(refused);
        out.writeBoolean(busy);
        out.writeUTF(spare);
    }

    static DaemonStatus read(DataInputStream in) throws IOException {
        return new DaemonStatus(in.readLong(), in.readUTF(), in.readUTF(), in.readUTF(), in.readInt(), in.readInt(),
                in.readBoolean(), in.readUTF());
    }
}
