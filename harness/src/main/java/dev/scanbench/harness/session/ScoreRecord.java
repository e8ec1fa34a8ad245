package dev.scanbench.harness.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scanbench.harness.Version;
import dev.scanbench.harness.compile.ResourceUsage;
import dev.scanbench.harness.measure.Alarm;
import dev.scanbench.harness.measure.MeasurementResult;
import dev.scanbench.harness.measure.Sample;
import dev.scanbench.harness.measure.TimingSummary;
import dev.scanbench.harness.score.Standing;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * A {@link ScoreResult} as one JSON object: the score log's entry and the body of {@code workbench score --json}
 * (README.md documents the schema). Every key is always present; what a run does not have is null. No NaN or
 * infinity is ever written: a number that is not finite becomes null.
 */
public final class ScoreRecord {
    /** The most of the worker's output kept in a record: its last lines say what happened. */
    static final int STDERR_TAIL_CHARS = 4000;

    private ScoreRecord() {
    }

    /** The record of a run. */
    public static ObjectNode of(ScoreResult r) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        CandidateFacts c = r.candidate();
        RunSettings s = r.settings();
        RunOutcome run = r.outcome();
        o.put("kernel", c.kernel());
        o.put("content_sha256", c.contentHash());
        sources(o, c.sources());
        o.put("plan", c.plan());
        o.put("backend", s.backend());
        o.put("backend_why", s.backendWhy());
        o.put("device", run.device());
        // Filter on this before ranking or comparing: a simulated time is the software driver's model clock.
        o.put("simulated", r.simulated());
        o.put("n", s.n());
        // Only n = 10^8 on a GPU is the task; anything else is practice, never ranked (score, standing null).
        o.put("practice", r.practice());
        // The emulator neither times nor flushes: protocol and mode do not apply there.
        boolean timed = !"emulator".equals(s.backend());
        o.put("protocol", timed ? s.protocol().cliName() : null);
        o.put("mode", timed ? s.mode().cliName() : null);
        o.put("timeout_s", s.callTimeout().toMillis() / 1000.0);
        o.put("status", run.status().jsonName());
        o.set("failure", failure(run.failure()));
        number(o, "time_ms", r.timeMs());
        number(o, "score", r.score());
        number(o, "normalised", r.normalised());
        number(o, "normalised_device", r.normalisedOnDevice());
        o.set("device_baseline", run.deviceBaseline());
        o.set("standing", r.standing().map(ScoreRecord::standing).orElse(null));
        MeasurementResult m = run.measurement();
        o.set("timing", m == null ? null : timing(m));
        ArrayNode alarms = o.putArray("alarms");
        if (m != null) {
            for (Alarm a : m.alarms()) {
                alarms.addObject().put("kind", a.kind().name().toLowerCase(Locale.ROOT))
                        .put("severity", a.severity().name().toLowerCase(Locale.ROOT)).put("message", a.message());
            }
        }
        o.set("device_facts", run.deviceFacts());
        o.set("counters", run.counters());
        ObjectNode resources = o.putObject("resources");
        c.resources().forEach((entry, u) -> resources.set(entry, resources(u)));
        ArrayNode findings = o.putArray("static_findings");
        c.staticFindings().forEach(findings::add);
        ArrayNode warnings = o.putArray("warnings");
        run.warnings().forEach(warnings::add);
        o.put("seed_sha256", r.seedSha256());
        o.put("seed", r.seed());
        o.put("harness_version", r.harnessVersion());
        o.set("environment", environment(r));
        return o;
    }

    /**
     * Where the score was made, so a reviewer can tell two entries' set-ups apart: the workbench's version and the
     * commit it was built from, the JVM and OS of the parent, the compiler's release and flags, and what the CUDA
     * driver reports (null on the emulator).
     */
    private static ObjectNode environment(ScoreResult r) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("workbench_version", r.harnessVersion());
        o.put("workbench_commit", Version.commit().orElse(null));
        o.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        o.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        CompilerFacts c = r.candidate().compiler();
        if (c == null) {
            o.putNull("compiler");
        } else {
            ObjectNode compiler = o.putObject("compiler");
            compiler.put("release", c.release());
            c.flags().forEach(compiler.putArray("flags")::add);
            compiler.put("triton", c.triton());
        }
        o.set("driver", r.outcome().driver());
        return o;
    }

    /** Writes {@code "sources": [{"path", "sha256"}, ...]}: every local file the compiler read, the kernel first. */
    public static void sources(ObjectNode o, java.util.List<dev.scanbench.sandbox.SourceDigest> sources) {
        ArrayNode a = o.putArray("sources");
        sources.forEach(d -> a.addObject().put("path", d.path()).put("sha256", d.sha256()));
    }

    private static JsonNode failure(ScoreFailure f) {
        if (f == null) {
            return null;
        }
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("kind", f.kind());
        o.put("message", f.message());
        o.set("details", f.details());
        String tail = f.stderrTail();
        o.put("stderr_tail", tail.length() > STDERR_TAIL_CHARS ? tail.substring(tail.length() - STDERR_TAIL_CHARS)
                : tail);
        return o;
    }

    private static ObjectNode standing(Standing s) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        number(o, "speedup_vs_best_human", s.speedupVsBestHuman());
        number(o, "speedup_vs_best_agent", s.speedupVsBestAgent());
        o.put("summary", s.summary());
        return o;
    }

    private static ObjectNode timing(MeasurementResult m) {
        TimingSummary t = m.summary();
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("basis", t.basis().name().toLowerCase(Locale.ROOT));
        number(o, "median_ms", t.medianMs());
        number(o, "mean_ms", t.meanMs());
        number(o, "min_ms", t.minMs());
        number(o, "max_ms", t.maxMs());
        number(o, "p5_ms", t.p5Ms());
        number(o, "p95_ms", t.p95Ms());
        number(o, "stdev_ms", t.stdevMs());
        number(o, "confidence", t.confidence());
        number(o, "ci_low_ms", t.ciLowMs());
        number(o, "ci_high_ms", t.ciHighMs());
        number(o, "ci_coverage", t.ciCoverage());
        number(o, "relative_half_width", t.relativeHalfWidth());
        number(o, "wall_median_ms", t.wallMedianMs());
        o.put("samples", t.samples().size());
        // Every sample as taken, so that any statistic (and a comparison between entries) can be recomputed.
        ArrayNode raw = o.putArray("raw_samples");
        for (Sample sample : t.samples()) {
            ObjectNode x = raw.addObject();
            if (sample.hasEventTime()) {
                number(x, "event_ms", sample.eventMs());
            } else {
                x.putNull("event_ms");
            }
            number(x, "wall_ms", sample.wallMs());
            ArrayNode flags = x.putArray("flags");
            sample.flags().forEach(f -> flags.add(f.name().toLowerCase(Locale.ROOT)));
        }
        o.put("warmup_calls", t.warmupCount());
        o.put("warmup_end", t.warmupEnd().name().toLowerCase(Locale.ROOT));
        o.put("stop_reason", t.stopReason().name().toLowerCase(Locale.ROOT));
        return o;
    }

    private static ObjectNode resources(ResourceUsage u) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("registers", u.registers());
        o.put("spill_store_bytes", u.spillStoreBytes());
        o.put("spill_load_bytes", u.spillLoadBytes());
        o.put("shared_bytes", u.sharedBytes());
        o.put("stack_bytes", u.stackFrameBytes());
        return o;
    }

    private static void number(ObjectNode o, String key, OptionalDouble v) {
        if (v.isPresent()) {
            number(o, key, v.getAsDouble());
        } else {
            o.putNull(key);
        }
    }

    static void number(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.putNull(key);
        }
    }
}
