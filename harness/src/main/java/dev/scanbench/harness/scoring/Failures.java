package dev.scanbench.harness.scoring;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scanbench.emulator.Diagnostic;
import dev.scanbench.harness.backend.BackendException;
import dev.scanbench.harness.backend.BackendUnavailableException;
import dev.scanbench.harness.backend.DeviceFaultException;
import dev.scanbench.harness.backend.emulator.EmulatorFaultException;
import dev.scanbench.harness.plan.PlanException;
import dev.scanbench.harness.verify.FailureJson;
import dev.scanbench.harness.verify.InputModifiedException;
import dev.scanbench.harness.verify.Mismatch;
import dev.scanbench.harness.verify.VerificationException;
import dev.scanbench.harness.verify.WrongOutputException;
import dev.scanbench.harness.worker.JobFailure;
import java.util.Locale;

/**
 * The scoring worker's typed failures: each kind is a word the parent branches on, with the facts a user needs
 * (the first mismatch and the input around it, the fault's kernel, block, thread and source line).
 */
public final class Failures {
    /** The output was wrong: details hold the first mismatch and the windows around it. */
    public static final String MISMATCH = "mismatch";
    /** The candidate wrote to its input x. */
    public static final String INPUT_MODIFIED = "input-modified";
    /** A kernel faulted: illegal address, trap, a diagnostic error on the emulator. */
    public static final String DEVICE_FAULT = "device-fault";
    /** The emulator's deadlock detector or instruction budget stopped a kernel: a hang on hardware. */
    public static final String DEADLOCK = "deadlock";
    /** The measured time is physically impossible (below the floor) or the clocks disagree. */
    public static final String REJECTED_TIME = "rejected-time";
    /** The plan is invalid at the size run. */
    public static final String PLAN = "plan";
    /**
     * This machine cannot score: the driver is too old or refuses the workbench's sm_90a images, the workbench's own
     * kernels cannot be loaded or disagree with the CPU oracle. Not the candidate's failure: exit 3, not logged.
     */
    public static final String ENVIRONMENT = "environment";
    /** The driver refused a launch, a load or an allocation. */
    public static final String LAUNCH_FAILED = "launch-failed";

    private Failures() {
    }

    /** A verification failure, located by {@code where} (e.g. "verified run 2 of 3"). */
    public static JobFailure of(VerificationException e, String where) {
        String what = e instanceof WrongOutputException w ? w.mismatch().summary() : e.getMessage();
        return verification(e, where + ": " + what);
    }

    /** A verification failure with the message a protocol composed (it names the call and the mismatch). */
    public static JobFailure verification(VerificationException e, String message) {
        if (e instanceof WrongOutputException w) {
            return new JobFailure(MISMATCH, message, mismatch(w.mismatch()));
        }
        ObjectNode d = JsonNodeFactory.instance.objectNode();
        if (e instanceof InputModifiedException m) {
            d.put("index", m.index());
        }
        return new JobFailure(INPUT_MODIFIED, message, d);
    }

    /** A device failure: a fault or hang of the candidate, or a launch the driver refused. */
    public static JobFailure of(BackendException e, String where) {
        if (e instanceof EmulatorFaultException f) {
            ObjectNode d = JsonNodeFactory.instance.objectNode();
            d.put("status", f.status().name().toLowerCase(Locale.ROOT));
            Diagnostic first = f.first();
            if (first != null) {
                d.set("location", FailureJson.location(first));
            }
            return new JobFailure(f.hang() ? DEADLOCK : DEVICE_FAULT, where + ": " + f.getMessage(), d);
        }
        if (e instanceof DeviceFaultException) {
            return new JobFailure(DEVICE_FAULT, where + ": " + e.getMessage());
        }
        if (e instanceof BackendUnavailableException) {
            return new JobFailure(ENVIRONMENT, where + ": " + e.getMessage());
        }
        return new JobFailure(LAUNCH_FAILED, where + ": " + e.getMessage());
    }

    /** A plan that fails at the size run. */
    public static JobFailure of(PlanException e) {
        return new JobFailure(PLAN, e.getMessage());
    }

    /** The mismatch as JSON: index, values, counts and the three windows. */
    public static ObjectNode mismatch(Mismatch m) {
        return FailureJson.mismatch(m);
    }
}
