package dev.scanbench.report.format;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scanbench.harness.score.PublishedTimes;
import dev.scanbench.report.board.Board;
import dev.scanbench.report.board.GroupBy;
import dev.scanbench.report.board.Leaderboard;
import dev.scanbench.report.board.Row;
import dev.scanbench.report.entry.Basis;
import dev.scanbench.report.entry.ScoreEntry;

/**
 * The leaderboard as one JSON document: {@code workbench leaderboard --json}, and what an agent interface returns.
 * <pre>{@code
 * {"source", "group_by": "kernel"|"label", "entries", "failed",
 *  "reference": {"best_human_ms", "best_agent_ms"},
 *  "boards": [{"basis": "gpu"|"simulated"|"emulator", "title", "ranked", "rows": [ROW, ...]}, ...],
 *  "practice": [ROW without rank and group, ...]}
 * }</pre>
 * A row has the keys of its board's columns (rank, kernel, label, time_ms, ci_low_ms, ci_high_ms, samples,
 * score, normalised, speedup_vs_best_human, speedup_vs_best_agent, bytes_per_element, warp_instructions, launches,
 * n, device, date) plus {@code seq}, the full {@code hash}, {@code time} (ISO-8601), {@code runs} and {@code basis}.
 */
public final class LeaderboardJson {
    private LeaderboardJson() {
    }

    /** @return the document */
    public static ObjectNode of(Leaderboard board, String source) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("source", source);
        o.put("group_by", board.groupBy().cliName());
        o.put("entries", board.total());
        o.put("failed", board.failed());
        o.putObject("reference").put("best_human_ms", PublishedTimes.BEST_HUMAN_MS)
                .put("best_agent_ms", PublishedTimes.BEST_AGENT_MS);
        ArrayNode boards = o.putArray("boards");
        for (Board b : board.boards()) {
            ObjectNode x = boards.addObject();
            x.put("basis", b.basis().jsonName());
            x.put("title", b.title());
            x.put("ranked", b.ranked());
            ArrayNode rows = x.putArray("rows");
            b.rows().forEach(r -> rows.add(row(r, b.basis(), b.ranked(), board.groupBy())));
        }
        ArrayNode practice = o.putArray("practice");
        for (ScoreEntry e : board.practice()) {
            ObjectNode r = row(new Row(null, e.kernel(), e, 1), Basis.SIMULATED, false, null);
            r.remove("group");
            r.remove("runs");
            r.put("practice", true);
            practice.add(r);
        }
        return o;
    }

    static ObjectNode row(Row row, Basis basis, boolean ranked, GroupBy by) {
        ObjectNode r = JsonNodeFactory.instance.objectNode();
        for (Column c : Columns.of(basis, ranked, by)) {
            put(r, c.key(), c.value().apply(row));
        }
        ScoreEntry e = row.entry();
        r.put("label", e.label());
        r.put("group", row.group());
        r.put("hash", e.hash());
        r.put("time", e.time().toString());
        r.put("runs", row.runs());
        r.put("basis", e.basis().jsonName());
        return r;
    }

    private static void put(ObjectNode o, String key, Object v) {
        if (v == null) {
            o.putNull(key);
        } else if (v instanceof Integer i) {
            o.put(key, i);
        } else if (v instanceof Long l) {
            o.put(key, l);
        } else if (v instanceof Number d) {
            o.put(key, d.doubleValue());
        } else {
            o.put(key, v.toString());
        }
    }
}
