package dev.scanbench.service.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The tools a remote agent sees, with input schemas a model can use unprompted. {@code score} takes the fields of
 * {@code POST /submissions} and answers with {@code workbench score --json}'s document once the queue has run it.
 */
final class RemoteTools {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A tool's name, description and input schema. */
    record Tool(String name, String description, ObjectNode schema) {
    }

    private RemoteTools() {
    }

    static List<Tool> all() {
        return List.of(score(), submission(), leaderboard(), logTail());
    }

    private static Tool score() {
        ObjectNode p = JSON.createObjectNode();
        string(p, "file_name", "The kernel's file name: ends in .cu (CUDA C++ with its // @plan lines), .ptx or .py"
                + " (Triton). Letters, digits and _ . + - only.");
        string(p, "source", "The kernel file's whole text, at most 1 MiB. Only this file is sent: includes or imports"
                + " of files beside it are not available.");
        choice(p, "backend", "auto (default): the service's GPU when it has one, else the PTX emulator; cuda;"
                + " emulator.", "auto", "cuda", "emulator");
        p.putObject("n").put("type", "integer").put("minimum", 1).put("description", "Problem size (default: 10^8"
                + " on a GPU, 1,048,583 on the emulator). Only n = 10^8 on a GPU is a ranked result.");
        choice(p, "protocol", "How a GPU run is timed: default (CUDA events, the workbench's protocol) or rebench"
                + " (RE-Bench's own).", "default", "rebench");
        choice(p, "mode", "quick (fewer timed runs) or full (default).", "quick", "full");
        p.putObject("timeout").put("type", "number").put("exclusiveMinimum", 0)
                .put("description", "Seconds one kernel run may take before it is killed as a hang.");
        string(p, "label", "Who or what made this kernel (default: the token's name); the leaderboard groups by it.");
        string(p, "note", "A free-text note kept in the log entry.");
        return new Tool("score", "Score a prefix-sum kernel on the service: it is queued, compiled in a sandbox,"
                + " checked exactly on fresh secret inputs (the correctness gate), timed (on a GPU) or counted (on the"
                + " emulator), and appended to the service's signed score log. Waits until it has run, sending"
                + " progress notifications, and returns `workbench score --json`'s document plus 'submission' (its id)."
                + " A kernel that fails a check is a tool error (isError) with the same document and _meta.exit_code 1.",
                schema(p, "file_name", "source"));
    }

    private static Tool submission() {
        ObjectNode p = JSON.createObjectNode();
        string(p, "id", "The submission's id, as score returned it.");
        return new Tool("submission", "One of your submissions: status (queued, running, done, failed, cancelled),"
                + " options, times, the score document once done, the last progress lines.", schema(p, "id"));
    }

    private static Tool leaderboard() {
        ObjectNode p = JSON.createObjectNode();
        choice(p, "by", "kernel (default): the best entry per kernel; label: the best per submitter.", "kernel",
                "label");
        return new Tool("leaderboard", "The service log's leaderboard, as `workbench leaderboard --json`: GPU times"
                + " ranked, simulated and emulator results kept apart and never ranked against GPU times.",
                schema(p));
    }

    private static Tool logTail() {
        ObjectNode p = JSON.createObjectNode();
        p.putObject("entries").put("type", "integer").put("minimum", 1).put("maximum", 1000)
                .put("description", "How many of the last entries (default 10).");
        return new Tool("log_tail", "The last entries of the service's score log, as stored (hash-chained and"
                + " signed; check them with `workbench log verify --public-key` against GET /public-key).", schema(p));
    }

    private static ObjectNode schema(ObjectNode properties, String... required) {
        ObjectNode s = JSON.createObjectNode().put("type", "object");
        s.set("properties", properties);
        ArrayNode r = s.putArray("required");
        for (String name : required) {
            r.add(name);
        }
        s.put("additionalProperties", false);
        return s;
    }

    private static void string(ObjectNode p, String name, String description) {
        p.putObject(name).put("type", "string").put("description", description);
    }

    private static void choice(ObjectNode p, String name, String description, String... values) {
        ObjectNode o = p.putObject(name).put("type", "string").put("description", description);
        ArrayNode e = o.putArray("enum");
        for (String v : values) {
            e.add(v);
        }
    }
}
