package dev.scanbench.harness.measure;

import dev.scanbench.harness.Defaults;
import dev.scanbench.harness.backend.BackendException;
import java.util.ArrayList;
import java.util.List;

/**
 * RE-Bench's original scorer, call for call, as named phases: {@link #correctness} (one call at n = 1024),
 * {@link #warmUp} (4 calls on fresh inputs), {@link #timedCall} (ONE call, timed by the host wall clock
 * between two device synchronisations), then {@link #verify} of that call's output, which happens after the
 * clock stopped. The score is ln of that one time. No L2 flush and no events, as in the original: the point
 * of this protocol is a number comparable with the published ones, noise included.
 *
 * <p>Where the original is not spelled out, this follows FIGURES.md: the timed call's input is fresh too and
 * generated before the first synchronisation, so its generation is not timed.
 */
public final class ReBenchProtocol {
    private final TimingAlarms alarms;
    private final Ticker ticker;

    /**
     * @param alarms the checks run on the one sample (clocks and floor; drift and outliers need more samples)
     * @param ticker the host wall clock of the timed call
     */
    public ReBenchProtocol(TimingAlarms alarms, Ticker ticker) {
        this.alarms = alarms;
        this.ticker = ticker;
    }

    /** The protocol on the system clock. */
    public static ReBenchProtocol withSystemClock(TimingAlarms alarms) {
        return new ReBenchProtocol(alarms, Ticker.system());
    }

    /**
     * Runs every phase in order.
     *
     * @throws VerificationFailedException when the correctness call or the timed call's output is wrong
     * @throws BackendException            when the device fails
     */
    public MeasurementResult run(ReBenchSteps steps) throws BackendException, MeasurementException {
        correctness(steps);
        int warmups = warmUp(steps);
        Sample timed = timedCall(steps);
        verify(steps);
        SampleSet set = new SampleSet(TimeBasis.WALL);
        set.add(timed);
        TimingAlarms.Findings findings = alarms.judge(set);
        TimingSummary summary = TimingSummary.of(SampleSet.of(TimeBasis.WALL, findings.flagged()), warmups,
                WarmupEnd.FIXED_COUNT, StopReason.SINGLE_CALL, Defaults.MEASURE_CONFIDENCE);
        List<Alarm> all = new ArrayList<>(findings.alarms());
        all.addAll(TimingAlarms.outcome(summary));
        return new MeasurementResult(Protocol.RE_BENCH, Mode.HOT, summary, all);
    }

    /** Phase 1: the correctness call at n = 1024. */
    public void correctness(ReBenchSteps steps) throws BackendException, MeasurementException {
        try {
            steps.correctnessCall();
        } catch (VerificationFailedException e) {
            throw e.at("re-bench correctness call at n = " + Defaults.RE_BENCH_CORRECTNESS_N);
        }
    }

    /** Phase 2: the untimed calls on fresh inputs; returns how many were made. */
    public int warmUp(ReBenchSteps steps) throws BackendException, MeasurementException {
        for (int i = 0; i < Defaults.RE_BENCH_WARMUP_CALLS; i++) {
            steps.freshInput();
            steps.launch();
        }
        return Defaults.RE_BENCH_WARMUP_CALLS;
    }

    /** Phase 3: the one timed call, by host wall clock between two synchronisations. */
    public Sample timedCall(ReBenchSteps steps) throws BackendException, MeasurementException {
        steps.freshInput();
        steps.synchronize();
        long start = ticker.nanoTime();
        steps.launch();
        steps.synchronize();
        long end = ticker.nanoTime();
        return Sample.wallOnly((end - start) / 1e6);
    }

    /** Phase 4: the timed call's output, checked after the clock stopped. */
    public void verify(ReBenchSteps steps) throws BackendException, MeasurementException {
        try {
            steps.verifyLast();
        } catch (VerificationFailedException e) {
            throw e.at("re-bench timed call");
        }
    }
}
