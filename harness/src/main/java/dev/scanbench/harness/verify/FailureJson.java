package dev.scanbench.harness.verify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scanbench.emulator.Diagnostic;
import java.util.Locale;

/**
 * The one JSON form of a verification failure's details, shared by `workbench verify --json`, `workbench score
 * --json` and the score log, so an agent reads a mismatch or a fault location the same way everywhere.
 */
public final class FailureJson {

    private FailureJson() {
    }

    /** A wrong output: index, values, counts and the x / expected / actual windows around it. */
    public static ObjectNode mismatch(Mismatch m) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("index", m.index());
        o.put("expected", m.expected());
        o.put("actual", m.actual());
        o.put("mismatches", m.mismatches());
        o.put("canary_survived", m.canarySurvived());
        o.put("window_start", m.windowStart());
        ints(o.putArray("x"), m.input());
        ints(o.putArray("expected_window"), m.expectedWindow());
        ints(o.putArray("actual_window"), m.actualWindow());
        o.put("describe", m.describe());
        return o;
    }

    /**
     * Where an emulator diagnostic or fault happened: check, kernel, block, thread, PTX line, source line, and the
     * call sites when that line is in an inlined function ({@code inlined_at}, innermost first, or null).
     */
    public static ObjectNode location(Diagnostic d) {
        ObjectNode l = JsonNodeFactory.instance.objectNode();
        l.put("check", d.check().name().toLowerCase(Locale.ROOT));
        l.put("kernel", d.kernel());
        l.put("block", d.block() == null ? null : d.block().toString());
        l.put("thread", d.thread() == null ? null : d.thread().toString());
        l.put("ptx_line", d.ptxLine());
        l.put("source", d.source());
        l.put("inlined_at", d.inlinedAt());
        l.put("describe", d.toString());
        return l;
    }

    private static void ints(ArrayNode a, int[] values) {
        for (int v : values) {
            a.add(v);
        }
    }
}
