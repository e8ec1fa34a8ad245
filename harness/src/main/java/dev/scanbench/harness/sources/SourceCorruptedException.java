package dev.scanbench.harness.sources;

import java.nio.file.Path;

/** A stored source whose bytes no longer hash to its name: edited or damaged since it was stored. */
public final class SourceCorruptedException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient Path file;

    /** @param file the object's file, or null for a store that is not a directory (a database table) */
    public SourceCorruptedException(Path file, String message) {
        super(message);
        this.file = file;
    }

    /** @return the object's file */
    public Path file() {
        return file;
    }
}
