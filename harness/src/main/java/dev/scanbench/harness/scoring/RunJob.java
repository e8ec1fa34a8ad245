package dev.scanbench.harness.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scanbench.baseline.npy.Npy;
import dev.scanbench.emulator.LaunchOptions;
import dev.scanbench.harness.Defaults;
import dev.scanbench.harness.backend.Backend;
import dev.scanbench.harness.backend.BackendException;
import dev.scanbench.harness.backend.emulator.EmulatorBackend;
import dev.scanbench.harness.plan.PlanException;
import dev.scanbench.harness.verify.Dispatch;
import dev.scanbench.harness.worker.JobFailure;
import dev.scanbench.harness.worker.WorkerChannel;
import dev.scanbench.harness.worker.WorkerJob;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The worker side of {@code workbench run KERNEL}: reads the input, runs the plan once (a watchdog call), writes
 * what the kernel produced, and reports the device, the emulator's counted work and its warnings.
 */
public final class RunJob implements WorkerJob {
    /** The name requests select this job by. */
    public static final String NAME = "run";
    /** The name of the one candidate call, as a timeout reports it. */
    static final String CALL = "run";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public JsonNode run(JsonNode json, WorkerChannel channel) throws Exception {
        RunRequest r = RunRequest.fromJson(json);
        int[] x;
        try {
            x = Npy.readInt32(Path.of(r.input()));
        } catch (IOException e) {
            // NoSuchFileException's message is the bare path: say what was being done and why it failed.
            throw new JobFailure(Failures.IO, "cannot read the input: " + why(e));
        }
        channel.progress("running " + r.candidate().kernel() + " on " + x.length + " elements");
        try (Backend backend = open(r.backend())) {
            KernelRun.Result result;
            try {
                result = KernelRun.run(backend, r.candidate().planned(), x, work -> Calls.call(channel, CALL, work));
            } catch (PlanException e) {
                throw Failures.of(e);
            } catch (BackendException e) {
                JobFailure f = Failures.of(e, r.candidate().kernel());
                if (backend instanceof EmulatorBackend eb && f.details() instanceof ObjectNode d) {
                    // what the kernel printed before it faulted is what a user debugging the fault needs
                    eb.printf().writeTo(d);
                }
                throw f;
            }
            try {
                Npy.writeInt32(Path.of(r.output()), result.y());
            } catch (IOException e) {
                throw new JobFailure(Failures.IO, "cannot write the output: " + why(e));
            }
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.put("n", x.length);
            result.describe(o);
            o.put("last", x.length == 0 ? 0 : result.y()[x.length - 1]);
            ArrayNode warnings = o.putArray("warnings");
            if (backend instanceof EmulatorBackend e) {
                e.warnings().stream().map(Object::toString).distinct().forEach(warnings::add);
                e.printf().writeTo(o);
            }
            return o;
        }
    }

    private static Backend open(String backend) throws JobFailure {
        if (ScoreRequest.EMULATOR.equals(backend)) {
            // An H100's residency, as score's counted runs: the critical path and the CTAs per SM are then its own.
            return new EmulatorBackend(Dispatch.SCORING.options(LaunchOptions.defaults().withChecks(
                    Defaults.VERIFY_CHECKS), 0).withCriticalPath(true));
        }
        try {
            return Gpu.openCuda().backend();
        } catch (BackendException e) {
            throw new JobFailure(Failures.DEVICE_UNAVAILABLE, "the CUDA device cannot be opened: " + e.getMessage());
        }
    }

    /** An I/O failure in words: the file system's exceptions carry only the path, their class says what. */
    private static String why(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage();
    }
}
