package dev.scanbench.harness.log;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The lock serialising access to one log: an OS lock on the sibling {@code PATH.lock} file (works across
 * processes, released by the OS if the holder dies) plus an in-JVM lock, because the OS lock is held per
 * process and Java refuses a second overlapping lock from the same JVM.
 *
 * <p>A separate lock file rather than the log itself: on POSIX, closing any descriptor of a file drops all
 * the process's locks on it, so a reader closing the log would silently unlock a concurrent appender.
 */
final class LogLock implements AutoCloseable {

    private static final ConcurrentMap<Path, ReentrantLock> IN_JVM = new ConcurrentHashMap<>();

    private final ReentrantLock jvmLock;
    private final FileChannel channel;
    private final FileLock osLock;

    private LogLock(ReentrantLock jvmLock, FileChannel channel, FileLock osLock) {
        this.jvmLock = jvmLock;
        this.channel = channel;
        this.osLock = osLock;
    }

    /** Blocks until this process holds the exclusive lock; for appends. */
    static LogLock exclusive(Path lockFile) throws IOException {
        return acquire(lockFile, false);
    }

    /**
     * Blocks until this process holds a shared lock, so reads see no half-written append. Where the lock file
     * cannot be created (a read-only copy of a log, a missing directory) it reads unlocked: nobody can be
     * appending there.
     */
    static LogLock shared(Path lockFile) throws IOException {
        return acquire(lockFile, true);
    }

    private static LogLock acquire(Path lockFile, boolean shared) throws IOException {
        ReentrantLock jvmLock = IN_JVM.computeIfAbsent(lockFile.toAbsolutePath().normalize(), p -> new ReentrantLock());
        jvmLock.lock();
        FileChannel channel = null;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            return new LogLock(jvmLock, channel, channel.lock(0, Long.MAX_VALUE, shared));
        } catch (FileSystemException e) {
            if (shared && channel == null) {
                return new LogLock(jvmLock, null, null);
            }
            release(jvmLock, channel);
            throw e;
        } catch (IOException | RuntimeException | Error e) {
            release(jvmLock, channel);
            throw e;
        }
    }

    private static void release(ReentrantLock jvmLock, FileChannel channel) throws IOException {
        try {
            if (channel != null) {
                channel.close();
            }
        } finally {
            jvmLock.unlock();
        }
    }

    @Override
    public void close() throws IOException {
        try {
            if (osLock != null) {
                osLock.release();
            }
        } finally {
            release(jvmLock, channel);
        }
    }
}
