package dev.scanbench.harness.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scanbench.harness.log.LogEntry;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What an agent's loop needs after a score without reading the log: the best passing run so far in this log on the
 * same basis and size as this run (overall, and for this run's label), and whether this run improved on the best
 * before it. "Best" is the leaderboard's order: the lowest median time for GPU and simulated times (never mixed),
 * the least global traffic per element and then the fewest warp instructions for the emulator's counted work.
 *
 * @param basis      {@code gpu}, {@code simulated} or {@code emulator}
 * @param n          the size compared at (runs at other sizes are not compared)
 * @param label      this run's label, if it has one
 * @param best       the best entry so far, this run included; empty when no run on this basis and size passed
 * @param bestLabel  the same for this run's label; empty without a label or a passing run under it
 * @param improved   this run passed and beats every earlier passing entry on this basis and size
 * @param improvedLabel the same among earlier entries of its label
 * @param binding    the H100 model's binding term of this run (emulator), else empty
 */
public record BestSoFar(String basis, long n, Optional<String> label, Optional<Best> best, Optional<Best> bestLabel, boolean improved,
        boolean improvedLabel, Optional<String> binding) {

    /** One entry's standing: its place in the log and the figure it is ranked by. */
    public record Best(long seq, String kernel, String label, Double timeMs, Double bytesPerElement,
            Long warpInstructions) {
        ObjectNode toJson() {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.put("seq", seq);
            o.put("kernel", kernel);
            o.put("label", label);
            if (timeMs != null) {
                o.put("time_ms", timeMs);
            } else {
                o.put("bytes_per_element", bytesPerElement);
                o.put("warp_instructions", warpInstructions);
            }
            return o;
        }

        String describe() {
            String figure = timeMs != null ? String.format(Locale.ROOT, "%.4f ms", timeMs)
                    : String.format(Locale.ROOT, "%.3f B/element, %,d warp instructions", bytesPerElement,
                            warpInstructions);
            return String.format(Locale.ROOT, "%s (entry %d, %s%s)", figure, seq, kernel,
                    label == null ? "" : ", label " + label);
        }
    }

    /**
     * @param entries  the log, this run's entry among them
     * @param thisSeq  this run's entry
     * @param model    this run's emulator model (for the binding term)
     */
    public static BestSoFar of(List<LogEntry> entries, long thisSeq, EmulatorModel model) {
        JsonNode self = entries.stream().filter(e -> e.seq() == thisSeq).findFirst().map(LogEntry::payload)
                .orElseThrow(() -> new IllegalArgumentException("entry " + thisSeq + " is not in the log"));
        String basis = basis(self);
        long n = self.path("n").asLong();
        String label = self.path("label").isTextual() ? self.path("label").asText() : null;
        Comparator<Best> order = "emulator".equals(basis)
                ? Comparator.<Best>comparingDouble(b -> b.bytesPerElement()).thenComparingLong(b -> b.warpInstructions())
                        .thenComparingLong(Best::seq)
                : Comparator.<Best>comparingDouble(b -> b.timeMs()).thenComparingLong(Best::seq);
        Best best = null;
        Best bestLabel = null;
        Best before = null;
        Best beforeLabel = null;
        Best mine = null;
        for (LogEntry e : entries) {
            JsonNode p = e.payload();
            Optional<Best> candidate = rankable(e.seq(), p, basis, n);
            if (candidate.isEmpty()) {
                continue;
            }
            Best b = candidate.get();
            boolean sameLabel = label != null && label.equals(b.label());
            best = min(order, best, b);
            if (sameLabel) {
                bestLabel = min(order, bestLabel, b);
            }
            if (e.seq() == thisSeq) {
                mine = b;
            } else if (e.seq() < thisSeq) {
                before = min(order, before, b);
                if (sameLabel) {
                    beforeLabel = min(order, beforeLabel, b);
                }
            }
        }
        boolean improved = mine != null && (before == null || order.compare(mine, before) < 0);
        boolean improvedLabel = mine != null && label != null
                && (beforeLabel == null || order.compare(mine, beforeLabel) < 0);
        Optional<String> binding = model.h100().map(h -> h.binding().name());
        return new BestSoFar(basis, n, Optional.ofNullable(label), Optional.ofNullable(best), Optional.ofNullable(bestLabel), improved,
                improvedLabel, binding);
    }

    private static Best min(Comparator<Best> order, Best a, Best b) {
        return a == null || order.compare(b, a) < 0 ? b : a;
    }

    /** The basis an entry is ranked on, as the leaderboard splits them. */
    static String basis(JsonNode p) {
        if ("emulator".equals(p.path("backend").asText())) {
            return "emulator";
        }
        return p.path("simulated").asBoolean() ? "simulated" : "gpu";
    }

    private static Optional<Best> rankable(long seq, JsonNode p, String basis, long n) {
        if (!"ok".equals(p.path("status").asText()) || !basis.equals(basis(p)) || p.path("n").asLong() != n) {
            return Optional.empty();
        }
        String kernel = p.path("kernel").asText();
        String label = p.path("label").isTextual() ? p.path("label").asText() : null;
        if ("emulator".equals(basis)) {
            JsonNode c = p.path("counters");
            if (!c.path("bytes_per_element").isNumber()) {
                return Optional.empty();
            }
            return Optional.of(new Best(seq, kernel, label, null, c.path("bytes_per_element").asDouble(),
                    c.path("warp_instructions").asLong()));
        }
        if (!p.path("time_ms").isNumber()) {
            return Optional.empty();
        }
        return Optional.of(new Best(seq, kernel, label, p.path("time_ms").asDouble(), null, null));
    }

    /** As JSON, under {@code best_so_far} in score's --json. */
    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("basis", basis);
        o.put("n", n);
        o.put("label", label.orElse(null));
        o.put("ranked_by", "emulator".equals(basis) ? "bytes_per_element, then warp_instructions (as the leaderboard)"
                : "time_ms (as the leaderboard)");
        o.set("best", best.map(Best::toJson).orElse(null));
        o.set("best_for_label", bestLabel.map(Best::toJson).orElse(null));
        o.put("improved", improved);
        o.put("improved_for_label", improvedLabel);
        o.put("binding", binding.orElse(null));
        return o;
    }

    /** The lines of the human report. */
    public List<String> lines() {
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        String where = String.format(Locale.ROOT, "%s, n = %,d", basis, n);
        out.add("best so far in this log (" + where + "): " + best.map(Best::describe).orElse("none passed")
                + (improved ? "; this run is the new best" : "; this run did not improve on it"));
        label.ifPresent(l -> out.add("best so far for label " + l + ": " + bestLabel.map(Best::describe)
                .orElse("none passed") + (improvedLabel ? "; this run is the label's new best"
                        : "; this run did not improve on it")));
        binding.ifPresent(b -> out.add("binding term of the H100 model: " + b));
        return out;
    }
}
