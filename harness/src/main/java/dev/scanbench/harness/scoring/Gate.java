package dev.scanbench.harness.scoring;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scanbench.harness.backend.BackendException;
import dev.scanbench.harness.verify.BatteryFailure;
import dev.scanbench.harness.verify.BatteryMatrix;
import dev.scanbench.harness.verify.BatteryReport;
import dev.scanbench.harness.verify.CaseWatch;
import dev.scanbench.harness.verify.CorrectnessBattery;
import dev.scanbench.harness.verify.FailureJson;
import dev.scanbench.harness.verify.SecretSeed;
import dev.scanbench.harness.worker.JobFailure;
import dev.scanbench.harness.worker.WorkerChannel;

/**
 * The correctness gate of {@code score}, in the worker, before anything is timed or counted: a battery of odd
 * and boundary sizes, adversarial values, the scored size and secret sizes, each case a watchdog call. A
 * failure is the score's failure, naming the case; a kernel {@code verify} rejects never reaches a timer.
 */
final class Gate {
    private Gate() {
    }

    /** Which gate a scoring run passes: the emulator's or a GPU's, for the scored n and the secret seed. */
    @FunctionalInterface
    interface Matrix {
        BatteryMatrix of(long scoredN, SecretSeed seed);
    }

    /** Runs every candidate call of a battery as a watchdog call named by its case. */
    static CaseWatch watch(WorkerChannel channel) {
        return (name, call) -> Calls.call(channel, name, () -> {
            call.run();
            return null;
        });
    }

    /**
     * Runs the gate.
     *
     * @return {@code {"cases", "passed"}} for the result
     * @throws JobFailure       for the first failing case, its kind the score's ({@link Failures})
     * @throws BackendException when the backend cannot run the candidate at all
     */
    static ObjectNode pass(CorrectnessBattery battery, BatteryMatrix matrix, SecretSeed seed, WorkerChannel channel)
            throws JobFailure, BackendException {
        channel.progress("correctness gate: " + matrix.cases().size() + " cases");
        BatteryReport report = battery.watchedBy(watch(channel)).run(matrix, seed, channel::progress);
        if (report.failure().isPresent()) {
            throw failure(report.failure().get());
        }
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("cases", report.cases());
        o.put("passed", report.passed().size());
        return o;
    }

    /** A gate failure as the score's failure: the message and details name the case. */
    static JobFailure failure(BatteryFailure f) {
        String kind = switch (f.kind()) {
            case WRONG_OUTPUT -> Failures.MISMATCH;
            case INPUT_MODIFIED -> Failures.INPUT_MODIFIED;
            case FAULT, DIAGNOSTIC -> Failures.DEVICE_FAULT;
            case HANG -> Failures.DEADLOCK;
            case PLAN -> Failures.PLAN;
        };
        ObjectNode details = f.mismatch() != null ? FailureJson.mismatch(f.mismatch())
                : JsonNodeFactory.instance.objectNode();
        if (f.location() != null) {
            details.set("location", FailureJson.location(f.location()));
        }
        details.set("case", f.testCase().toJson());
        String what = f.mismatch() != null ? f.mismatch().summary() : f.message();
        return new JobFailure(kind, "correctness gate, " + f.testCase() + ": " + what, details);
    }
}
