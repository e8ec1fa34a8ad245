package dev.scanbench.harness.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scanbench.harness.backend.BackendException;
import dev.scanbench.harness.verify.BatteryMatrix;
import dev.scanbench.harness.verify.BatteryReport;
import dev.scanbench.harness.verify.CorrectnessBattery;
import dev.scanbench.harness.verify.Dispatch;
import dev.scanbench.harness.verify.SecretSeed;
import dev.scanbench.harness.worker.JobFailure;
import dev.scanbench.harness.worker.WorkerChannel;
import dev.scanbench.harness.worker.WorkerJob;
import java.util.List;

/**
 * The worker side of {@code workbench verify}: the correctness battery (the standard gate, or the sizes asked
 * for) with every candidate call a watchdog call named by its case. A failing case is a result (the verdict),
 * not a job failure; a job failure means the backend could not run the candidate at all.
 */
public final class VerifyJob implements WorkerJob {
    /** The name requests select this job by. */
    public static final String NAME = "verify";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public JsonNode run(JsonNode json, WorkerChannel channel) throws Exception {
        VerifyRequest r = VerifyRequest.fromJson(json);
        SecretSeed seed = SecretSeed.of(r.seed());
        boolean cuda = ScoreRequest.CUDA.equals(r.backend());
        BatteryMatrix matrix = r.sizes() != null
                ? BatteryMatrix.of(cuda ? List.of(Dispatch.DEVICE) : Dispatch.EMULATOR, r.sizes())
                : cuda ? BatteryMatrix.deviceGate(r.scoredN(), seed) : BatteryMatrix.emulatorGate(r.scoredN(), seed);
        CorrectnessBattery battery = new CorrectnessBattery(r.candidate().planned(), r.harness().artifact(),
                CorrectnessBattery.verdictOptions()).watchedBy(Gate.watch(channel));
        channel.progress("verifying: " + matrix.cases().size() + " cases on the " + r.backend());
        try {
            if (!cuda) {
                return result(battery.run(matrix, seed, channel::progress), "PTX emulator (memcheck, initcheck,"
                        + " racecheck, synccheck)");
            }
            Gpu gpu;
            try {
                gpu = Gpu.openCuda();
            } catch (BackendException e) {
                throw new JobFailure(Failures.DEVICE_UNAVAILABLE, "the CUDA device cannot be opened: " + e.getMessage());
            }
            try (var backend = gpu.backend()) {
                return result(battery.onDevice(backend).run(matrix, seed, channel::progress),
                        backend.deviceDescription());
            }
        } catch (BackendException e) {
            throw Failures.of(e, "verifying");
        }
    }

    private static ObjectNode result(BatteryReport report, String device) {
        ObjectNode o = report.toJson();
        o.put("device", device);
        return o;
    }
}
