package dev.scanbench.harness.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scanbench.harness.session.CandidateJobs;
import dev.scanbench.harness.session.JobOutcome;
import dev.scanbench.harness.session.ScoreFailure;
import dev.scanbench.harness.session.ScoreRecord;
import dev.scanbench.harness.verify.BatteryCase;
import dev.scanbench.harness.verify.BatteryMatrix;
import dev.scanbench.harness.verify.SecretSeed;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The result of {@code workbench verify}, as JSON or text: the battery's report from the worker, or, when the
 * worker did not answer (the watchdog stopped a case, the worker crashed), a failure naming the case it was in.
 */
final class VerifyReport {
    private final Path kernel;
    private final CandidateJobs.Prepared prepared;
    private final BatteryMatrix matrix;
    private final boolean standard;
    private final SecretSeed seed;
    private final JobOutcome outcome;

    VerifyReport(Path kernel, CandidateJobs.Prepared prepared, BatteryMatrix matrix, boolean standard, SecretSeed seed,
                 JobOutcome outcome) {
        this.kernel = kernel;
        this.prepared = prepared;
        this.matrix = matrix;
        this.standard = standard;
        this.seed = seed;
        this.outcome = outcome;
    }

    boolean ok() {
        return outcome.completed() && outcome.result().path("ok").asBoolean();
    }

    /** The README's {@code verify --json} document. */
    ObjectNode toJson() {
        ObjectNode node = Json.object();
        node.put("kernel", kernel.toString());
        node.put("ok", ok());
        node.put("backend", prepared.backend().name());
        node.put("source_sha256", prepared.candidate().artifact().sourceHash());
        ScoreRecord.sources(node, prepared.candidate().artifact().sources());
        node.put("seed_sha256", seed.sha256());
        node.put("seed", seed.reveal());
        node.put("standard", standard);
        node.put("cases", matrix.cases().size());
        if (outcome.completed()) {
            JsonNode r = outcome.result();
            node.set("device", r.get("device"));
            node.set("passed", r.get("passed"));
            if (r.has("failure")) {
                node.set("failure", r.get("failure"));
            }
            node.set("counters", r.get("counters"));
        } else {
            // cases whose run ended before the job did (their checks came after; the battery runs several at once)
            node.put("passed", outcome.ended());
            node.set("failure", unanswered());
        }
        ArrayNode findings = node.putArray("static_findings");
        prepared.candidate().compiled().checks().findings().forEach(f -> findings.add(f.describe()));
        ArrayNode warnings = node.putArray("warnings");
        if (outcome.completed()) {
            outcome.result().path("warnings").forEach(warnings::add);
        }
        return node;
    }

    /**
     * The failure of a worker that did not answer: the case it was running (the oldest call still open, named
     * {@code case K of N (...)}), {@code kind} {@code hang} for the watchdog, {@code crash} or {@code fault}
     * otherwise, and the worker's own details.
     */
    private ObjectNode unanswered() {
        ScoreFailure f = outcome.failure();
        int index = caseIndex(outcome.oldestOpen());
        BatteryCase c = index >= 0 && index < matrix.cases().size() ? matrix.cases().get(index) : null;
        ObjectNode o = c == null ? Json.object() : c.toJson();
        if (c != null) {
            o.put("case", c.toString());
        }
        o.put("kind", outcome.timedOut() ? "hang" : outcome.crashed() ? "crash" : "fault");
        o.put("message", (c == null ? "" : "case " + (index + 1) + " (" + c + "): ") + f.message());
        o.set("details", f.details());
        String tail = f.stderrTail();
        o.put("stderr_tail", tail.length() > 4000 ? tail.substring(tail.length() - 4000) : tail);
        return o;
    }

    private static final Pattern CASE_CALL = Pattern.compile("^case (\\d+) of \\d+");

    /** The 0-based case index a battery call's name {@code case K of N (...)} gives, or -1. */
    static int caseIndex(String callName) {
        Matcher m = callName == null ? null : CASE_CALL.matcher(callName);
        return m != null && m.find() ? Integer.parseInt(m.group(1)) - 1 : -1;
    }

    void print(PrintWriter out) {
        ObjectNode doc = toJson();
        doc.path("static_findings").forEach(f -> out.println("note: " + f.asText()));
        doc.path("warnings").forEach(w -> out.println("warning: " + w.asText()));
        int passed = doc.path("passed").asInt();
        int cases = matrix.cases().size();
        String where = prepared.cuda() ? "on the GPU" : "on the PTX emulator";
        if (ok()) {
            out.printf("%s: verified %s: %d/%d cases pass%n", kernel, where, passed, cases);
        } else {
            JsonNode f = doc.get("failure");
            out.printf("%s: FAILED verification (%s) at %s, after %d/%d cases passed%n", kernel,
                    f.path("kind").asText().replace('_', ' '), f.path("case").asText("an unknown case"), passed, cases);
            out.println(f.path("message").asText());
        }
        JsonNode c = doc.path("counters");
        if (!c.isMissingNode() && !c.isNull() && !prepared.cuda()) {
            out.printf("candidate work (no clock on the emulator): %,d launches, %,d warp instructions, %,d global"
                    + " bytes read, %,d written%n", c.path("launches").asLong(), c.path("warp_instructions").asLong(),
                    c.path("global_bytes_read").asLong(), c.path("global_bytes_written").asLong());
        }
        out.printf("seed %s (SHA-256 %s)%n", seed.reveal(), seed.sha256());
    }
}
