package dev.scanbench.report.html;

import dev.scanbench.harness.measure.PublishedBandwidth;
import dev.scanbench.harness.score.PublishedTimes;
import dev.scanbench.harness.score.ScoreMath;
import dev.scanbench.report.entry.Basis;
import dev.scanbench.report.entry.ScoreEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The progress curves: per label, the best result so far against wall-clock time. GPU entries are plotted as y_n
 * against the published marks and the memory floor; simulated entries as their (simulated) time with no marks, since
 * a simulated time is not placed against a GPU's; emulator entries as counted traffic per element against the
 * traffic floor.
 */
final class ProgressSection {
    /** The scan's minimum global traffic: read x once, write y once, 4 + 4 bytes per element. */
    static final double FLOOR_BYTES_PER_ELEMENT = 8;

    private ProgressSection() {
    }

    static void render(StringBuilder sb, List<ScoreEntry> entries) {
        sb.append("<section id=\"progress\"><h2>Progress</h2><p class=\"caption\">Best result so far per label"
                + " against wall-clock time (each step is a new best). Practice runs and failed runs are left out."
                + "</p>");
        Instant end = entries.stream().map(ScoreEntry::time).max(Comparator.naturalOrder()).orElse(Instant.EPOCH);
        double floor = PublishedBandwidth.H100_SXM_DATASHEET.floorMs(100_000_000L);
        List<ProgressChart.Reference> marks = List.of(
                new ProgressChart.Reference("start", "starting solution 4.76 ms", 0),
                new ProgressChart.Reference("reference", "task reference 1.6 ms", 1),
                new ProgressChart.Reference("human", "best human 0.667 ms",
                        ScoreMath.normalised(PublishedTimes.BEST_HUMAN_MS)),
                new ProgressChart.Reference("agent", "best agent 0.64 ms",
                        ScoreMath.normalised(PublishedTimes.BEST_AGENT_MS)),
                new ProgressChart.Reference("floor", String.format(Locale.ROOT, "memory floor %.3f ms", floor),
                        ScoreMath.normalised(floor)));
        figure(sb, "gpu", "GPU: best normalised score y_n so far, per label", "y_n (higher is better)",
                series(entries, Basis.GPU, e -> e.normalised() != null ? e.normalised()
                        : ScoreMath.normalised(e.timeMs().get()), true, "y_n %.3f"), marks, end,
                "Marks: the starting solution (y<sub>n</sub> 0), the task's reference (1), the best human (1.80) and"
                + " agent (1.84) on an H100, and the memory floor (8 bytes per element at the H100 SXM datasheet's"
                + " 3.35 TB/s).", null);
        List<ProgressChart.Series> simulated = series(entries, Basis.SIMULATED, e -> e.timeMs().get(), false,
                "%.4f ms (simulated)");
        if (!simulated.isEmpty()) {
            figure(sb, "simulated", "Simulated: best time so far, per label (not GPU times)",
                    "simulated ms (lower is better)", simulated, List.of(), end, "Simulated times come from a device"
                    + " that is not a GPU: no published mark is drawn against them.",
                    "<div class=\"banner\">SIMULATED &mdash; these are not GPU times.</div>");
        }
        List<ProgressChart.Series> emulator = series(entries, Basis.EMULATOR, e -> e.work().bytesPerElement(),
                false, "%.3f bytes/element");
        if (!emulator.isEmpty()) {
            figure(sb, "emulator", "Emulator: least global traffic per element so far, per label",
                    "bytes per element (lower is better)", emulator, List.of(
                            new ProgressChart.Reference("floor", "memory floor 8 B/element", FLOOR_BYTES_PER_ELEMENT),
                            new ProgressChart.Reference("two-pass", "reduce-then-scan 12 B/element", 12),
                            new ProgressChart.Reference("agent-traffic", "best agent's kernel ~16 B/element", 16)),
                    end, "Counted on the PTX emulator, not timed: traffic is what bounds this memory-bound scan."
                    + " Marks: the floor (read x, write y), a two-pass reduce-then-scan, and the best agent's"
                    + " published kernel (it read x three times, about 1.6 GB at n = 10<sup>8</sup>).",
                    "<div class=\"banner emulator\">EMULATOR &mdash; counted work, not a time.</div>");
        }
        sb.append("</section>");
    }

    private static void figure(StringBuilder sb, String basis, String title, String yLabel,
                               List<ProgressChart.Series> series, List<ProgressChart.Reference> refs, Instant end,
                               String caption, String banner) {
        sb.append("<figure>");
        if (banner != null) {
            sb.append(banner);
        }
        sb.append(ProgressChart.svg(basis, title, yLabel, series, refs, end));
        sb.append("<figcaption>").append(Html.text(title)).append(". ").append(caption).append("</figcaption>")
                .append("</figure>");
    }

    /**
     * @param higherIsBetter whether a larger value is an improvement
     * @return per label (in order of first appearance), the points where its best improved
     */
    static List<ProgressChart.Series> series(List<ScoreEntry> entries, Basis basis, Function<ScoreEntry, Double> value,
                                             boolean higherIsBetter, String pattern) {
        Map<String, List<ProgressChart.Point>> byLabel = new LinkedHashMap<>();
        Map<String, Double> best = new LinkedHashMap<>();
        List<ScoreEntry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparing(ScoreEntry::time).thenComparingLong(ScoreEntry::seq));
        for (ScoreEntry e : sorted) {
            boolean usable = e.ok() && e.basis() == basis && !(basis.timed() && (e.practice() || e.timeMs().isEmpty()))
                    && (basis.timed() || e.work() != null);
            if (!usable) {
                continue;
            }
            double v = value.apply(e);
            String label = e.labelOrNone();
            Double previous = best.get(label);
            if (previous == null || (higherIsBetter ? v > previous : v < previous)) {
                best.put(label, v);
                byLabel.computeIfAbsent(label, l -> new ArrayList<>()).add(new ProgressChart.Point(e.time(), v,
                        String.format(Locale.ROOT, pattern, v) + ", #" + e.seq() + " " + e.kernel()));
            }
        }
        List<ProgressChart.Series> out = new ArrayList<>();
        byLabel.forEach((label, points) -> out.add(new ProgressChart.Series(label, points)));
        return out;
    }
}
