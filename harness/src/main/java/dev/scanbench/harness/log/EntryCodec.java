package dev.scanbench.harness.log;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The stored line format: the canonical text of the entry without {@code hash}, then the member
 * {@code ,"hash":"<64 hex>"} inserted before the closing brace, then {@code '\n'}. A signed entry has one more
 * member after it, {@code ,"sig":"<128 hex>"} (see {@link EntrySignature}). Because those members are always
 * last, the hashed bytes are recovered from a stored line by cutting them out.
 */
final class EntryCodec {

    /** The {@code prev} of the first entry. */
    static final String ZERO_HASH = "0".repeat(64);

    /** Fields the log owns; a payload may not contain them. */
    static final List<String> CHAIN_FIELDS = List.of("seq", "time", "prev", "hash", "sig");

    private static final byte[] HASH_MEMBER = ",\"hash\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final int HASH_SUFFIX_LENGTH = HASH_MEMBER.length + 64 + 2;
    private static final byte[] SIG_MEMBER = "\",\"sig\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final int SIG_SUFFIX_LENGTH = SIG_MEMBER.length + 128 + 2;
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    // Strict reading: a duplicated "seq" or trailing bytes after the object must not pass as a valid entry.
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private EntryCodec() {
    }

    /** @return the shared strict mapper, also used to build payloads */
    static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Checks a payload can be stored, so that a bad one is refused before any lock is taken.
     *
     * @throws IllegalArgumentException if the payload uses a chain field or holds a non-finite number
     */
    static void checkPayload(ObjectNode payload) {
        for (String field : CHAIN_FIELDS) {
            if (payload.has(field)) {
                throw new IllegalArgumentException("payload field '" + field + "' is reserved for the score log");
            }
        }
        CanonicalJson.write(payload);
    }

    /**
     * @param signer the key that signs the entry, or null for an unsigned one
     * @return the stored bytes of the entry, with the trailing {@code '\n'}
     * @throws IllegalArgumentException if the payload uses a chain field or holds a non-finite number
     */
    static byte[] encode(long seq, Instant time, String prev, ObjectNode payload, LogSigningKey signer) {
        checkPayload(payload);
        ObjectNode entry = payload.deepCopy();
        entry.put("seq", seq).put("time", time.toString()).put("prev", prev);
        String body = CanonicalJson.write(entry);
        String hash = CanonicalJson.sha256Hex(body);
        String sig = signer == null ? "" : ",\"sig\":\"" + signer.sign(hash) + "\"";
        String line = body.substring(0, body.length() - 1) + ",\"hash\":\"" + hash + "\"" + sig + "}\n";
        return line.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Recomputes the hash of a stored line (without its {@code '\n'}) from its bytes.
     *
     * @return the SHA-256 hex of the line with the hash member cut out
     * @throws EntryFormatException if the line does not end with the hash member
     */
    static String recomputeHash(byte[] line) throws EntryFormatException {
        line = withoutSignature(line);
        int cut = line.length - HASH_SUFFIX_LENGTH;
        if (cut < 1 || !Arrays.equals(line, cut, cut + HASH_MEMBER.length, HASH_MEMBER, 0, HASH_MEMBER.length)
                || line[line.length - 2] != '"' || line[line.length - 1] != '}') {
            throw new EntryFormatException("the hash member is not the last member of the line"
                    + " (the line was re-serialised or edited)");
        }
        byte[] body = Arrays.copyOf(line, cut + 1);
        body[cut] = '}';
        return CanonicalJson.sha256Hex(body);
    }

    /** @return the line with a trailing {@code ,"sig":"<128 hex>"} member cut out; the line itself when it has none */
    private static byte[] withoutSignature(byte[] line) {
        int cut = line.length - SIG_SUFFIX_LENGTH;
        if (cut < 1 || line[line.length - 1] != '}' || line[line.length - 2] != '"'
                || !Arrays.equals(line, cut, cut + SIG_MEMBER.length, SIG_MEMBER, 0, SIG_MEMBER.length)) {
            return line;
        }
        for (int i = cut + SIG_MEMBER.length; i < line.length - 2; i++) {
            byte b = line[i];
            if (!(b >= '0' && b <= '9' || b >= 'a' && b <= 'f')) {
                return line;
            }
        }
        // Keep the hash member's closing quote (the first byte of SIG_MEMBER), then close the object.
        byte[] cutOut = Arrays.copyOf(line, cut + 2);
        cutOut[cut + 1] = '}';
        return cutOut;
    }

    /**
     * Parses a stored line (without its {@code '\n'}) and checks the chain fields' types; does not check
     * the hash.
     *
     * @throws EntryFormatException saying what is malformed
     */
    static LogEntry decode(byte[] line, long lineNumber) throws EntryFormatException {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new EntryFormatException("not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new EntryFormatException("unreadable: " + e.getMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw new EntryFormatException("not a JSON object");
        }
        ObjectNode node = (ObjectNode) tree;
        JsonNode seq = node.get("seq");
        if (seq == null || !seq.isIntegralNumber() || !seq.canConvertToLong() || seq.longValue() < 0) {
            throw new EntryFormatException("'seq' is missing or not a non-negative integer");
        }
        JsonNode sig = node.get("sig");
        if (sig != null && !(sig.isTextual() && EntrySignature.HEX128.matcher(sig.textValue()).matches())) {
            throw new EntryFormatException("'sig' is not 128 lower-case hex digits");
        }
        return new LogEntry(seq.longValue(), instant(node), hex(node, "prev"), hex(node, "hash"), node, lineNumber);
    }

    private static Instant instant(ObjectNode node) throws EntryFormatException {
        JsonNode time = node.get("time");
        try {
            if (time != null && time.isTextual()) {
                return Instant.parse(time.textValue());
            }
        } catch (DateTimeParseException e) {
            // reported below with the other malformed cases
        }
        throw new EntryFormatException("'time' is missing or not an ISO-8601 instant");
    }

    private static String hex(ObjectNode node, String field) throws EntryFormatException {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || !HEX64.matcher(value.textValue()).matches()) {
            throw new EntryFormatException("'" + field + "' is missing or not 64 lower-case hex digits");
        }
        return value.textValue();
    }
}
