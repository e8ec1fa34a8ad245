package dev.scanbench.harness.log;

/** Why verification of a score log failed, with what each failure usually means. */
public enum LogProblem {

    /** A complete line is not JSON, not an object, or lacks a well-formed {@code seq}/{@code time}/{@code prev}/{@code hash}. */
    UNPARSABLE("unparsable line"),

    /** The entry's stored hash is not the hash of its content: the entry was edited. */
    HASH_MISMATCH("hash mismatch: the entry was edited"),

    /** The entry's {@code prev} is not the previous line's hash: an entry was deleted, inserted or reordered. */
    PREV_MISMATCH("prev mismatch: an entry was deleted, inserted or reordered"),

    /** Signatures were required and the entry has none: appended by someone without the signing key. */
    UNSIGNED("unsigned entry: not appended by the signing key's holder"),

    /** The entry's signature is not the required key's: forged, or signed with another key. */
    BAD_SIGNATURE("bad signature: the entry was forged or signed with another key"),

    /** The chain is intact but {@code seq} does not count 0, 1, 2, ...: renumbered and re-hashed. */
    SEQ_GAP("seq gap: entries renumbered"),

    /** The head file does not record this log's length and last hash: entries deleted from the end. */
    HEAD_MISMATCH("head file disagrees with the log: entries deleted from the end, or a file edited");

    private final String meaning;

    LogProblem(String meaning) {
        this.meaning = meaning;
    }

    /** @return a short phrase saying what this failure usually means */
    public String meaning() {
        return meaning;
    }
}
