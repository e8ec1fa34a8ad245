package dev.scanbench.harness.log;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Arrays;

/**
 * The chain's rules for a store other than the JSONL file: the next entry's stored bytes, and an entry read back
 * from its stored bytes. A database store keeps exactly the bytes a JSONL line holds (without the line break), so
 * an export of its rows, one per line, is a JSONL log that verifies, and {@link ChainCheck} checks both alike.
 */
public final class EntryChain {

    private EntryChain() {
    }

    /**
     * @param last    the store's last entry, or null when it is empty
     * @param payload the caller's fields (checked as for {@link ScoreStore#append})
     * @param signer  signs the entry, or null
     * @return the new entry's stored bytes, without a line break; {@link #decode} of them gives the entry
     * @throws IllegalArgumentException if the payload uses a chain field or holds a NaN or infinite number
     */
    public static byte[] next(LogEntry last, ObjectNode payload, LogSigningKey signer) {
        EntryCodec.checkPayload(payload);
        long seq = last == null ? 0 : last.seq() + 1;
        byte[] line = EntryCodec.encode(seq, Instant.now(), last == null ? EntryCodec.ZERO_HASH : last.hash(), payload,
                signer);
        return Arrays.copyOf(line, line.length - 1);
    }

    /**
     * @param stored an entry's stored bytes
     * @param number its 1-based position (seq + 1 in a store that verifies)
     * @param where  names the store and the entry for the message of a bad one
     * @throws LogCorruptedException if the bytes are not an entry
     */
    public static LogEntry decode(byte[] stored, long number, String where) throws LogCorruptedException {
        try {
            return EntryCodec.decode(stored, number);
        } catch (EntryFormatException e) {
            throw new LogCorruptedException(null, where + ": " + e.getMessage());
        }
    }
}
