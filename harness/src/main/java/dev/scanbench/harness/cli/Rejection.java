package dev.scanbench.harness.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scanbench.harness.candidate.StaticCheckException;
import dev.scanbench.harness.compile.CompileException;
import dev.scanbench.harness.compile.Diagnostic;
import dev.scanbench.harness.plan.PlanException;
import dev.scanbench.harness.ptx.StaticFinding;
import java.util.List;

/**
 * A candidate refused before it ran, as the CLI reports it: the stage that refused it ({@code compile},
 * {@code static_checks} or {@code plan}), the message, and the compiler's located diagnostics.
 *
 * @param stage       which step refused the candidate
 * @param message     the full message, with file:line
 * @param diagnostics the compiler's messages (compile stage only)
 */
record Rejection(String stage, String message, List<Diagnostic> diagnostics) {

    static Rejection of(CompileException e) {
        return new Rejection("compile", e.getMessage(), e.diagnostics());
    }

    /** The rejecting findings that name a source line become located diagnostics, as a compiler's do. */
    static Rejection of(StaticCheckException e) {
        List<Diagnostic> located = new java.util.ArrayList<>();
        for (StaticFinding f : e.report().rejections()) {
            int colon = f.source() == null ? -1 : f.source().lastIndexOf(':');
            if (colon > 0) {
                located.add(new Diagnostic(f.source().substring(0, colon),
                        Integer.parseInt(f.source().substring(colon + 1)), "error", f.kind().description()
                        + (f.detail() != null ? ": " + f.detail() : "")));
            }
        }
        return new Rejection("static_checks", e.getMessage(), located);
    }

    static Rejection of(PlanException e) {
        return new Rejection("plan", e.getMessage(), List.of());
    }

    /** {@code {"stage", "message", "diagnostics": [{"file", "line", "severity", "message"}]}}. */
    ObjectNode toJson() {
        ObjectNode node = Json.object();
        node.put("stage", stage);
        node.put("message", message);
        ArrayNode list = node.putArray("diagnostics");
        for (Diagnostic d : diagnostics) {
            ObjectNode o = list.addObject();
            o.put("file", d.file());
            o.put("line", d.line());
            o.put("severity", d.severity());
            o.put("message", d.message());
        }
        return node;
    }

    /** The text form: the stage and the message. */
    String describe() {
        return "rejected at " + stage.replace('_', ' ') + ":\n" + message;
    }
}
