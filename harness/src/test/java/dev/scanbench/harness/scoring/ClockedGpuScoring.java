package dev.scanbench.harness.scoring;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scanbench.harness.candidate.Candidate;
import dev.scanbench.harness.candidate.CandidateLoader;
import dev.scanbench.harness.candidate.PreparedCandidate;
import dev.scanbench.harness.compile.TestCompilers;
import dev.scanbench.harness.device.HarnessKernels;
import dev.scanbench.harness.measure.Mode;
import dev.scanbench.harness.measure.Protocol;
import dev.scanbench.harness.measure.Ticker;
import dev.scanbench.harness.worker.WorkerChannel;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;

/**
 * For other modules' tests (through the harness's test jar): the worker's real GPU scoring ({@link CudaScoring}:
 * copy probe, floor, default protocol, verified samples) of a real compiled kernel on the clocked fake device,
 * whose launches take a set time with seeded jitter. The result is the worker's JSON, as the parent reads it back.
 * There is no GPU here: these times are the fake's clock, never a GPU time.
 */
public final class ClockedGpuScoring {
    private ClockedGpuScoring() {
    }

    /**
     * A candidate scored on the fake device.
     *
     * @param prepared the candidate as compiled by real nvcc
     * @param result   the worker's result: device, L2, copy bandwidth, floor, measurement with every sample
     */
    public record Run(PreparedCandidate prepared, ObjectNode result) {
    }

    /**
     * @param kernel      a kernel with its plan
     * @param n           the problem size (the fake holds at most 2^20 ints per buffer; keep n small)
     * @param msPerLaunch the fake time of each of the candidate's launches
     * @param jitter      relative spread of each launch time (0 for none)
     * @param seed        seeds the jitter and the scoring's secret inputs
     * @param protocol    the timing protocol
     */
    public static Run run(Path kernel, long n, double msPerLaunch, double jitter, long seed, Protocol protocol)
            throws Exception {
        PreparedCandidate prepared = new CandidateLoader(TestCompilers.shared()).prepare(Candidate.read(kernel));
        ScoreRequest request = new ScoreRequest(kernel.toString(), prepared.compiled().candidate().text(),
                ScoreRequest.CompiledModule.of(prepared.artifact()), prepared.artifact().staticSharedBytes(),
                ScoreRequest.CompiledModule.of(HarnessKernels.compile(TestCompilers.shared())),
                ScoreRequest.CompiledModule.of(CopyBandwidthProbe.compile(TestCompilers.shared())),
                ScoreRequest.CUDA, n, protocol, protocol == Protocol.RE_BENCH ? Mode.HOT : Mode.COLD, seed, 3,
                null);
        ScoreRequest received = ScoreRequest.fromJson(new ObjectMapper().readTree(request.toJson().toString()));
        ClockedFakeBackend backend = new ClockedFakeBackend(new ArrayList<>(), msPerLaunch);
        if (jitter > 0) {
            backend.jitter(jitter, seed);
        }
        long[] reads = new long[1];
        // The host clock follows the device clock, 0.01 ms later at every read: wall just above event time.
        Ticker ticker = () -> (long) (backend.clockMs() * 1e6) + 10_000 * ++reads[0];
        WorkerChannel channel = new WorkerChannel(new ByteArrayOutputStream(), "T");
        ObjectNode result = new CudaScoring(received, channel, () -> new Gpu(backend, 1 << 20), ticker).run();
        return new Run(prepared, result);
    }
}
