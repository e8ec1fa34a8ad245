package dev.scanbench.harness.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scanbench.harness.Defaults;
import dev.scanbench.harness.log.ScoreLog;
import dev.scanbench.harness.measure.MeasurementResult;
import dev.scanbench.harness.measure.Mode;
import dev.scanbench.harness.measure.Protocol;
import dev.scanbench.harness.measure.Sample;
import dev.scanbench.harness.measure.SampleFlag;
import dev.scanbench.harness.measure.SampleSet;
import dev.scanbench.harness.measure.StopReason;
import dev.scanbench.harness.measure.TimeBasis;
import dev.scanbench.harness.measure.TimingSummary;
import dev.scanbench.harness.measure.WarmupEnd;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import dev.scanbench.sandbox.SourceDigest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A timed result as the log records it: the score from the median, and no number that is not finite. */
class ScoreRecordTest {

    private static ScoreResult timed(double ms) {
        return timed(ms, 100_000_000L);
    }

    private static ScoreResult timed(double ms, long n) {
        SampleSet set = new SampleSet(TimeBasis.WALL);
        set.add(Sample.wallOnly(ms));
        TimingSummary summary = TimingSummary.of(set, 4, WarmupEnd.FIXED_COUNT, StopReason.SINGLE_CALL,
                Defaults.MEASURE_CONFIDENCE);
        MeasurementResult m = new MeasurementResult(Protocol.RE_BENCH, Mode.HOT, summary, List.of());
        RunOutcome outcome = new RunOutcome(ScoreStatus.OK, null, "H100", m, null, null, List.of());
        return new ScoreResult(new CandidateFacts("k.cu", "abc", List.of(new SourceDigest("k.cu", "abc")),
                "@plan launch k grid=1 block=1 args=(x, y, n)\n", Map.of(), List.of(), null),
                new RunSettings("cuda", "--backend cuda", n, Protocol.RE_BENCH,
                Mode.HOT, Duration.ofSeconds(20)), outcome, "sha", "00", "test");
    }

    @Test
    void theScoreIsLnOfTheMedianNormalisedAndPlacedAgainstThePublishedBests() {
        ObjectNode o = ScoreRecord.of(timed(1.6));

        assertThat(o.get("time_ms").asDouble()).isEqualTo(1.6);
        assertThat(o.get("score").asDouble()).isEqualTo(Math.log(1.6));
        assertThat(o.get("normalised").asDouble()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(o.at("/standing/summary").asText()).contains("slower than the best human (0.667 ms)");
        assertThat(o.at("/timing/samples").asInt()).isEqualTo(1);
        assertThat(o.at("/timing/stop_reason").asText()).isEqualTo("single_call");
        assertThat(o.get("practice").asBoolean()).isFalse();
        assertThat(o.at("/sources/0/path").asText()).isEqualTo("k.cu");
    }

    @Test
    void aTimeAtAnotherNIsPracticeWithoutScoreNormalisedOrStanding() {
        ObjectNode o = ScoreRecord.of(timed(0.002, 1));

        assertThat(o.get("practice").asBoolean()).isTrue();
        assertThat(o.get("time_ms").asDouble()).as("the time is kept").isEqualTo(0.002);
        assertThat(o.get("score").isNull()).isTrue();
        assertThat(o.get("normalised").isNull()).isTrue();
        assertThat(o.get("standing").isNull()).isTrue();
    }

    @Test
    void everyRawSampleIsKeptWithItsClocksAndFlagsAndTheEnvironmentIsRecorded() {
        SampleSet set = new SampleSet(TimeBasis.EVENT);
        set.add(Sample.of(0.70, 0.72).withFlag(SampleFlag.L2_FLUSHED));
        set.add(Sample.of(0.71, 0.90).withFlag(SampleFlag.L2_FLUSHED).withFlag(SampleFlag.HOST_STALL));
        TimingSummary summary = TimingSummary.of(set, 4, WarmupEnd.STABLE, StopReason.PRECISE,
                Defaults.MEASURE_CONFIDENCE);
        MeasurementResult m = new MeasurementResult(Protocol.DEFAULT, Mode.COLD, summary, List.of());
        ObjectNode driver = new ObjectMapper().createObjectNode().put("driver_api_version", "13.0");
        RunOutcome outcome = new RunOutcome(ScoreStatus.OK, null, "H100", m, null, null, List.of(), false, null, driver);
        CandidateFacts facts = new CandidateFacts("k.cu", "abc", List.of(new SourceDigest("k.cu", "abc")), "plan", Map.of(), List.of(),
                new CompilerFacts("Cuda compilation tools, release 13.0", List.of("-O3", "-arch=sm_90a"), null));
        ObjectNode o = ScoreRecord.of(new ScoreResult(facts, new RunSettings("cuda", "auto", 100_000_000L,
                Protocol.DEFAULT, Mode.COLD, Duration.ofSeconds(20)), outcome, "sha", "00", "test"));

        assertThat(o.at("/timing/raw_samples").size()).isEqualTo(2);
        assertThat(o.at("/timing/raw_samples/1/event_ms").asDouble()).isEqualTo(0.71);
        assertThat(o.at("/timing/raw_samples/1/wall_ms").asDouble()).isEqualTo(0.90);
        assertThat(o.at("/timing/raw_samples/1/flags").toString()).isEqualTo("[\"l2_flushed\",\"host_stall\"]");
        assertThat(o.at("/environment/compiler/flags/1").asText()).isEqualTo("-arch=sm_90a");
        assertThat(o.at("/environment/driver/driver_api_version").asText()).isEqualTo("13.0");
        assertThat(o.at("/environment/workbench_version").asText()).isEqualTo("test");
        assertThat(o.at("/environment/java").asText()).startsWith(System.getProperty("java.version"));
    }

    @Test
    void aWallClockOnlySampleHasANullEventTime() {
        ObjectNode o = ScoreRecord.of(timed(1.6));

        assertThat(o.at("/timing/raw_samples/0/event_ms").isNull()).isTrue();
        assertThat(o.at("/timing/raw_samples/0/wall_ms").asDouble()).isEqualTo(1.6);
        assertThat(o.at("/environment/compiler").isNull()).as("compiled by nothing known").isTrue();
        assertThat(o.at("/environment/driver").isNull()).isTrue();
    }

    @Test
    void numbersThatAreNotFiniteAreWrittenAsNullAndTheLogAcceptsTheEntry(@TempDir Path dir) throws Exception {
        ObjectNode o = ScoreRecord.of(timed(0.7));
        ScoreRecord.number(o, "extra", Double.NaN);

        assertThat(o.get("extra").isNull()).isTrue();
        new ScoreLog(dir.resolve("s.jsonl")).append(o);
        assertThat(new ScoreLog(dir.resolve("s.jsonl")).verify().ok()).isTrue();
    }
}
