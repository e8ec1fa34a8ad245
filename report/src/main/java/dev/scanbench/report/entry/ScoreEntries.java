package dev.scanbench.report.entry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scanbench.harness.log.LogEntry;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the scoring entries out of any sequence of log entries (the file log's, or another store's), leniently:
 * a field an older entry lacks is null, so every entry ever logged stays readable. Entries that are not scoring
 * runs (no {@code kernel} and {@code status}) are skipped.
 */
public final class ScoreEntries {
    private ScoreEntries() {
    }

    /** @return the scoring entries, in the order given */
    public static List<ScoreEntry> of(Iterable<LogEntry> entries) {
        List<ScoreEntry> out = new ArrayList<>();
        for (LogEntry e : entries) {
            JsonNode p = e.node();
            if (p.path("kernel").isTextual() && p.path("status").isTextual()) {
                out.add(parse(e, p));
            }
        }
        return out;
    }

    private static ScoreEntry parse(LogEntry e, JsonNode p) {
        Basis basis = p.path("simulated").asBoolean(false) ? Basis.SIMULATED
                : "emulator".equals(p.path("backend").asText()) ? Basis.EMULATOR : Basis.GPU;
        String device = text(p, "device");
        return new ScoreEntry(e.seq(), e.hash(), e.time(), p.get("kernel").asText(), text(p, "label"),
                text(p, "note"), p.get("status").asText(), basis, device, deviceKey(device, p.at("/environment/driver")),
                p.path("n").asLong(), p.path("practice").asBoolean(false), timing(p), number(p.get("score")),
                number(p.get("normalised")), number(p.at("/standing/speedup_vs_best_human")),
                number(p.at("/standing/speedup_vs_best_agent")), work(p.get("counters")),
                text(p.path("source"), "sha256"));
    }

    /**
     * The device's identity: the driver's own description when the entry has one, else the device's words without a
     * trailing parenthesis (the CUDA backend's says how much memory was free, which changes from run to run).
     */
    static String deviceKey(String device, JsonNode driver) {
        if (driver.isObject() && driver.path("name").isTextual()) {
            return String.join(" | ", driver.path("name").asText(), "cc " + driver.path("compute_capability").asText(),
                    driver.path("memory_bytes").asText() + " B", driver.path("sm_clock_khz").asText() + " kHz SM",
                    driver.path("memory_clock_khz").asText() + " kHz memory",
                    driver.path("memory_bus_width_bits").asText() + "-bit bus");
        }
        if (device == null) {
            return null;
        }
        return device.replaceFirst("\\s*\\([^()]*\\)\\s*$", "").trim();
    }

    private static Timing timing(JsonNode p) {
        JsonNode t = p.get("timing");
        if (t == null || !t.isObject() || number(t.get("median_ms")) == null) {
            return null;
        }
        String basis = t.path("basis").asText("event");
        JsonNode raw = t.path("raw_samples");
        int count = raw.size();
        double[] samples = new double[count];
        double[] walls = new double[count];
        List<Set<String>> flags = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            JsonNode s = raw.get(i);
            Double wall = number(s.get("wall_ms"));
            Double event = number(s.get("event_ms"));
            walls[i] = wall == null ? Double.NaN : wall;
            samples[i] = "wall".equals(basis) || event == null ? walls[i] : event;
            Set<String> f = new LinkedHashSet<>();
            s.path("flags").forEach(x -> f.add(x.asText().toLowerCase(Locale.ROOT)));
            flags.add(f);
        }
        return new Timing(basis, t.get("median_ms").asDouble(), number(t.get("ci_low_ms")),
                number(t.get("ci_high_ms")), samples, walls, flags, text(p, "protocol"), text(p, "mode"),
                t.path("samples").asInt(count));
    }

    private static Work work(JsonNode c) {
        if (c == null || !c.isObject() || number(c.get("bytes_per_element")) == null) {
            return null;
        }
        return new Work(c.get("bytes_per_element").asDouble(), c.path("warp_instructions").asLong(),
                c.path("launches").asLong(), c.path("global_bytes_read").asLong(),
                c.path("global_bytes_written").asLong());
    }

    private static String text(JsonNode p, String key) {
        JsonNode v = p.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Double number(JsonNode v) {
        return v != null && v.isNumber() && Double.isFinite(v.asDouble()) ? v.asDouble() : null;
    }
}
