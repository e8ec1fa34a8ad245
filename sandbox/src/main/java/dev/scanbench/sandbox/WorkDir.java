package dev.scanbench.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A fresh temporary folder, deleted with everything in it on {@link #close()}: the writable folder of a
 * {@link Jail}, or any scratch folder. A failed deletion is left for the system's temporary-file cleaning: a
 * leftover must never turn a good run into a failure.
 */
public final class WorkDir implements AutoCloseable {
    private final Path path;

    private WorkDir(Path path) {
        this.path = path;
    }

    /** Creates a folder in the system's temporary folder, named {@code prefix} plus a random part. */
    public static WorkDir create(String prefix) throws IOException {
        return new WorkDir(Files.createTempDirectory(prefix).toAbsolutePath());
    }

    /** The folder. */
    public Path path() {
        return path;
    }

    /** Deletes the folder and its content (symbolic links are deleted, never followed). */
    @Override
    public void close() {
        deleteTree(path);
    }

    /**
     * Deletes a folder tree without following links; a null or missing path is ignored.
     *
     * @return false when something could not be deleted
     */
    public static boolean deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return true;
        }
        boolean[] ok = {true};
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    ok[0] = false;
                }
            });
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return ok[0];
    }
}
