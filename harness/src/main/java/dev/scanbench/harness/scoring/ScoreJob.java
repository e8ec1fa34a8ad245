package dev.scanbench.harness.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scanbench.harness.measure.Ticker;
import dev.scanbench.harness.worker.WorkerChannel;
import dev.scanbench.harness.worker.WorkerJob;

/**
 * The worker side of {@code workbench score}: runs a {@link ScoreRequest} on its backend and returns the
 * measurement (CUDA) or the counted work (emulator). Failures come back as {@link Failures} kinds; the parent
 * alone logs and reports.
 */
public final class ScoreJob implements WorkerJob {
    /** The name requests select this job by. */
    public static final String NAME = "score";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public JsonNode run(JsonNode request, WorkerChannel channel) throws Exception {
        ScoreRequest r = ScoreRequest.fromJson(request);
        return ScoreRequest.CUDA.equals(r.backend()) ? new CudaScoring(r, channel, Gpu::openCuda, Ticker.system()).run()
                : new EmulatorScoring(r, channel).run();
    }
}
