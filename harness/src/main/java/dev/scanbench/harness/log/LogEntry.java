package dev.scanbench.harness.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Optional;

/**
 * One entry of the score log as stored: the chain fields the log owns and the whole JSON object.
 *
 * @param seq  0-based position in the chain
 * @param time when it was appended (UTC)
 * @param prev the previous entry's hash, or 64 zeros for the first entry
 * @param hash SHA-256 hex of the entry's canonical text without {@code hash} (see {@link ScoreLog})
 * @param node the whole stored object: payload fields plus {@code seq}, {@code time}, {@code prev}, {@code hash}
 *             and, when signed, {@code sig}
 * @param line 1-based line number in the log file
 */
public record LogEntry(long seq, Instant time, String prev, String hash, ObjectNode node, long line) {

    /** Copies {@code node} so that the entry stays as it was read. */
    public LogEntry {
        node = node.deepCopy();
    }

    /** @return a copy of the whole stored object */
    @Override
    public ObjectNode node() {
        return node.deepCopy();
    }

    /** @return the entry's Ed25519 signature (128 hex digits), if it was appended by a signing log */
    public Optional<String> signature() {
        JsonNode sig = node.get("sig");
        return sig == null ? Optional.empty() : Optional.of(sig.asText());
    }

    /** @return a copy of the caller's fields only, without the chain fields */
    public ObjectNode payload() {
        ObjectNode payload = node.deepCopy();
        payload.remove(EntryCodec.CHAIN_FIELDS);
        return payload;
    }
}
