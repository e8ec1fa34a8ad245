package dev.scanbench.report.format;

import dev.scanbench.report.board.Row;
import dev.scanbench.report.entry.Basis;
import dev.scanbench.report.entry.ScoreEntry;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The columns each kind of board shows. GPU rows carry the score, y_n and the standing against the best human and
 * agent; simulated rows carry their times but no standing (a simulated time is not measured against a GPU's); the
 * emulator's rows carry counted work and no time at all.
 */
final class Columns {
    /** Dates as tables show them: UTC to the minute. */
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'").withZone(ZoneOffset.UTC);

    private Columns() {
    }

    /** @return the columns of a board on {@code basis}; {@code ranked} adds the rank */
    static List<Column> of(Basis basis, boolean ranked) {
        List<Column> c = new ArrayList<>();
        if (ranked) {
            c.add(new Column("rank", "rank", Row::rank, null));
        }
        c.add(new Column("group", "group", Row::group, null));
        c.add(entry("kernel", "kernel", ScoreEntry::kernel));
        c.add(entry("label", "label", ScoreEntry::label));
        if (basis.timed()) {
            c.add(entry("time ms", "time_ms", e -> e.timing().medianMs(), "%.4f"));
            c.add(entry("CI low", "ci_low_ms", e -> e.timing().ciLowMs(), "%.4f"));
            c.add(entry("CI high", "ci_high_ms", e -> e.timing().ciHighMs(), "%.4f"));
            c.add(entry("samples", "samples", e -> e.timing().sampleCount()));
        }
        if (basis == Basis.GPU) {
            c.add(entry("ln(ms)", "score", ScoreEntry::score, "%.4f"));
            c.add(entry("y_n", "normalised", ScoreEntry::normalised, "%.3f"));
            c.add(entry("vs human", "speedup_vs_best_human", ScoreEntry::speedupVsBestHuman, "%.3fx"));
            c.add(entry("vs agent", "speedup_vs_best_agent", ScoreEntry::speedupVsBestAgent, "%.3fx"));
        }
        if (basis == Basis.EMULATOR) {
            c.add(entry("bytes/elem", "bytes_per_element", e -> e.work().bytesPerElement(), "%.3f"));
            c.add(entry("warp instr", "warp_instructions", e -> e.work().warpInstructions()));
            c.add(entry("launches", "launches", e -> e.work().launches()));
        }
        c.add(entry("n", "n", ScoreEntry::n));
        c.add(entry("device", "device", ScoreEntry::deviceKey));
        c.add(entry("date", "date", e -> DATE.format(e.time())));
        c.add(entry("entry", "seq", ScoreEntry::seq));
        c.add(entry("hash", "hash", ScoreEntry::shortHash));
        return c;
    }

    /** Every column any board has, in one order: the CSV's header. */
    static List<Column> union() {
        List<Column> all = new ArrayList<>();
        for (Basis basis : Basis.values()) {
            for (Column column : of(basis, true)) {
                if (all.stream().noneMatch(x -> x.key().equals(column.key()))) {
                    all.add(column);
                }
            }
        }
        return all;
    }

    private static Column entry(String heading, String key, Function<ScoreEntry, Object> f) {
        return entry(heading, key, f, null);
    }

    private static Column entry(String heading, String key, Function<ScoreEntry, Object> f, String pattern) {
        return new Column(heading, key, r -> f.apply(r.entry()), pattern);
    }
}
