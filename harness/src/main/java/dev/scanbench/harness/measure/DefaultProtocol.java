package dev.scanbench.harness.measure;

import dev.scanbench.harness.Defaults;
import dev.scanbench.harness.backend.BackendException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The workbench's measurement, in three named phases: {@link #warmUp} until the times are stable,
 * {@link #sample} until the stopping rule is satisfied, {@link #summarise} into statistics and alarms. Every
 * call, warm-up included, is one full iteration of the {@link Sampler}: prepare, timed region, verification.
 * Warm-up outputs are verified too: a wrong answer is reported as early as it appears.
 */
public final class DefaultProtocol {
    private final Mode mode;
    private final WarmupRule warmupRule;
    private final StoppingRule stoppingRule;
    private final double confidence;
    private final TimingAlarms alarms;
    private final Ticker ticker;

    /**
     * @param mode         cache state of each sample
     * @param warmupRule   when warm-up ends
     * @param stoppingRule when sampling ends
     * @param confidence   coverage of the median's interval in the summary, in (0, 1)
     * @param alarms       the checks run on the samples
     * @param ticker       the clock the budgets are read from
     */
    public DefaultProtocol(Mode mode, WarmupRule warmupRule, StoppingRule stoppingRule, double confidence,
                           TimingAlarms alarms, Ticker ticker) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must lie in (0, 1), got " + confidence);
        }
        this.mode = mode;
        this.warmupRule = warmupRule;
        this.stoppingRule = stoppingRule;
        this.confidence = confidence;
        this.alarms = alarms;
        this.ticker = ticker;
    }

    /** The protocol with the workbench's default rules, on the system clock. */
    public static DefaultProtocol withDefaults(Mode mode, TimingAlarms alarms) {
        return new DefaultProtocol(mode, StableWarmup.defaults(), MedianCiRule.defaults(),
                Defaults.MEASURE_CONFIDENCE, alarms, Ticker.system());
    }

    /** How warm-up went: the number of calls and why it ended. */
    public record Warmup(int calls, WarmupEnd end) {
    }

    /**
     * Runs all three phases.
     *
     * @throws VerificationFailedException at the first wrong output, naming the call
     * @throws BackendException            when the device fails
     */
    public MeasurementResult run(Sampler sampler) throws BackendException, MeasurementException {
        Warmup warmup = warmUp(sampler);
        SampleSet samples = new SampleSet(TimeBasis.EVENT);
        StopReason reason = sample(sampler, samples);
        return summarise(warmup, samples, reason);
    }

    /** Phase 1: iterations whose times are discarded, until the warm-up rule ends them. */
    public Warmup warmUp(Sampler sampler) throws BackendException, MeasurementException {
        long start = ticker.nanoTime();
        List<Double> times = new ArrayList<>();
        while (true) {
            Sample s = iterate(sampler, "warm-up call " + (times.size() + 1));
            times.add(s.time(TimeBasis.EVENT));
            double[] sofar = times.stream().mapToDouble(Double::doubleValue).toArray();
            Optional<WarmupEnd> end = warmupRule.check(sofar, ticker.nanoTime() - start);
            if (end.isPresent()) {
                return new Warmup(times.size(), end.get());
            }
        }
    }

    /** Phase 2: iterations whose times are kept in {@code into}, until the stopping rule ends them. */
    public StopReason sample(Sampler sampler, SampleSet into) throws BackendException, MeasurementException {
        long start = ticker.nanoTime();
        while (true) {
            into.add(iterate(sampler, "sample " + (into.size() + 1)));
            Optional<StopReason> stop = stoppingRule.check(into, ticker.nanoTime() - start);
            if (stop.isPresent()) {
                return stop.get();
            }
        }
    }

    /** Phase 3: statistics over the flagged samples, and every alarm, rejections first. */
    public MeasurementResult summarise(Warmup warmup, SampleSet samples, StopReason reason) {
        TimingAlarms.Findings findings = alarms.judge(samples);
        SampleSet flagged = SampleSet.of(samples.basis(), findings.flagged());
        TimingSummary summary = TimingSummary.of(flagged, warmup.calls(), warmup.end(), reason, confidence);
        List<Alarm> all = new ArrayList<>(findings.alarms());
        all.addAll(TimingAlarms.outcome(summary));
        return new MeasurementResult(Protocol.DEFAULT, mode, summary, all);
    }

    private Sample iterate(Sampler sampler, String where) throws BackendException, MeasurementException {
        sampler.prepare(mode);
        Sample s = sampler.measureOnce();
        try {
            sampler.verifyLast();
        } catch (VerificationFailedException e) {
            throw e.at(where + " (" + mode.cliName() + " mode)");
        }
        if (!s.hasEventTime()) {
            throw new MeasurementException(where + ": the sampler returned no event time; the default protocol "
                    + "times by device events and needs a backend with a clock");
        }
        return mode == Mode.COLD ? s.withFlag(SampleFlag.L2_FLUSHED) : s;
    }
}
