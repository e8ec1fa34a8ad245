package dev.scanbench.harness.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scanbench.harness.Defaults;
import dev.scanbench.harness.candidate.Candidate;
import dev.scanbench.harness.candidate.CandidateLoader;
import dev.scanbench.harness.candidate.PreparedCandidate;
import dev.scanbench.harness.compile.Artifact;
import dev.scanbench.harness.compile.TestCompilers;
import dev.scanbench.harness.device.HarnessKernels;
import dev.scanbench.harness.measure.DefaultProtocol;
import dev.scanbench.harness.measure.L2Flush;
import dev.scanbench.harness.measure.MeasurementResult;
import dev.scanbench.harness.measure.MedianCiRule;
import dev.scanbench.harness.measure.Mode;
import dev.scanbench.harness.measure.ReBenchProtocol;
import dev.scanbench.harness.measure.StableWarmup;
import dev.scanbench.harness.measure.Ticker;
import dev.scanbench.harness.measure.TimingAlarms;
import dev.scanbench.harness.measure.VerificationFailedException;
import dev.scanbench.harness.plan.ResolvedPlan;
import dev.scanbench.harness.verify.WrongOutputException;
import dev.scanbench.harness.worker.WorkerChannel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The GPU path of the scoring worker up to the driver calls: the Sampler and RE-Bench steps over a Verifier on
 * a backend with a fake device clock, with the real harness kernels' and candidate's compiled signatures.
 */
class VerifiedSamplerTest {
    private static final int N = 4096;
    private static final double KERNEL_MS = 0.25;
    private static final Pattern CALL_START = Pattern.compile("\"event\":\"call-start\",\"name\":\"([^\"]+)\"");

    private static PreparedCandidate candidate;
    private static Artifact harness;

    private final List<String> log = new ArrayList<>();
    private final ClockedFakeBackend backend = new ClockedFakeBackend(log, KERNEL_MS);
    private final ByteArrayOutputStream events = new ByteArrayOutputStream();
    private final WorkerChannel channel = new WorkerChannel(events, "T");
    private long now;
    /** One host millisecond per clock read: the wall interval of a timed region is 1 ms, its event time 0.75. */
    private final Ticker ticker = () -> {
        log.add("clock");
        return now += 1_000_000;
    };

    @BeforeAll
    static void compile() throws Exception {
        candidate = new CandidateLoader(TestCompilers.shared())
                .prepare(Candidate.read(Path.of("src/test/resources/kernels/tile_scan.cu")));
        harness = HarnessKernels.compile(TestCompilers.shared());
    }

    private PlanFixture fixture(HarnessKernels kernels, int n) throws Exception {
        return PlanFixture.open(backend, kernels, candidate.image(), candidate.artifact().signature(),
                candidate.resolve(n));
    }

    private DefaultProtocol protocol(Mode mode) {
        return new DefaultProtocol(mode, StableWarmup.defaults(), MedianCiRule.defaults(), Defaults.MEASURE_CONFIDENCE,
                TimingAlarms.forPlan(3), ticker);
    }

    @Test
    void everyColdSampleHasAFreshInputAFlushAloneThePlanTimedAndTheExpectedOutputOnlyAfter() throws Exception {
        MeasurementResult result;
        try (HarnessKernels kernels = HarnessKernels.load(backend, harness); PlanFixture f = fixture(kernels, N);
             L2Flush flush = L2Flush.allocate(backend, 1 << 20)) {
            VerifiedSampler sampler = new VerifiedSampler(backend, f.verifier(), f.runner(), flush,
                    new IterationSeeds(42), channel, ticker);
            result = protocol(Mode.COLD).run(sampler);
            assertThat(sampler.calls()).isEqualTo(result.summary().warmupCount() + result.summary().samples().size());
        }

        assertThat(result.summary().medianMs()).isEqualTo(3 * KERNEL_MS);
        assertThat(result.rejected()).isFalse();
        List<List<String>> iterations = iterations();
        int calls = result.summary().warmupCount() + result.summary().samples().size();
        assertThat(iterations).hasSize(calls);
        for (List<String> it : iterations) {
            int first = it.indexOf("record");
            int second = it.lastIndexOf("record");
            assertThat(it.subList(0, first)).contains("fill32 " + (2 << 20), "launch wb_fill_canary");
            assertThat(it.subList(first + 1, second))
                    .containsExactly("launch tile_reduce", "launch tile_prefix", "launch tile_scan");
            List<String> after = it.subList(second, it.size());
            // The oracle's expected output is copied in only after the candidate's run, then compared.
            // (The buffer is n elements and, on a device without bounds checks, the guard after them.)
            String expectedIn = "copyIn " + 4 * (N + Defaults.OUTPUT_GUARD_INTS);
            assertThat(after).containsSubsequence("sync", "elapsed", expectedIn, "launch wb_compare");
            assertThat(it.subList(0, second)).doesNotContain(expectedIn);
        }
        assertThat(log.stream().filter(l -> l.startsWith("launch wb_generate seed ")).distinct().count())
                .as("a fresh seed per call").isEqualTo(calls);
        assertThat(callNames()).hasSize(calls).startsWith("timed call 1", "timed call 2");
    }

    @Test
    void hotSamplesFlushNothing() throws Exception {
        try (HarnessKernels kernels = HarnessKernels.load(backend, harness); PlanFixture f = fixture(kernels, N)) {
            protocol(Mode.HOT).run(new VerifiedSampler(backend, f.verifier(), f.runner(), null, new IterationSeeds(1),
                    channel, ticker));
        }
        assertThat(log).noneMatch(l -> l.startsWith("fill32 "));
    }

    @Test
    void aWrongOutputStopsTheMeasurementAtItsCallWithTheMismatchKept() throws Exception {
        backend.mismatchAt(7);
        try (HarnessKernels kernels = HarnessKernels.load(backend, harness); PlanFixture f = fixture(kernels, N)) {
            VerifiedSampler sampler = new VerifiedSampler(backend, f.verifier(), f.runner(), null, new IterationSeeds(1),
                    channel, ticker);
            assertThatThrownBy(() -> protocol(Mode.HOT).run(sampler))
                    .isInstanceOf(VerificationFailedException.class).hasMessageContaining("warm-up call 1");
            assertThat(sampler.lastFailure()).get().isInstanceOf(WrongOutputException.class);
            assertThat(((WrongOutputException) sampler.lastFailure().get()).mismatch().index()).isEqualTo(7);
            assertThat(Failures.verification(sampler.lastFailure().get(), "x").kind()).isEqualTo(Failures.MISMATCH);
        }
    }

    @Test
    void reBenchChecksAt1024ThenTimesOneCallWithNothingButThePlanBetweenTheClockReads() throws Exception {
        MeasurementResult result;
        try (HarnessKernels kernels = HarnessKernels.load(backend, harness); PlanFixture f = fixture(kernels, N)) {
            ResolvedPlan small = candidate.resolve(Defaults.RE_BENCH_CORRECTNESS_N);
            VerifiedReBenchSteps steps = new VerifiedReBenchSteps(backend, f, () -> PlanFixture.open(backend, kernels,
                    candidate.image(), candidate.artifact().signature(), small), new IterationSeeds(3), channel);
            result = new ReBenchProtocol(TimingAlarms.forPlan(3), ticker).run(steps);
        }
        assertThat(result.summary().samples()).hasSize(1);
        assertThat(log).contains("allocate " + 4 * Defaults.RE_BENCH_CORRECTNESS_N);
        int end = log.lastIndexOf("clock");
        int start = log.subList(0, end).lastIndexOf("clock");
        assertThat(log.subList(start + 1, end))
                .containsExactly("launch tile_reduce", "launch tile_prefix", "launch tile_scan", "sync");
        assertThat(callNames()).containsExactly("re-bench correctness call", "re-bench call 1", "re-bench call 2",
                "re-bench call 3", "re-bench call 4", "re-bench call 5");
        assertThat(log.subList(end, log.size())).contains("launch wb_compare");
    }

    @Test
    void theCopyProbeTurnsTheFastestTimedCopyIntoBandwidth() throws Exception {
        Artifact copy = CopyBandwidthProbe.compile(TestCompilers.shared());
        double bytesPerSecond = CopyBandwidthProbe.measure(backend, ScoreRequest.CompiledModule.of(copy), channel)
                .bytesPerSecond();
        assertThat(bytesPerSecond).isCloseTo(2.0 * Defaults.COPY_BANDWIDTH_BYTES / (KERNEL_MS / 1e3),
                org.assertj.core.data.Percentage.withPercentage(1e-9));
        assertThat(callNames()).hasSize(1 + Defaults.COPY_BANDWIDTH_REPETITIONS).startsWith("copy bandwidth warm-up");
    }

    /** The log cut at each candidate-input generation: one list per iteration. */
    private List<List<String>> iterations() {
        List<List<String>> out = new ArrayList<>();
        for (String line : log) {
            if (line.startsWith("launch wb_generate")) {
                out.add(new ArrayList<>());
            }
            if (!out.isEmpty()) {
                out.get(out.size() - 1).add(line);
            }
        }
        return out;
    }

    private List<String> callNames() {
        List<String> names = new ArrayList<>();
        Matcher m = CALL_START.matcher(events.toString(StandardCharsets.UTF_8));
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
