package dev.scanbench.harness.log;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A score log cannot be used as it stands. An {@link IOException} so that callers handling file trouble
 * handle this too; the subclasses say which kind of trouble, the message names the file and line.
 */
public class ScoreLogException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;

    /**
     * @param file    the file at fault (the log or one of its siblings)
     * @param message what is wrong, already naming the location
     */
    public ScoreLogException(Path file, String message) {
        super(message);
        this.file = file;
    }

    /**
     * Trouble with a store that is not a file (a database): the message names the store.
     *
     * @param message what is wrong, already naming the store
     * @param cause   the driver's exception, or null
     */
    public ScoreLogException(String message, Throwable cause) {
        super(message, cause);
        this.file = null;
    }

    /** @return the file at fault, null for a store that is not a file */
    public Path file() {
        return file;
    }
}
