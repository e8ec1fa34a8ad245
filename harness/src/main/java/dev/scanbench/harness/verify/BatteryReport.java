package dev.scanbench.harness.verify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scanbench.harness.backend.emulator.ExecutionCounters;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a correctness battery found.
 *
 * @param seedSha256 SHA-256 of the secret seed, as shown while the run went on
 * @param seed       the secret seed itself, revealed now that the run has ended
 * @param cases      how many cases the battery has
 * @param passed     the cases that passed, in order
 * @param failure    the first failure; the battery stops there
 * @param candidate  the work of the candidate's own launches (harness kernels excluded), over every case run
 *                   (zero on a GPU, which counts nothing)
 * @param warnings   distinct emulator warnings about the candidate (lint such as weak loads in spin loops)
 */
public record BatteryReport(String seedSha256, String seed, int cases, List<BatteryCase> passed,
                            Optional<BatteryFailure> failure, ExecutionCounters candidate, List<String> warnings) {

    public BatteryReport {
        passed = List.copyOf(passed);
        warnings = List.copyOf(warnings);
    }

    /** True when every case passed. */
    public boolean ok() {
        return failure.isEmpty();
    }

    /**
     * The report as {@code workbench verify --json} carries it: {@code ok, seed_sha256, seed, cases, passed,
     * failure?, counters, warnings}.
     */
    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("ok", ok());
        node.put("seed_sha256", seedSha256);
        node.put("seed", seed);
        node.put("cases", cases);
        node.put("passed", passed.size());
        failure.ifPresent(f -> node.set("failure", failureJson(f)));
        ObjectNode counters = node.putObject("counters");
        counters.put("launches", candidate.launches());
        counters.put("warp_instructions", candidate.warpInstructions());
        counters.put("thread_instructions", candidate.threadInstructions());
        counters.put("global_bytes_read", candidate.globalBytesRead());
        counters.put("global_bytes_written", candidate.globalBytesWritten());
        ArrayNode list = node.putArray("warnings");
        warnings.forEach(list::add);
        return node;
    }

    /**
     * A failure as JSON: the case ({@code n, pattern, order}, and {@code tail_from, tail_pattern} for a splice),
     * {@code case} (its description), {@code kind}, {@code message}, and {@code mismatch} or {@code location}.
     */
    public static ObjectNode failureJson(BatteryFailure f) {
        ObjectNode o = f.testCase().toJson();
        o.put("case", f.testCase().toString());
        o.put("kind", f.kind().name().toLowerCase(Locale.ROOT));
        o.put("message", f.message());
        if (f.mismatch() != null) {
            o.set("mismatch", FailureJson.mismatch(f.mismatch()));
        }
        if (f.location() != null) {
            o.set("location", FailureJson.location(f.location()));
        }
        return o;
    }
}
