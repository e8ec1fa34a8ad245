package dev.scanbench.harness.measure;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * A sampler whose samples come from a script (call index -> sample), which advances a fake clock by each
 * sample's wall time plus a fixed preparation and verification cost, logs every step, and can be told to
 * fail verification on a given call.
 */
final class ScriptedSampler implements Sampler {
    /** Cost of preparation plus verification per iteration, in ms of the fake clock. */
    static final double OVERHEAD_MS = 1.0;

    final List<String> steps = new ArrayList<>();
    final List<Mode> modes = new ArrayList<>();
    private final IntFunction<Sample> script;
    private final FakeTicker ticker;
    private int calls;
    private int failVerifyOnCall = -1;

    ScriptedSampler(IntFunction<Sample> script, FakeTicker ticker) {
        this.script = script;
        this.ticker = ticker;
    }

    /** A sampler whose every call has these event and wall times. */
    static ScriptedSampler constant(double eventMs, double wallMs, FakeTicker ticker) {
        return new ScriptedSampler(i -> Sample.of(eventMs, wallMs), ticker);
    }

    /** Makes the {@code call}-th verification (1-based, warm-up calls included) report a mismatch. */
    ScriptedSampler failVerifyOnCall(int call) {
        this.failVerifyOnCall = call;
        return this;
    }

    int calls() {
        return calls;
    }

    @Override
    public void prepare(Mode mode) {
        steps.add("prepare");
        modes.add(mode);
        ticker.advanceMillis(OVERHEAD_MS / 2);
    }

    @Override
    public Sample measureOnce() {
        steps.add("measure");
        Sample s = script.apply(calls++);
        ticker.advanceMillis(s.wallMs());
        return s;
    }

    @Override
    public void verifyLast() throws VerificationFailedException {
        steps.add("verify");
        ticker.advanceMillis(OVERHEAD_MS / 2);
        if (calls == failVerifyOnCall) {
            throw new VerificationFailedException("y[17] expected 5, got 4");
        }
    }
}
