package dev.scanbench.harness.log;

import java.nio.file.Path;

/**
 * The log's tail and its head file disagree (entries deleted from the end, or either file edited), so an
 * append is refused: appending would rewrite the head and erase the evidence.
 */
public final class LogTamperedException extends ScoreLogException {

    private static final long serialVersionUID = 1L;

    /**
     * @param file    the log file
     * @param message what disagrees, with counts and hashes
     */
    public LogTamperedException(Path file, String message) {
        super(file, message);
    }
}
