package dev.scanbench.report.format;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scanbench.report.compare.Comparison;
import dev.scanbench.report.entry.ScoreEntry;
import dev.scanbench.report.stats.ShiftEstimate;
import java.util.Locale;

/**
 * A comparison as one JSON document: {@code workbench compare --json}, and what an agent interface returns.
 * <pre>{@code
 * {"a": ENTRY, "b": ENTRY, "kind": "timed"|"work"|"refused", "comparable", "refusal",
 *  "decision": "FASTER"|"SLOWER"|"SAME"|"UNCERTAIN"|null, "reason", "statement",
 *  "shift": null | {"estimate_ms", "ci_low_ms", "ci_high_ms", "relative", "relative_ci_low", "relative_ci_high",
 *                   "confidence", "interval": "exact"|"normal approximation"},
 *  "mann_whitney": null | {"p_value", "ties"},
 *  "noise": null | {"a", "b", "threshold", "rule"},
 *  "work": null | {"a_bytes_per_element", "b_bytes_per_element", "traffic_ratio", "a_warp_instructions",
 *                  "b_warp_instructions", "instruction_ratio"}}
 * }</pre>
 * ENTRY is {@code {"seq", "hash", "kernel", "label", "basis", "device", "n", "status", "time_ms", "samples",
 * "bytes_per_element"}}. Relative values are fractions of A's median (-0.03 is 3% faster); the decision is B's
 * against A.
 */
public final class ComparisonJson {
    private ComparisonJson() {
    }

    /** @return the document */
    public static ObjectNode of(Comparison c) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.set("a", entry(c.a()));
        o.set("b", entry(c.b()));
        o.put("kind", c.kind().name().toLowerCase(Locale.ROOT));
        o.put("comparable", c.kind() != Comparison.Kind.REFUSED);
        o.put("refusal", c.refusal());
        o.put("decision", c.decision() == null ? null : c.decision().name());
        o.put("reason", c.reason());
        o.put("statement", c.statement());
        ShiftEstimate s = c.shift();
        if (s == null) {
            o.putNull("shift");
            o.putNull("mann_whitney");
        } else {
            ObjectNode x = o.putObject("shift");
            number(x, "estimate_ms", s.estimate());
            number(x, "ci_low_ms", s.low());
            number(x, "ci_high_ms", s.high());
            number(x, "relative", c.relativeShift());
            number(x, "relative_ci_low", c.relativeLow());
            number(x, "relative_ci_high", c.relativeHigh());
            x.put("confidence", s.confidence());
            x.put("interval", s.exact() ? "exact" : "normal approximation");
            ObjectNode m = o.putObject("mann_whitney");
            number(m, "p_value", c.pValue());
            m.put("ties", c.ties());
        }
        if (c.threshold() == null) {
            o.putNull("noise");
        } else {
            ObjectNode x = o.putObject("noise");
            number(x, "a", c.noiseA());
            number(x, "b", c.noiseB());
            x.put("threshold", c.threshold());
            x.put("rule", c.thresholdRule());
        }
        if (c.kind() == Comparison.Kind.WORK) {
            ObjectNode w = o.putObject("work");
            w.put("a_bytes_per_element", c.a().work().bytesPerElement());
            w.put("b_bytes_per_element", c.b().work().bytesPerElement());
            number(w, "traffic_ratio", c.trafficRatio());
            w.put("a_warp_instructions", c.a().work().warpInstructions());
            w.put("b_warp_instructions", c.b().work().warpInstructions());
            number(w, "instruction_ratio", c.instructionRatio());
        } else {
            o.putNull("work");
        }
        return o;
    }

    static ObjectNode entry(ScoreEntry e) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("seq", e.seq());
        o.put("hash", e.hash());
        o.put("kernel", e.kernel());
        o.put("label", e.label());
        o.put("basis", e.basis().jsonName());
        o.put("device", e.deviceKey());
        o.put("n", e.n());
        o.put("status", e.status());
        if (e.timeMs().isPresent()) {
            o.put("time_ms", e.timeMs().get());
            o.put("samples", e.timing().sampleCount());
        } else {
            o.putNull("time_ms");
            o.putNull("samples");
        }
        if (e.work() != null) {
            o.put("bytes_per_element", e.work().bytesPerElement());
        } else {
            o.putNull("bytes_per_element");
        }
        return o;
    }

    private static void number(ObjectNode o, String key, Double v) {
        if (v == null || !Double.isFinite(v)) {
            o.putNull(key);
        } else {
            o.put(key, v);
        }
    }
}
