package dev.scanbench.service.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A submission as the service accepts it: a kernel's source and file name, and {@code score}'s options by their CLI
 * names. Checked here, before anything is queued, so that a bad request costs nothing and changes nothing.
 *
 * @param fileName the kernel's file name ({@code .cu}, {@code .ptx} or {@code .py}), no folders
 * @param source   the kernel's text
 * @param backend  {@code auto}, {@code cuda} or {@code emulator}
 * @param n        the problem size, or null for score's default
 * @param protocol {@code default} or {@code re-bench}
 * @param mode     {@code cold} or {@code hot}
 * @param timeout  the per-call limit in seconds, or null for score's default
 * @param label    who submitted it, or null (then the token's name)
 * @param note     a free note, or null
 */
public record SubmissionRequest(String fileName, String source, String backend, Long n, String protocol, String mode,
        Double timeout, String label, String note) {

    /** The largest source accepted: 1 MiB of UTF-8, far above any kernel. */
    public static final int MAX_SOURCE_BYTES = 1 << 20;

    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.+-]{0,99}");
    private static final Set<String> KINDS = Set.of(".cu", ".ptx", ".py");
    private static final Set<String> FIELDS = Set.of("file_name", "source", "backend", "n", "protocol", "mode",
            "timeout", "label", "note");

    /**
     * Reads and checks a request body.
     *
     * @throws BadRequestException naming the field and what is wrong with it
     */
    public static SubmissionRequest parse(JsonNode body) throws BadRequestException {
        if (body == null || !body.isObject()) {
            throw new BadRequestException("the body must be a JSON object with \"file_name\" and \"source\"");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new BadRequestException("unknown field \"" + name + "\"; the fields are " + new java.util.TreeSet<>(FIELDS));
            }
        }
        String fileName = text(body, "file_name", true);
        if (!FILE_NAME.matcher(fileName).matches()) {
            throw new BadRequestException("\"file_name\" must be a plain file name (letters, digits, _.+-; no folders),"
                    + " got \"" + fileName + "\"");
        }
        String kind = fileName.lastIndexOf('.') < 0 ? "" : fileName.substring(fileName.lastIndexOf('.'))
                .toLowerCase(Locale.ROOT);
        if (!KINDS.contains(kind)) {
            throw new BadRequestException("unknown kernel kind \"" + kind + "\" of \"" + fileName + "\": the service"
                    + " scores .cu (CUDA C++), .ptx and .py (Triton) kernels");
        }
        String source = text(body, "source", true);
        if (source.getBytes(StandardCharsets.UTF_8).length > MAX_SOURCE_BYTES) {
            throw new BadRequestException("\"source\" is larger than " + MAX_SOURCE_BYTES + " bytes", true);
        }
        String backend = choice(body, "backend", "auto", "auto", "cuda", "emulator");
        Long n = null;
        if (body.hasNonNull("n")) {
            JsonNode v = body.get("n");
            if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 1
                    || v.longValue() > Integer.MAX_VALUE / 4) {
                throw new BadRequestException("\"n\" must be an integer from 1 to " + Integer.MAX_VALUE / 4);
            }
            n = v.longValue();
        }
        String protocol = choice(body, "protocol", "default", "default", "re-bench");
        String mode = choice(body, "mode", "cold", "cold", "hot");
        Double timeout = null;
        if (body.hasNonNull("timeout")) {
            JsonNode v = body.get("timeout");
            if (!v.isNumber() || !(v.doubleValue() >= 0.001) || v.doubleValue() > 3600) {
                throw new BadRequestException("\"timeout\" must be a number of seconds from 0.001 to 3600");
            }
            timeout = v.doubleValue();
        }
        String label = text(body, "label", false);
        if (label != null && (label.isBlank() || label.length() > 100 || label.chars().anyMatch(Character::isISOControl))) {
            throw new BadRequestException("\"label\" must be 1 to 100 characters on one line");
        }
        String note = text(body, "note", false);
        if (note != null && note.length() > 4000) {
            throw new BadRequestException("\"note\" must be at most 4000 characters");
        }
        return new SubmissionRequest(fileName, source, backend, n, protocol, mode, timeout, label, note);
    }

    /** @return {@code score}'s options for this request, after the kernel path */
    public List<String> scoreOptions() {
        List<String> a = new ArrayList<>(List.of("--backend", backend, "--protocol", protocol, "--mode", mode));
        if (n != null) {
            a.addAll(List.of("--n", Long.toString(n)));
        }
        if (timeout != null) {
            a.addAll(List.of("--timeout", Double.toString(timeout)));
        }
        if (note != null) {
            a.addAll(List.of("--note", note));
        }
        return a;
    }

    /** @return the options as stored and shown (the source apart) */
    public ObjectNode optionsJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("backend", backend).put("n", n).put("protocol", protocol).put("mode", mode).put("timeout", timeout)
                .put("label", label).put("note", note);
        return o;
    }

    /** Reads stored options back (the inverse of {@link #optionsJson}), with the file name and source. */
    static SubmissionRequest of(String fileName, String source, JsonNode o) {
        return new SubmissionRequest(fileName, source, o.path("backend").asText("auto"),
                o.hasNonNull("n") ? o.get("n").longValue() : null, o.path("protocol").asText("default"),
                o.path("mode").asText("cold"), o.hasNonNull("timeout") ? o.get("timeout").doubleValue() : null,
                o.hasNonNull("label") ? o.get("label").asText() : null,
                o.hasNonNull("note") ? o.get("note").asText() : null);
    }

    private static String text(JsonNode body, String field, boolean required) throws BadRequestException {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new BadRequestException("\"" + field + "\" is required");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw new BadRequestException("\"" + field + "\" must be a string");
        }
        return v.textValue();
    }

    private static String choice(JsonNode body, String field, String dflt, String... allowed) throws BadRequestException {
        String v = text(body, field, false);
        if (v == null) {
            return dflt;
        }
        if (!List.of(allowed).contains(v)) {
            throw new BadRequestException("\"" + field + "\" must be one of " + String.join(", ", allowed) + ", got \""
                    + v + "\"");
        }
        return v;
    }
}
