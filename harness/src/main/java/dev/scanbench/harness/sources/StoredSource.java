package dev.scanbench.harness.sources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * A source as a score log entry records it ({@code "source": {"sha256", "bytes", "file"}}).
 *
 * @param sha256   SHA-256 of the bytes, the object's name in the store
 * @param bytes    the size
 * @param fileName the kernel's file name when it was scored
 */
public record StoredSource(String sha256, long bytes, String fileName) {

    /** @return the entry's {@code source} object */
    public ObjectNode toJson() {
        return JsonNodeFactory.instance.objectNode().put("sha256", sha256).put("bytes", bytes).put("file", fileName);
    }

    /** @return the {@code source} of an entry's payload, or empty for an entry scored before sources were stored */
    public static Optional<StoredSource> of(JsonNode entry) {
        JsonNode s = entry.path("source");
        if (!s.path("sha256").isTextual()) {
            return Optional.empty();
        }
        return Optional.of(new StoredSource(s.get("sha256").asText(), s.path("bytes").asLong(),
                s.path("file").asText("")));
    }
}
