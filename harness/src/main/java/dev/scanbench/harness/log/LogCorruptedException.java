package dev.scanbench.harness.log;

import java.nio.file.Path;

/**
 * A complete line of the log, or its head file, is not a well-formed entry, so it cannot be read or chained
 * onto. The message names the file and line.
 */
public final class LogCorruptedException extends ScoreLogException {

    private static final long serialVersionUID = 1L;

    /**
     * @param file    the log or head file
     * @param message the location and what is malformed
     */
    public LogCorruptedException(Path file, String message) {
        super(file, message);
    }
}
