package dev.scanbench.harness.log;

import dev.scanbench.harness.log.LogVerification.Failure;
import java.util.List;
import java.util.Optional;

/**
 * The per-entry half of a log verification, whatever stores the entries: each stored line in order is parsed,
 * re-hashed, its signature checked (when a key is given), then its {@code prev} and {@code seq} against the entry
 * before it. The checks run in that order so that a failure names its most likely cause: a deleted entry makes the
 * next one's prev and seq both wrong, and is reported as a prev mismatch. The JSONL log's verifier and the
 * PostgreSQL store feed it the same stored bytes, so the two stores are checked by one rule.
 */
public final class ChainCheck {

    private final LogPublicKey key;
    private long count;
    private String lastHash = EntryCodec.ZERO_HASH;
    private String lastPrev;

    /** @param key the key every entry must be signed with, or null to check the chain only */
    public ChainCheck(LogPublicKey key) {
        this.key = key;
    }

    /**
     * Checks the next stored line.
     *
     * @param line   the entry's stored bytes, without the line break
     * @param number its 1-based position (the line number in a file, seq + 1 in a table)
     * @param at     the prefix of every failure's detail, naming where the line is ("scores.jsonl:3: ")
     * @return the failure, or empty when the line is the chain's next entry
     */
    public Optional<Failure> check(byte[] line, long number, String at) {
        LogEntry entry;
        try {
            entry = EntryCodec.decode(line, number);
        } catch (EntryFormatException e) {
            return fail(LogProblem.UNPARSABLE, count, number, at + e.getMessage());
        }
        try {
            String recomputed = EntryCodec.recomputeHash(line);
            if (!recomputed.equals(entry.hash())) {
                return fail(LogProblem.HASH_MISMATCH, entry.seq(), number,
                        at + "stored hash " + entry.hash() + " but the content hashes to " + recomputed);
            }
        } catch (EntryFormatException e) {
            return fail(LogProblem.HASH_MISMATCH, entry.seq(), number, at + e.getMessage());
        }
        if (key != null) {
            Optional<String> sig = entry.signature();
            if (sig.isEmpty()) {
                return fail(LogProblem.UNSIGNED, entry.seq(), number, at + "the entry has no signature, but every"
                        + " entry must be signed by key " + key.id());
            }
            if (!key.verifies(entry.hash(), sig.get())) {
                return fail(LogProblem.BAD_SIGNATURE, entry.seq(), number, at + "the signature is not key "
                        + key.id() + "'s signature of this entry");
            }
        }
        if (!entry.prev().equals(lastHash)) {
            String expected = number == 1 ? "64 zeros (first entry)" : lastHash + " (hash of line " + (number - 1)
                    + ")";
            return fail(LogProblem.PREV_MISMATCH, entry.seq(), number,
                    at + "prev is " + entry.prev() + " but should be " + expected);
        }
        if (entry.seq() != count) {
            return fail(LogProblem.SEQ_GAP, entry.seq(), number, at + "seq is " + entry.seq() + ", expected " + count);
        }
        count++;
        lastPrev = entry.prev();
        lastHash = entry.hash();
        return Optional.empty();
    }

    /** @return entries that passed so far */
    public long count() {
        return count;
    }

    /** @return the hash of the last entry that passed, 64 zeros when none did */
    public String lastHash() {
        return lastHash;
    }

    /** @return the prev of the last entry that passed, null when none did */
    String lastPrev() {
        return lastPrev;
    }

    /** @return a passed verification of the entries checked so far */
    public LogVerification passed(List<String> warnings) {
        return LogVerification.passed(count, lastHash, keyId(), warnings);
    }

    /** @return a failed verification, {@code failure} the first bad entry or the store's own check */
    public LogVerification failed(Failure failure, List<String> warnings) {
        return LogVerification.failed(count, lastHash, keyId(), failure, warnings);
    }

    private Optional<String> keyId() {
        return key == null ? Optional.empty() : Optional.of(key.id());
    }

    private static Optional<Failure> fail(LogProblem problem, long seq, long line, String detail) {
        return Optional.of(new Failure(problem, seq, line, detail));
    }
}
