package dev.scanbench.harness.log;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scanbench.harness.sources.SourceStore;
import java.io.IOException;
import java.util.Optional;

/**
 * Where the score log's entries live: the same entry schema, sequence, hash chain and signatures whatever the
 * engine. Two engines exist: the JSONL file ({@link ScoreLog}, the default) and PostgreSQL (the {@code pgstore}
 * module, chosen by a {@code jdbc:postgresql:} location). {@link ScoreStores#open} picks one from a location.
 * Every reader (log show, tail and verify, the leaderboard, compare, the report) and every writer (score, the
 * scoring service's score child) goes through this interface.
 */
public interface ScoreStore extends AutoCloseable {

    /** @return the engine's name: {@code jsonl} or {@code postgresql} */
    String engine();

    /**
     * @return where the entries are, for messages and the {@code log} member of JSON: a path, or a JDBC URL with any
     *     password hidden (so callers print it as it is)
     */
    String location();

    /**
     * Appends one entry: chained onto the last, signed when the store was opened with a key, serialised against
     * every other appender of the same store.
     *
     * @param payload the caller's fields; must not use {@code seq}, {@code time}, {@code prev} or {@code hash}
     * @return the stored entry
     * @throws IllegalArgumentException if the payload uses a chain field or holds a NaN or infinite number
     * @throws IOException              if the store cannot be read or written, or its last entry does not chain
     */
    LogEntry append(ObjectNode payload) throws IOException;

    /** What {@link #appendOnce} did: appended {@code entry}, or found it already there. */
    record Appended(LogEntry entry, boolean appended) {
    }

    /**
     * Appends as {@link #append} does, unless an entry whose payload has the text {@code value} as {@code field} is
     * already stored: then nothing is written and that entry is returned. The look-up and the append are one
     * serialised step, so of two processes appending the same value at once exactly one appends.
     */
    Appended appendOnce(ObjectNode payload, String field, String value) throws IOException;

    /** @return the first entry whose payload has the text {@code value} as {@code field}; empty when none */
    Optional<LogEntry> find(String field, String value) throws IOException;

    /**
     * @return every complete entry in sequence order (hashes not checked: see {@link #verify})
     * @throws LogCorruptedException naming where the first stored entry that does not parse is
     */
    LogEntries read() throws IOException;

    /**
     * Checks every entry's hash, prev and seq, and, when {@code key} is given, that every entry carries that key's
     * signature; a failure names the first bad entry.
     *
     * @param key the public key every entry must be signed with, or null to check the chain only
     * @throws IOException if the store cannot be read (not for a bad entry: that is a failed verification)
     */
    LogVerification verify(LogPublicKey key) throws IOException;

    /** As {@link #verify(LogPublicKey)} without signatures. */
    default LogVerification verify() throws IOException {
        return verify(null);
    }

    /** @return the store of the scored kernels' sources that belongs to these entries */
    SourceStore sources();

    /** @return where {@link #sources()} keeps them, for messages */
    String sourcesLocation();

    /** Releases what the store holds open (a connection pool); a file log holds nothing between calls. */
    @Override
    void close() throws IOException;
}
