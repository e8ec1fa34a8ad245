package dev.scanbench.harness.log;

import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Arrays;

/**
 * Test process: takes the log's lock as an appender does, writes the first half of the next entry's line,
 * prints "torn" and then waits to be killed while still holding the lock. Argument: log path.
 */
public final class TornWriterMain {

    private TornWriterMain() {
    }

    public static void main(String[] args) throws Exception {
        ScoreLog log = new ScoreLog(Path.of(args[0]));
        LogEntries entries = log.read();
        LogEntry last = entries.get(entries.size() - 1);
        byte[] line = EntryCodec.encode(last.seq() + 1, Instant.now(), last.hash(),
                EntryCodec.mapper().createObjectNode().put("kernel", "never-finished.cu"), null);
        try (FileChannel lock = FileChannel.open(log.lockFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             RandomAccessFile file = new RandomAccessFile(log.file().toFile(), "rw")) {
            // Never released by this process: only its death (SIGKILL) lets the OS drop the lock.
            lock.lock();
            file.seek(file.length());
            file.write(Arrays.copyOf(line, line.length / 2));
            file.getFD().sync();
            System.out.println("torn");
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
