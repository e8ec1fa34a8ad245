package dev.scanbench.harness.session;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scanbench.harness.measure.Alarm;
import dev.scanbench.harness.measure.MeasurementResult;
import dev.scanbench.harness.measure.TimingSummary;
import java.io.PrintWriter;
import java.util.Locale;

/** The human report of a scoring run: the verdict first, then the time and score, or the failure with its details. */
public final class ScoreReport {
    private ScoreReport() {
    }

    /** Prints the report of {@code r}; {@code model} is the emulator's labelled H100 model (may be empty). */
    public static void print(PrintWriter out, ScoreResult r, EmulatorModel model) {
        RunSettings s = r.settings();
        RunOutcome run = r.outcome();
        out.printf(Locale.ROOT, "%s: %s%n", r.candidate().kernel(), run.status().words().toUpperCase(Locale.ROOT));
        out.printf(Locale.ROOT, "backend %s (%s), n = %,d%s%n", s.backend(), run.device() == null ? s.backendWhy()
                : run.device(), s.n(), "cuda".equals(s.backend()) ? ", protocol " + s.protocol().cliName()
                + ", " + s.mode().cliName() + " mode" : "");
        r.candidate().staticFindings().forEach(f -> out.println("note: " + f));
        JsonNode gate = run.gate();
        if (gate != null && !gate.isNull()) {
            out.printf(Locale.ROOT, "correctness gate: %d/%d cases passed (odd and boundary sizes, adversarial values,"
                    + " the scored n, secret sizes), before anything was %s%n", gate.path("passed").asInt(),
                    gate.path("cases").asInt(), "cuda".equals(s.backend()) ? "timed" : "counted");
        }
        MeasurementResult m = run.measurement();
        if (m != null) {
            TimingSummary t = m.summary();
            if (r.simulated()) {
                out.println("simulated, not a GPU time: the software CUDA driver's events read a traffic model"
                        + " (global bytes at 2.9 TB/s plus a launch latency); the run checks the host path, not speed");
            }
            out.printf(Locale.ROOT, "%s: median %.4f ms (%.1f%% CI %.4f..%.4f), mean %.4f, min %.4f, p5 %.4f, "
                    + "p95 %.4f ms; %d samples after %d warm-up calls, stopped: %s%n",
                    r.simulated() ? "time (simulated, not a GPU time)" : "time", t.medianMs(),
                    100 * t.ciCoverage(), t.ciLowMs(), t.ciHighMs(), t.meanMs(), t.minMs(), t.p5Ms(), t.p95Ms(),
                    t.samples().size(), t.warmupCount(), t.stopReason().name().toLowerCase(Locale.ROOT));
            for (Alarm a : m.alarms()) {
                out.printf("alarm (%s): %s%n", a.severity().name().toLowerCase(Locale.ROOT), a.message());
            }
        }
        if (r.score().isPresent()) {
            out.printf(Locale.ROOT, "score: ln(ms) = %.4f, normalised y_n = %.3f against RE-Bench's published"
                    + " H100 times (start 4.76 ms = 0, reference 1.6 ms = 1)%n",
                    r.score().getAsDouble(), r.normalised().getAsDouble());
        } else if (r.practice()) {
            out.printf(Locale.ROOT, "practice run: not a score (only n = %,d on a GPU is scored and ranked%s)%n",
                    dev.scanbench.baseline.task.TaskSpec.DEFAULT_N,
                    r.simulated() ? "; a simulated time is compared with no one" : "");
        }
        JsonNode b = run.deviceBaseline();
        if (r.normalisedOnDevice().isPresent()) {
            out.printf(Locale.ROOT, "on this device%s: y_n = %.3f against its own starting solution (%.4f ms)"
                    + " and reference (%.4f ms), %s%n", r.simulated() ? " (simulated)" : "",
                    r.normalisedOnDevice().getAsDouble(), b.path("start_ms").asDouble(),
                    b.path("reference_ms").asDouble(),
                    b.path("measured_now").asBoolean() ? "timed now" : "timed earlier on this device");
        }
        if (r.standing().isPresent()) {
            out.println("standing: " + r.standing().get().summary());
        }
        JsonNode c = run.counters();
        if (c != null) {
            out.printf(Locale.ROOT, "no time on the emulator; counted work per run (%d verified runs): %,d launches,"
                    + " %,d warp instructions, %,d global bytes read, %,d written, %.3f bytes per element%n",
                    c.path("runs").asInt(), c.path("launches").asLong(), c.path("warp_instructions").asLong(),
                    c.path("global_bytes_read").asLong(), c.path("global_bytes_written").asLong(),
                    c.path("bytes_per_element").asDouble());
            if (c.has("chain_hops")) {
                out.println(CriticalPathLine.of(c));
            }
        }
        model.lines().forEach(out::println);
        run.warnings().forEach(w -> out.println("warning: " + w));
        if (run.failure() != null) {
            out.println("failure (" + run.failure().kind() + "): " + run.failure().message());
            JsonNode describe = run.failure().details().path("describe");
            if (describe.isTextual()) {
                // The first line repeats the message's summary; the windows follow it.
                describe.asText().lines().skip(1).forEach(out::println);
            }
            String tail = run.failure().stderrTail().strip();
            if (!tail.isEmpty() && (run.status() == ScoreStatus.CRASHED || run.status() == ScoreStatus.TIMED_OUT)) {
                out.println("worker output (last lines):");
                tail.lines().skip(Math.max(0, tail.lines().count() - 10)).forEach(l -> out.println("  " + l));
            }
        }
        out.printf("seed %s (SHA-256 %s)%n", r.seed(), r.seedSha256());
        out.flush();
    }
}
