package dev.scanbench.harness.backend.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scanbench.emulator.Coord;
import dev.scanbench.emulator.PrintfLine;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A candidate's device-side printf output over a run (every launch of it): at most {@link #CAP} lines are kept,
 * the rest only counted, so that a kernel printing in a loop cannot fill the worker's memory or the parent's
 * terminal. A printf call whose text holds several lines gives one line each, tagged alike. The worker reports it
 * in its result ({@code printf}: objects with kernel, block, thread and text; {@code printf_omitted} when past
 * the cap); the parent prints each line on stderr as
 * {@code [printf kernel=NAME block=(x,y,z) thread=(x,y,z)] text} (stdout is the worker protocol's channel, and
 * the parent's stdout is the command's result).
 */
public final class PrintfOutput {
    /** The most printf lines one run keeps. */
    public static final int CAP = 1000;

    private final List<PrintfLine> lines = new ArrayList<>();
    private long omitted;

    /** Adds one launch's output, and the calls the emulator itself left out past its own cap. */
    public void add(List<PrintfLine> launch, long launchOmitted) {
        for (PrintfLine l : launch) {
            for (String text : l.text().split("\n", -1)) {
                if (lines.size() < CAP) {
                    lines.add(new PrintfLine(l.kernel(), l.block(), l.thread(), text));
                } else {
                    omitted++;
                }
            }
        }
        omitted += launchOmitted;
    }

    /** The lines kept, in order. */
    public List<PrintfLine> lines() {
        return List.copyOf(lines);
    }

    /** Lines (or calls, past the emulator's own cap) not kept. */
    public long omitted() {
        return omitted;
    }

    /** Writes {@code printf} (always) and {@code printf_omitted} (when any were left out) into a result. */
    public void writeTo(ObjectNode o) {
        ArrayNode a = o.putArray("printf");
        for (PrintfLine l : lines) {
            ObjectNode e = a.addObject();
            e.put("kernel", l.kernel());
            e.set("block", coord(e, l.block()));
            e.set("thread", coord(e, l.thread()));
            e.put("text", l.text());
        }
        if (omitted > 0) {
            o.put("printf_omitted", omitted);
        }
    }

    private static ArrayNode coord(ObjectNode e, Coord c) {
        ArrayNode a = e.arrayNode();
        a.add(c.x()).add(c.y()).add(c.z());
        return a;
    }

    /** Copies {@code printf} and {@code printf_omitted} from a worker's result into the command's JSON. */
    public static void copy(JsonNode from, ObjectNode to) {
        if (from.has("printf")) {
            to.set("printf", from.get("printf"));
        }
        if (from.has("printf_omitted")) {
            to.set("printf_omitted", from.get("printf_omitted"));
        }
    }

    /** Prints a worker result's printf lines, tagged, and how many were left out. */
    public static void print(JsonNode from, PrintWriter err) {
        for (JsonNode l : from.path("printf")) {
            PrintfLine line = new PrintfLine(l.path("kernel").asText(), coord(l.path("block")),
                    coord(l.path("thread")), l.path("text").asText());
            err.println(line.tagged());
        }
        long left = from.path("printf_omitted").asLong(0);
        if (left > 0) {
            err.println("[printf] " + left + " more lines not shown (at most " + CAP + " per run are kept)");
        }
        err.flush();
    }

    private static Coord coord(JsonNode a) {
        return new Coord(a.path(0).asInt(), a.path(1).asInt(), a.path(2).asInt());
    }
}
