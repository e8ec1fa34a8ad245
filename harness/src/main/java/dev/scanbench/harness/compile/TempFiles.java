package dev.scanbench.harness.compile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Deletes scratch folders of compiler runs. */
final class TempFiles {
    private TempFiles() {
    }

    /**
     * Deletes a folder and its content; a null or missing folder is ignored.
     *
     * @return false when something could not be deleted. Callers only clean up after themselves, and a
     *         left-over temporary folder must not turn a good compilation into a failure.
     */
    static boolean deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return true;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
            return true;
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }
}
