package dev.scanbench.harness.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scanbench.harness.candidate.Candidate;
import dev.scanbench.harness.candidate.CandidateLoader;
import dev.scanbench.harness.candidate.PreparedCandidate;
import dev.scanbench.harness.compile.TestCompilers;
import dev.scanbench.harness.device.HarnessKernels;
import dev.scanbench.harness.measure.MeasurementResult;
import dev.scanbench.harness.measure.Mode;
import dev.scanbench.harness.measure.Protocol;
import dev.scanbench.harness.measure.Ticker;
import dev.scanbench.harness.worker.JobFailure;
import dev.scanbench.harness.worker.WorkerChannel;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The worker's GPU scoring, whole, on a clocked fake device: the request's modules loaded, the copy probe's
 * bandwidth turned into a floor, the protocol run, the result the parent reads back, and the typed failures.
 */
class CudaScoringTest {
    private static final int N = 4096;
    private static ScoreRequest.CompiledModule candidate;
    private static ScoreRequest.CompiledModule harness;
    private static ScoreRequest.CompiledModule copy;
    private static PreparedCandidate prepared;
    private static String source;

    private final List<String> log = new ArrayList<>();
    private final ClockedFakeBackend backend = new ClockedFakeBackend(log, 0.25);
    private final WorkerChannel channel = new WorkerChannel(new ByteArrayOutputStream(), "T");
    private long reads;
    /** The host clock follows the device clock, 0.01 ms later at every read: wall just above event time. */
    private final Ticker ticker = () -> (long) (backend.clockMs() * 1e6) + 10_000 * ++reads;

    @BeforeAll
    static void compile() throws Exception {
        Path kernel = Path.of("src/test/resources/kernels/tile_scan.cu");
        prepared = new CandidateLoader(TestCompilers.shared()).prepare(Candidate.read(kernel));
        source = prepared.compiled().candidate().text();
        candidate = ScoreRequest.CompiledModule.of(prepared.artifact());
        harness = ScoreRequest.CompiledModule.of(HarnessKernels.compile(TestCompilers.shared()));
        copy = ScoreRequest.CompiledModule.of(CopyBandwidthProbe.compile(TestCompilers.shared()));
    }

    private ObjectNode score(Protocol protocol, long l2) throws Exception {
        ScoreRequest request = new ScoreRequest("src/test/resources/kernels/tile_scan.cu", source, candidate,
                prepared.artifact().staticSharedBytes(), harness, copy, ScoreRequest.CUDA, N, protocol, Mode.COLD, 7,
                3, null);
        // Through the wire format, as the worker receives it.
        ScoreRequest received = ScoreRequest.fromJson(new ObjectMapper().readTree(request.toJson().toString()));
        return new CudaScoring(received, channel, () -> new Gpu(backend, l2), ticker).run();
    }

    @Test
    void aCorrectKernelIsMeasuredAndTheResultReadsBackAsAMeasurement() throws Exception {
        ObjectNode result = score(Protocol.DEFAULT, 1 << 20);

        MeasurementResult m = new ObjectMapper().treeToValue(result.get("measurement"), MeasurementResult.class);
        assertThat(m.summary().medianMs()).isEqualTo(0.75);
        assertThat(m.rejected()).isFalse();
        assertThat(result.get("l2_bytes").asLong()).isEqualTo(1 << 20);
        // 8n = 32 KiB is within two L2-fulls: traffic cannot bind, so no bandwidth probe runs; the harness's own
        // copy of n still bounds the time.
        assertThat(result.get("copy_bandwidth_bytes_per_second").isNull()).isTrue();
        assertThat(result.get("copy_of_n_ms").asDouble()).isPositive();
        assertThat(result.get("floor_ms").asDouble())
                .isEqualTo(result.get("copy_of_n_ms").asDouble() / dev.scanbench.harness.Defaults.FLOOR_LATENCY_SLACK);
        assertThat(log).contains("fill32 " + (2 << 20)).endsWith("close");
    }

    @Test
    void theCopyBandwidthIsProbedWhenTheFloorCanBind() throws Exception {
        ObjectNode result = score(Protocol.DEFAULT, 1024);

        assertThat(result.get("copy_bandwidth_bytes_per_second").asDouble()).isPositive();
        assertThat(result.get("floor_ms").asDouble()).isPositive();
    }

    @Test
    void anL2SizeTheDriverDoesNotReportFallsBackToTheH100s() throws Exception {
        ObjectNode result = score(Protocol.RE_BENCH, 0);

        assertThat(result.get("l2_bytes").asLong()).isEqualTo(50L << 20);
        assertThat(result.get("l2_reported").asBoolean()).isFalse();
        assertThat(result.at("/measurement/summary/samples").size()).isEqualTo(1);
    }

    @Test
    void aTimeBelowThePhysicalFloorIsRejectedWithItsMeasurement() {
        backend.time("tile_reduce", 1e-7).time("tile_prefix", 1e-7).time("tile_scan", 1e-7);

        assertThatThrownBy(() -> score(Protocol.DEFAULT, 1))
                .isInstanceOfSatisfying(JobFailure.class, e -> {
                    assertThat(e.kind()).isEqualTo(Failures.REJECTED_TIME);
                    assertThat(e.details().has("measurement")).isTrue();
                })
                .hasMessageContaining("physical floor");
    }

    @Test
    void atSmallNWhereTheL2HidesAllTrafficANearZeroTimeIsStillRejectedByTheCopyOfN() {
        backend.time("tile_reduce", 1e-6).time("tile_prefix", 1e-6).time("tile_scan", 1e-6);

        assertThatThrownBy(() -> score(Protocol.DEFAULT, 1L << 30))
                .isInstanceOfSatisfying(JobFailure.class, e -> {
                    assertThat(e.kind()).isEqualTo(Failures.REJECTED_TIME);
                    assertThat(e.details().get("copy_of_n_ms").asDouble()).isEqualTo(0.25);
                    assertThat(e.details().get("floor_ms").asDouble()).isEqualTo(0.25 / 1.5);
                })
                .hasMessageContaining("own copy of n elements");
    }

    @Test
    void aWrongOutputIsAMismatchWithItsIndex() {
        backend.mismatchAt(99);

        assertThatThrownBy(() -> score(Protocol.DEFAULT, 1 << 20))
                .isInstanceOfSatisfying(JobFailure.class, e -> {
                    assertThat(e.kind()).isEqualTo(Failures.MISMATCH);
                    assertThat(e.details().get("index").asLong()).isEqualTo(99);
                })
                .hasMessageContaining("warm-up call 1");
    }

    @Test
    void aWrongCorrectnessCallStopsRebenchBeforeAnyTiming() {
        backend.mismatchAt(3);

        assertThatThrownBy(() -> score(Protocol.RE_BENCH, 1 << 20))
                .isInstanceOfSatisfying(JobFailure.class, e -> assertThat(e.kind()).isEqualTo(Failures.MISMATCH))
                .hasMessageContaining("re-bench correctness call at n = 1024");
    }
}
