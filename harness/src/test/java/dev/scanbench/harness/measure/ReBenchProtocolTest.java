package dev.scanbench.harness.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.scanbench.harness.Defaults;
import dev.scanbench.harness.score.ScoreMath;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReBenchProtocolTest {
    private final FakeTicker ticker = new FakeTicker();

    /** Logs each step and each clock read; a launch takes {@code launchMs} of the fake clock. */
    private final class RecordingSteps implements ReBenchSteps {
        final List<String> log = new ArrayList<>();
        double launchMs = 0.5;
        boolean correctnessFails;
        boolean timedOutputWrong;

        RecordingSteps() {
            ticker.onRead(t -> log.add("clock"));
        }

        @Override
        public void correctnessCall() throws VerificationFailedException {
            log.add("correctness");
            if (correctnessFails) {
                throw new VerificationFailedException("y[3] expected 1, got 0");
            }
        }

        @Override
        public void freshInput() {
            log.add("fresh");
        }

        @Override
        public void launch() {
            log.add("launch");
            ticker.advanceMillis(launchMs);
        }

        @Override
        public void synchronize() {
            log.add("sync");
        }

        @Override
        public void verifyLast() throws VerificationFailedException {
            log.add("verify");
            if (timedOutputWrong) {
                throw new VerificationFailedException("canary survived at y[0]");
            }
        }
    }

    @Test
    void ordersThePhasesAsTheOriginalScorerDid() throws Exception {
        RecordingSteps steps = new RecordingSteps();

        new ReBenchProtocol(TimingAlarms.forPlan(1), ticker).run(steps);

        assertThat(steps.log).containsExactly(
                "correctness",
                "fresh", "launch", "fresh", "launch", "fresh", "launch", "fresh", "launch",
                "fresh", "sync", "clock", "launch", "sync", "clock",
                "verify");
    }

    @Test
    void scoresTheOneWallClockTimedCall() throws Exception {
        RecordingSteps steps = new RecordingSteps();
        steps.launchMs = 0.667;

        MeasurementResult result = new ReBenchProtocol(TimingAlarms.forPlan(1), ticker).run(steps);

        TimingSummary s = result.summary();
        assertThat(result.protocol()).isEqualTo(Protocol.RE_BENCH);
        assertThat(result.mode()).isEqualTo(Mode.HOT);
        assertThat(s.basis()).isEqualTo(TimeBasis.WALL);
        assertThat(s.samples()).hasSize(1);
        assertThat(s.samples().get(0).hasEventTime()).isFalse();
        assertThat(s.medianMs()).isCloseTo(0.667, within(1e-9));
        assertThat(ScoreMath.score(s.medianMs())).isCloseTo(-0.405, within(1e-3));
        assertThat(s.stopReason()).isEqualTo(StopReason.SINGLE_CALL);
        assertThat(s.warmupCount()).isEqualTo(Defaults.RE_BENCH_WARMUP_CALLS);
        assertThat(s.warmupEnd()).isEqualTo(WarmupEnd.FIXED_COUNT);
        assertThat(result.alarms()).isEmpty();
    }

    @Test
    void aWrongCorrectnessCallStopsBeforeAnythingIsTimed() {
        RecordingSteps steps = new RecordingSteps();
        steps.correctnessFails = true;

        assertThatThrownBy(() -> new ReBenchProtocol(TimingAlarms.forPlan(1), ticker).run(steps))
                .isInstanceOf(VerificationFailedException.class)
                .hasMessage("re-bench correctness call at n = 1024: y[3] expected 1, got 0");
        assertThat(steps.log).containsExactly("correctness");
    }

    @Test
    void aWrongTimedOutputIsCaughtAfterTheClockStopped() {
        RecordingSteps steps = new RecordingSteps();
        steps.timedOutputWrong = true;

        assertThatThrownBy(() -> new ReBenchProtocol(TimingAlarms.forPlan(1), ticker).run(steps))
                .hasMessage("re-bench timed call: canary survived at y[0]");
        assertThat(steps.log.subList(steps.log.size() - 2, steps.log.size())).containsExactly("clock", "verify");
    }

    @Test
    void theOneCallIsStillJudgedAgainstThePhysicalFloor() throws Exception {
        RecordingSteps steps = new RecordingSteps();
        steps.launchMs = 0.05;
        PhysicalFloor floor = PhysicalFloor.of(new CopyBandwidth(3.0e12), Defaults.H100_L2_BYTES);

        MeasurementResult result = new ReBenchProtocol(
                TimingAlarms.forPlan(1).withFloor(floor, 100_000_000), ticker).run(steps);

        assertThat(result.rejected()).isTrue();
        assertThat(result.alarms()).extracting(Alarm::kind).containsExactly(AlarmKind.BELOW_PHYSICAL_FLOOR);
        assertThat(result.summary().samples().get(0).has(SampleFlag.BELOW_FLOOR)).isTrue();
    }
}
