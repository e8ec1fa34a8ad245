package dev.scanbench.harness.log;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The canonical JSON text the chain hashes: object keys sorted (Java {@code String} order, which equals
 * Python's {@code sort_keys} for the ASCII keys the workbench writes), no whitespace, strings and numbers as
 * Jackson writes them, UTF-8 bytes. Hashing is done over the stored bytes, never over a re-serialisation, so
 * the check does not depend on two JSON libraries agreeing on how to print a double.
 */
final class CanonicalJson {

    private static final JsonFactory FACTORY = new JsonFactory();

    private CanonicalJson() {
    }

    /**
     * @param node a tree of objects, arrays, strings, booleans, nulls and finite numbers
     * @return its canonical text
     * @throws IllegalArgumentException naming the JSON pointer of a NaN/infinite number or a non-JSON node
     */
    static String write(JsonNode node) {
        StringWriter text = new StringWriter();
        try (JsonGenerator generator = FACTORY.createGenerator(text)) {
            write(generator, node, "");
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory failed", e);
        }
        return text.toString();
    }

    /** @return the lower-case hex SHA-256 of {@code bytes} */
    static String sha256Hex(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            StringBuilder hex = new StringBuilder(64);
            for (byte b : digest) {
                hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }

    /** @return the SHA-256 of the UTF-8 bytes of {@code text} */
    static String sha256Hex(String text) {
        return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }

    private static void write(JsonGenerator out, JsonNode node, String pointer) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT -> {
                Map<String, JsonNode> sorted = new TreeMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    sorted.put(field.getKey(), field.getValue());
                }
                out.writeStartObject();
                for (Map.Entry<String, JsonNode> field : sorted.entrySet()) {
                    out.writeFieldName(field.getKey());
                    write(out, field.getValue(), pointer + "/" + field.getKey());
                }
                out.writeEndObject();
            }
            case ARRAY -> {
                out.writeStartArray();
                for (int i = 0; i < node.size(); i++) {
                    write(out, node.get(i), pointer + "/" + i);
                }
                out.writeEndArray();
            }
            case STRING -> out.writeString(node.textValue());
            case BOOLEAN -> out.writeBoolean(node.booleanValue());
            case NULL -> out.writeNull();
            case NUMBER -> writeNumber(out, node, pointer);
            default -> throw new IllegalArgumentException(
                    "cannot store a " + node.getNodeType() + " node in the score log at " + pointer);
        }
    }

    private static void writeNumber(JsonGenerator out, JsonNode node, String pointer) throws IOException {
        if (node.isBigInteger()) {
            out.writeNumber(node.bigIntegerValue());
        } else if (node.isIntegralNumber()) {
            out.writeNumber(node.longValue());
        } else if (node.isBigDecimal()) {
            out.writeNumber(node.decimalValue());
        } else {
            double value = node.doubleValue();
            // JSON has no NaN or Infinity; Jackson would quote them and the entry would read back as a string.
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("score log values must be finite numbers, got " + value
                        + " at " + pointer);
            }
            out.writeNumber(value);
        }
    }
}
