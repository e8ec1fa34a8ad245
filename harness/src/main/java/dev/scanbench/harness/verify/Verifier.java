package dev.scanbench.harness.verify;

import dev.scanbench.baseline.input.InputGenerator;
import dev.scanbench.baseline.input.InputPattern;
import dev.scanbench.harness.Defaults;
import dev.scanbench.harness.backend.Backend;
import dev.scanbench.harness.backend.BackendException;
import dev.scanbench.harness.backend.DeviceBuffer;
import dev.scanbench.harness.backend.PlanRunner;
import dev.scanbench.harness.device.Canary;
import dev.scanbench.harness.device.CompareResult;
import dev.scanbench.harness.device.HarnessKernels;
import java.util.Arrays;

/**
 * Verifies one candidate run per iteration, in three named phases so that a measurement can time the middle
 * one alone:
 * <ol>
 *   <li>{@link #prepare}: a fresh input x from the iteration's seed (generated on the device), its keyed
 *       checksum, the output y filled with a canary, non-zero scratch poisoned;</li>
 *   <li>{@link #runCandidate}: the candidate's plan, then a synchronisation;</li>
 *   <li>{@link #check}: x's checksum unchanged, y free of undefined values (where the backend tracks them),
 *       the expected output computed only now, after the run, and compared exactly with y on the device.</li>
 * </ol>
 * Owns x, y and the expected-output buffer; the plan runner and harness kernels stay the caller's.
 */
public final class Verifier implements AutoCloseable {
    // Salts keeping the canary and checksum key of an iteration independent of its input.
    private static final long CANARY_SALT = 0xCA4A_2170_0000_0001L;
    private static final long CHECKSUM_SALT = 0xC4EC_C5A0_0000_0002L;

    private final Backend backend;
    private final HarnessKernels kernels;
    private final PlanRunner runner;
    private final ExpectedOutput expectedOutput;
    private final int n;
    private final int guard;
    private final DeviceBuffer x;
    private final DeviceBuffer y;
    private final DeviceBuffer expected;
    private InputSpec input;
    private long checksumBefore;
    private boolean prepared;

    private Verifier(Backend backend, HarnessKernels kernels, PlanRunner runner, ExpectedOutput expectedOutput,
                     int n, int guard, DeviceBuffer x, DeviceBuffer y, DeviceBuffer expected) {
        this.backend = backend;
        this.kernels = kernels;
        this.runner = runner;
        this.expectedOutput = expectedOutput;
        this.n = n;
        this.guard = guard;
        this.x = x;
        this.y = y;
        this.expected = expected;
    }

    /**
     * Allocates x, y and the expected output for the runner's plan size. On a backend that does not check bounds
     * (a GPU), y and the expected output get {@link Defaults#OUTPUT_GUARD_INTS} canary elements past n, so a write
     * past the end of y is seen; where bounds are checked (the emulator's memcheck), y is exactly n elements and
     * a stray access faults with its location.
     *
     * @throws BackendException when allocation fails (what was allocated is freed)
     */
    public static Verifier open(Backend backend, HarnessKernels kernels, PlanRunner runner, ExpectedOutput expected)
            throws BackendException {
        int n = Math.toIntExact(runner.plan().n());
        int guard = backend.checksBounds() ? 0 : Defaults.OUTPUT_GUARD_INTS;
        DeviceBuffer x = backend.allocate(4L * n, "x");
        DeviceBuffer y = null;
        try {
            y = backend.allocate(4L * (n + guard), "y");
            return new Verifier(backend, kernels, runner, expected, n, guard, x, y,
                    backend.allocate(4L * (n + guard), "the harness's expected output"));
        } catch (BackendException | RuntimeException e) {
            x.close();
            if (y != null) {
                y.close();
            }
            throw e;
        }
    }

    /** Phase 1: fresh input, its checksum, canary-filled output, poisoned scratch. */
    public void prepare(long iterationSeed, InputPattern inputPattern) throws BackendException {
        prepare(InputSpec.of(iterationSeed, inputPattern));
    }

    /** Phase 1 for any input, a tail splice included. */
    public void prepare(InputSpec spec) throws BackendException {
        input = spec;
        input.generate(kernels, x, n);
        checksumBefore = kernels.checksum(x, n, checksumKey());
        kernels.fillCanary(y, n + guard, canarySeed());
        if (guard > 0) {
            // The expected output's guard holds the same canary: y's guard must still equal it after the run.
            kernels.fillCanary(expected, n + guard, canarySeed());
        }
        runner.poisonScratch();
        backend.synchronize();
        prepared = true;
    }

    /** Phase 2: the candidate's plan, on the prepared buffers; returns when it has finished. */
    public void runCandidate() throws BackendException {
        requirePrepared();
        runner.run(x, y);
        backend.synchronize();
    }

    /**
     * Phase 3: the input unchanged, then the output exact.
     *
     * @throws InputModifiedException    when x changed
     * @throws WrongOutputException      when y differs from the expected output
     * @throws OutOfBoundsWriteException when y is right but the guard past its end changed (no bounds checks)
     */
    public void check() throws BackendException, VerificationException {
        requirePrepared();
        prepared = false;
        if (kernels.checksum(x, n, checksumKey()) != checksumBefore) {
            throw inputModified();
        }
        // before the compare kernel reads y: an element computed from an undefined value is the candidate's fault
        backend.requireDefined(y, "y");
        int[] hostX = expectedOutput.compute(backend, x, expected, n);
        CompareResult r = kernels.compare(y, expected, n);
        if (!r.equal()) {
            throw new WrongOutputException(mismatch(r, hostX));
        }
        if (guard > 0) {
            CompareResult g = kernels.compare(y, expected, n + guard);
            if (!g.equal()) {
                throw new OutOfBoundsWriteException(g.firstIndex(), n, g.mismatches(), guard);
            }
        }
    }

    /** All three phases: one verified iteration. */
    public void iterate(long iterationSeed, InputPattern inputPattern) throws BackendException, VerificationException {
        prepare(iterationSeed, inputPattern);
        runCandidate();
        check();
    }

    /** The input buffer. */
    public DeviceBuffer x() {
        return x;
    }

    /** The output buffer. */
    public DeviceBuffer y() {
        return y;
    }

    private void requirePrepared() {
        if (!prepared) {
            throw new IllegalStateException("prepare() must come first in every iteration");
        }
    }

    private long canarySeed() {
        return InputGenerator.mix64(input.key() ^ CANARY_SALT);
    }

    private long checksumKey() {
        return InputGenerator.mix64(input.key() ^ CHECKSUM_SALT);
    }

    private InputModifiedException inputModified() throws BackendException {
        int[] now = new int[n];
        backend.copyOut(x, now);
        int[] original = input.host(n);
        int i = Arrays.mismatch(now, original);
        // The checksum saw a change the element-wise compare cannot miss unless the checksum itself is broken.
        return i < 0 ? new InputModifiedException(-1, 0, 0, n) : new InputModifiedException(i, original[i], now[i], n);
    }

    private Mismatch mismatch(CompareResult r, int[] knownX) throws BackendException {
        int[] hostX = knownX;
        if (hostX == null) {
            hostX = new int[n];
            backend.copyOut(x, hostX);
        }
        int[] hostY = new int[n];
        int[] hostExpected = new int[n];
        backend.copyOut(y, hostY);
        backend.copyOut(expected, hostExpected);
        int i = Math.toIntExact(r.firstIndex());
        int from = Math.max(0, i - Defaults.MISMATCH_WINDOW);
        int to = Math.min(n, i + Defaults.MISMATCH_WINDOW + 1);
        return new Mismatch(i, hostExpected[i], hostY[i], r.mismatches(), n,
                hostY[i] == Canary.value(canarySeed(), i), from, Arrays.copyOfRange(hostX, from, to),
                Arrays.copyOfRange(hostExpected, from, to), Arrays.copyOfRange(hostY, from, to));
    }

    /** Frees x, y and the expected output. */
    @Override
    public void close() throws BackendException {
        try {
            x.close();
        } finally {
            try {
                y.close();
            } finally {
                expected.close();
            }
        }
    }
}
