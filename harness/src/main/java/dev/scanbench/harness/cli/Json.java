package dev.scanbench.harness.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;

/**
 * The one JSON writer of the CLI: every `--json` output goes through here, one document per command (commands of
 * other modules included, hence public).
 */
public final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    /** @return an empty object to fill */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Prints {@code value} as one indented JSON document and flushes. */
    public static void print(PrintWriter out, Object value) {
        try {
            out.println(MAPPER.writeValueAsString(value));
            out.flush();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise result to JSON", e);
        }
    }
}
