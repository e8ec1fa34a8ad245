package dev.scanbench.harness.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scanbench.harness.Defaults;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DefaultProtocolTest {
    private final FakeTicker ticker = new FakeTicker();

    private DefaultProtocol protocol(Mode mode, TimingAlarms alarms) {
        return new DefaultProtocol(mode, StableWarmup.defaults(), MedianCiRule.defaults(), Defaults.MEASURE_CONFIDENCE,
                alarms, ticker);
    }

    private DefaultProtocol protocol(Mode mode) {
        return protocol(mode, TimingAlarms.forPlan(1));
    }

    @Test
    void warmsUpUntilFiveTimesAgreeThenStopsPreciseAtTheTenthSteadySample() throws Exception {
        double[] ramp = {2.0, 1.5, 1.2};
        ScriptedSampler sampler = new ScriptedSampler(
                i -> i < ramp.length ? Sample.of(ramp[i], ramp[i] + 0.01) : Sample.of(1.0, 1.01), ticker);

        MeasurementResult result = protocol(Mode.COLD).run(sampler);

        TimingSummary s = result.summary();
        // Calls 4..8 are the first window of five equal times: warm-up ends after call 8.
        assertThat(s.warmupCount()).isEqualTo(8);
        assertThat(s.warmupEnd()).isEqualTo(WarmupEnd.STABLE);
        assertThat(s.samples()).hasSize(Defaults.MEASURE_MIN_SAMPLES);
        assertThat(s.stopReason()).isEqualTo(StopReason.PRECISE);
        assertThat(s.medianMs()).isEqualTo(1.0);
        assertThat(s.wallMedianMs()).isEqualTo(1.01);
        assertThat(s.basis()).isEqualTo(TimeBasis.EVENT);
        assertThat(result.alarms()).isEmpty();
        assertThat(result.rejected()).isFalse();
        assertThat(sampler.calls()).isEqualTo(18);
    }

    @Test
    void everyIterationPreparesThenMeasuresThenVerifiesInTheModeAsked() throws Exception {
        ScriptedSampler sampler = ScriptedSampler.constant(1.0, 1.01, ticker);

        MeasurementResult cold = protocol(Mode.COLD).run(sampler);

        assertThat(sampler.steps).hasSize(3 * sampler.calls());
        for (int i = 0; i < sampler.calls(); i++) {
            assertThat(sampler.steps.subList(3 * i, 3 * i + 3)).containsExactly("prepare", "measure", "verify");
        }
        assertThat(sampler.modes).containsOnly(Mode.COLD);
        assertThat(cold.summary().samples()).allMatch(x -> x.has(SampleFlag.L2_FLUSHED));

        ScriptedSampler hotSampler = ScriptedSampler.constant(1.0, 1.01, ticker);
        MeasurementResult hot = protocol(Mode.HOT).run(hotSampler);
        assertThat(hotSampler.modes).containsOnly(Mode.HOT);
        assertThat(hot.mode()).isEqualTo(Mode.HOT);
        assertThat(hot.summary().samples()).noneMatch(x -> x.has(SampleFlag.L2_FLUSHED));
    }

    @Test
    void modestSeededNoiseReachesPrecisionAndStopsAtTheFirstSampleThatDoes() throws Exception {
        Random rng = new Random(42);
        ScriptedSampler sampler = new ScriptedSampler(i -> {
            double t = 0.3 * (1 + 0.02 * rng.nextGaussian());
            return Sample.of(t, t + 0.02);
        }, ticker);

        MeasurementResult result = protocol(Mode.COLD).run(sampler);

        TimingSummary s = result.summary();
        assertThat(s.stopReason()).isEqualTo(StopReason.PRECISE);
        assertThat(s.relativeHalfWidth()).isLessThan(Defaults.MEASURE_MAX_RELATIVE_HALF_WIDTH);
        assertThat(s.ciLowMs()).isLessThanOrEqualTo(s.medianMs());
        assertThat(s.ciHighMs()).isGreaterThanOrEqualTo(s.medianMs());
        List<Sample> fewer = s.samples().subList(0, s.samples().size() - 1);
        double[] sortedFewer = SampleSet.of(TimeBasis.EVENT, fewer).sortedTimes();
        assertThat(MedianCi.of(sortedFewer, 0.99).relativeHalfWidth())
                .as("one sample fewer was not yet precise")
                .isGreaterThanOrEqualTo(Defaults.MEASURE_MAX_RELATIVE_HALF_WIDTH);
        assertThat(result.rejected()).isFalse();
    }

    @Test
    void noiseTooWideForTheTargetRunsOutTheBudgetAndSaysSo() throws Exception {
        Random rng = new Random(7);
        // Times of 1 ms alternating with 1.5 ms: the median's interval always spans both, far wider than 1%.
        ScriptedSampler sampler = new ScriptedSampler(i -> {
            double t = (i % 2 == 0 ? 1.0 : 1.5) + 0.001 * rng.nextDouble();
            return Sample.of(t, t + 0.01);
        }, ticker);

        MeasurementResult result = protocol(Mode.COLD).run(sampler);

        TimingSummary s = result.summary();
        assertThat(s.stopReason()).isEqualTo(StopReason.TIME_BUDGET);
        assertThat(s.warmupEnd()).isEqualTo(WarmupEnd.BUDGET_SPENT);
        assertThat(result.raised(AlarmKind.IMPRECISE)).isTrue();
        assertThat(result.raised(AlarmKind.UNSTABLE_WARMUP)).isTrue();
        assertThat(result.rejected()).isFalse();
        // Each iteration costs about 2.26 ms of the fake clock; 10 s of it buys about 4,400 samples.
        assertThat(s.samples().size()).isBetween(4_300, 4_500);
    }

    @Test
    void aFailedVerificationOnTheSeventhSampleAbortsWithTheMismatchAndWhereItHappened() {
        // Warm-up takes 5 calls (4 minimum, window 5), so the seventh sample is call 12.
        ScriptedSampler sampler = ScriptedSampler.constant(1.0, 1.01, ticker).failVerifyOnCall(12);

        assertThatThrownBy(() -> protocol(Mode.COLD).run(sampler))
                .isInstanceOf(VerificationFailedException.class)
                .hasMessage("sample 7 (cold mode): y[17] expected 5, got 4")
                .satisfies(e -> assertThat(((VerificationFailedException) e).mismatch())
                        .isEqualTo("y[17] expected 5, got 4"));
        assertThat(sampler.calls()).isEqualTo(12);
        assertThat(sampler.steps).endsWith("verify");
    }

    @Test
    void aFailedVerificationDuringWarmUpNamesTheWarmUpCall() {
        ScriptedSampler sampler = ScriptedSampler.constant(1.0, 1.01, ticker).failVerifyOnCall(2);

        assertThatThrownBy(() -> protocol(Mode.HOT).run(sampler))
                .hasMessageStartingWith("warm-up call 2 (hot mode): ");
    }

    @Test
    void wallTimeBelowEventTimeRejectsTheResult() throws Exception {
        ScriptedSampler sampler = ScriptedSampler.constant(1.0, 0.8, ticker);

        MeasurementResult result = protocol(Mode.COLD).run(sampler);

        assertThat(result.rejected()).isTrue();
        assertThat(result.alarms().get(0).kind()).isEqualTo(AlarmKind.WALL_BELOW_EVENT);
        assertThat(result.alarms().get(0).message()).contains("10 of 10 samples").contains("0.2000 ms");
        assertThat(result.summary().samples()).allMatch(x -> x.has(SampleFlag.WALL_BELOW_EVENT));
    }

    @Test
    void aTimeBelowThePhysicalFloorIsRejectedAsImpossible() throws Exception {
        PhysicalFloor floor = PhysicalFloor.of(new CopyBandwidth(2.9e12), Defaults.H100_L2_BYTES);
        TimingAlarms alarms = TimingAlarms.forPlan(1).withFloor(floor, 100_000_000);

        MeasurementResult fake = protocol(Mode.COLD, alarms).run(ScriptedSampler.constant(0.1, 0.11, ticker));
        MeasurementResult honest = protocol(Mode.COLD, alarms).run(ScriptedSampler.constant(0.3, 0.31, ticker));

        assertThat(fake.rejected()).isTrue();
        assertThat(fake.raised(AlarmKind.BELOW_PHYSICAL_FLOOR)).isTrue();
        assertThat(fake.alarms().get(0).message()).startsWith("impossible time, rejected").contains("n = 100000000");
        assertThat(honest.rejected()).isFalse();
        assertThat(honest.alarms()).isEmpty();
    }

    @Test
    void aSamplerWithoutEventTimesCannotBeMeasuredByEvents() {
        ScriptedSampler sampler = new ScriptedSampler(i -> Sample.wallOnly(1.0), ticker);

        assertThatThrownBy(() -> protocol(Mode.COLD).run(sampler))
                .isInstanceOf(MeasurementException.class)
                .hasMessageStartingWith("warm-up call 1: the sampler returned no event time");
    }

    @Test
    void theSampleCapStopsAMeasurementWhoseBudgetWouldAllowMore() throws Exception {
        DefaultProtocol capped = new DefaultProtocol(Mode.HOT, StableWarmup.defaults(),
                new MedianCiRule(10, 50, 0.99, 0.01, 10_000), 0.99, TimingAlarms.forPlan(1), ticker);
        List<Double> times = new java.util.ArrayList<>(Collections.nCopies(5, 1.0));
        ScriptedSampler sampler = new ScriptedSampler(
                i -> i < times.size() ? Sample.of(times.get(i), 1.1) : Sample.of(i % 2 == 0 ? 1.0 : 2.0, 2.1), ticker);

        MeasurementResult result = capped.run(sampler);

        assertThat(result.summary().stopReason()).isEqualTo(StopReason.SAMPLE_LIMIT);
        assertThat(result.summary().samples()).hasSize(50);
    }
}
