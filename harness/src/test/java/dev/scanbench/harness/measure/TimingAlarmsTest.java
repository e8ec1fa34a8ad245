package dev.scanbench.harness.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TimingAlarmsTest {
    private final TimingAlarms threeLaunches = TimingAlarms.forPlan(3);

    private static SampleSet events(List<Sample> samples) {
        return SampleSet.of(TimeBasis.EVENT, samples);
    }

    private static List<Sample> steady(int n, long seed) {
        Random rng = new Random(seed);
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double t = 0.3 * (1 + 0.005 * rng.nextGaussian());
            samples.add(Sample.of(t, t + 0.03));
        }
        return samples;
    }

    @Test
    void steadySeededNoiseRaisesNothing() {
        for (long seed = 1; seed <= 20; seed++) {
            TimingAlarms.Findings f = threeLaunches.judge(events(steady(300, seed)));
            assertThat(f.alarms()).as("seed %d", seed).isEmpty();
            assertThat(f.flagged()).allMatch(s -> s.flags().isEmpty());
        }
    }

    @Test
    void theHostOverheadBudgetGrowsWithTheLaunches() {
        assertThat(TimingAlarms.forPlan(0).hostOverheadBudgetMs()).isCloseTo(0.1, within(1e-12));
        assertThat(threeLaunches.hostOverheadBudgetMs()).isCloseTo(0.16, within(1e-12));
    }

    @Test
    void aWallGapBeyondTheBudgetIsAHostStallWarningOnlyOnTheSamplesConcerned() {
        List<Sample> samples = steady(20, 5);
        samples.set(4, Sample.of(0.3, 0.5));
        samples.set(9, Sample.of(0.3, 0.47));

        TimingAlarms.Findings f = threeLaunches.judge(events(samples));

        assertThat(f.alarms()).extracting(Alarm::kind).containsExactly(AlarmKind.HOST_STALL);
        assertThat(f.alarms().get(0).severity()).isEqualTo(Severity.WARNING);
        assertThat(f.alarms().get(0).message()).contains("2 of 20 samples").contains("0.200 ms").contains("3 launches");
        assertThat(f.flagged().get(4).has(SampleFlag.HOST_STALL)).isTrue();
        assertThat(f.flagged().get(9).has(SampleFlag.HOST_STALL)).isTrue();
        assertThat(f.flagged().get(5).flags()).isEmpty();
    }

    @Test
    void wallBelowEventWithinTheEventResolutionIsNotAnAlarm() {
        List<Sample> samples = steady(12, 6);
        samples.set(0, Sample.of(0.3, 0.298));
        assertThat(threeLaunches.judge(events(samples)).alarms()).isEmpty();
        samples.set(0, Sample.of(0.3, 0.29));
        assertThat(threeLaunches.judge(events(samples)).alarms()).extracting(Alarm::kind)
                .containsExactly(AlarmKind.WALL_BELOW_EVENT);
    }

    @Test
    void timesThatCreepUpThroughTheRunAreDrift() {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            double t = 0.3 * (1 + 0.002 * i);
            samples.add(Sample.of(t, t + 0.01));
        }

        TimingAlarms.Findings f = TimingAlarms.forPlan(1).judge(events(samples));

        assertThat(f.alarms()).extracting(Alarm::kind).containsExactly(AlarmKind.DRIFT);
        // First third's median is at i = 9.5, last third's at i = 49.5: (1.099 / 1.019) - 1 = 7.85%.
        assertThat(f.alarms().get(0).message()).startsWith("times rose 7.9% from the first third");
    }

    @Test
    void driftIsNotJudgedOnTooFewSamples() {
        List<Sample> samples = List.of(Sample.of(1, 1.01), Sample.of(1, 1.01), Sample.of(2, 2.01));
        assertThat(TimingAlarms.forPlan(1).judge(events(samples)).alarms()).extracting(Alarm::kind)
                .doesNotContain(AlarmKind.DRIFT);
    }

    @Test
    void aSampleFarAboveTheRestIsAnOutlierAndTheOthersAreNot() {
        List<Sample> samples = steady(100, 8);
        samples.set(50, Sample.of(0.45, 0.48));

        TimingAlarms.Findings f = threeLaunches.judge(events(samples));

        assertThat(f.alarms()).extracting(Alarm::kind).containsExactly(AlarmKind.OUTLIERS);
        assertThat(f.alarms().get(0).message()).startsWith("1 of 100 samples");
        assertThat(f.flagged().get(50).has(SampleFlag.OUTLIER)).isTrue();
        assertThat(f.flagged().stream().filter(s -> s.has(SampleFlag.OUTLIER))).hasSize(1);
    }

    @Test
    void identicalTimesDoNotMakeEveryTinyDeviationAnOutlier() {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            samples.add(Sample.of(0.3, 0.31));
        }
        samples.set(10, Sample.of(0.303, 0.313));
        assertThat(threeLaunches.judge(events(samples)).alarms()).isEmpty();
    }

    @Test
    void theOutcomeAlarmsNameHowWarmUpAndSamplingEnded() {
        TimingSummary budget = TimingSummary.of(events(steady(12, 9)), 1000, WarmupEnd.CALL_LIMIT,
                StopReason.TIME_BUDGET, 0.99);
        assertThat(TimingAlarms.outcome(budget)).extracting(Alarm::kind)
                .containsExactly(AlarmKind.UNSTABLE_WARMUP, AlarmKind.IMPRECISE);
        assertThat(TimingAlarms.outcome(budget).get(1).message())
                .startsWith("sampling ended by TIME_BUDGET after 12 samples");
        TimingSummary fine = TimingSummary.of(events(steady(12, 9)), 5, WarmupEnd.STABLE, StopReason.PRECISE, 0.99);
        assertThat(TimingAlarms.outcome(fine)).isEmpty();
    }
}
