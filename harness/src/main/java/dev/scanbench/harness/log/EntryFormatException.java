package dev.scanbench.harness.log;

/**
 * A line is not a well-formed entry. Internal: {@link ScoreLog} turns it into a {@link LogCorruptedException}
 * or a verification failure, adding the file and line.
 */
final class EntryFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    EntryFormatException(String message) {
        super(message);
    }
}
