package dev.scanbench.harness.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanbench.baseline.input.InputPattern;
import dev.scanbench.emulator.Check;
import dev.scanbench.emulator.DispatchOrder;
import dev.scanbench.emulator.LaunchOptions;
import dev.scanbench.harness.compile.Artifact;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shipped kernel is exact on the emulator with memcheck, initcheck, racecheck, synccheck, asynccheck and
 * the spin-loop lint on, across edge sizes and every input pattern, under in-order, reversed and seeded-random
 * dispatch of a grid much larger than the resident CTAs. A diagnostic fails the run (the backend throws) and a
 * warning fails the test, so a pass means clean checks. At a million elements each kernel's counted global
 * traffic must also match the claim in its header.
 */
class ShippedKernelEmulatorTest {
    /** Bytes per element a kernel may move beyond its header's claim at n = 2^20 + 7. */
    private static final double TRAFFIC_SLACK = 0.5;
    /** Warp instructions per scheduling turn in the million-element run: fine interleaving. */
    private static final int SHORT_TURN = 8;
    /** Streaming multiprocessors of an H100 SXM. */
    private static final int H100_SMS = 132;

    static List<ShippedKernel> kernels() {
        return ShippedKernel.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void exactAtEdgeSizesForEveryPatternAndDispatchOrder(ShippedKernel kernel) throws Exception {
        Artifact artifact = kernel.compile();
        DispatchOrder[] orders = DispatchOrder.values();
        InputPattern[] patterns = InputPattern.values();
        for (int s = 0; s < Battery.EDGE_SIZES.length; s++) {
            for (int p = 0; p < patterns.length; p++) {
                // Each (size, pattern) under one order, rotating so that every pattern meets every order and
                // every size every order: the full cross product would cost three times as much.
                DispatchOrder order = orders[(s + p) % orders.length];
                check(kernel, artifact, patterns[p], Battery.EDGE_SIZES[s], checked(kernel, order, 1000L * s + p));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void exactOnManyTilesUnderEveryDispatchOrder(ShippedKernel kernel) throws Exception {
        Artifact artifact = kernel.compile();
        int n = 65_537;
        for (DispatchOrder order : DispatchOrder.values()) {
            InputPattern pattern = order == DispatchOrder.REVERSED ? InputPattern.EXTREME : InputPattern.RANDOM;
            check(kernel, artifact, pattern, n, checked(kernel, order, 42));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void exactAndWithinItsClaimedTrafficOnAMillionElements(ShippedKernel kernel) throws Exception {
        // One CTA per SM of an H100 resident, scheduled round-robin in short turns: look-back windows then
        // meet only aggregates for many steps (the small residency of the battery keeps the nearest prefix a
        // tile or two back), and with the default turn of 64 instructions a predecessor publishes its aggregate
        // and its prefix in one turn, so a serial look-back would never see the aggregate.
        Artifact artifact = kernel.compile();
        LaunchOptions options = LaunchOptions.defaults().withChecks(EnumSet.of(Check.MEMCHECK))
                .withResidency(H100_SMS, 1).withQuantum(SHORT_TURN)
                .withOrder(kernel.needsBlockOrder() ? DispatchOrder.IN_ORDER : DispatchOrder.RANDOM, 7);
        int n = (1 << 20) + 7;
        EmulatedRun run = check(kernel, artifact, InputPattern.RANDOM, n, options);
        double measured = run.counters().globalBytes() / (double) n;
        double claimed = kernel.claimedBytesPerElement();
        // Per-tile state, partials and look-back polls are O(tiles): at this n they stay under the slack, and
        // the whole-grid spin here polls more than a GPU would, so a kernel within it on the emulator is.
        assertThat(measured).as("%s: global bytes per element (%d read, %d written); header claims %s",
                kernel, run.counters().globalBytesRead(), run.counters().globalBytesWritten(), claimed)
                .isBetween(claimed, claimed + TRAFFIC_SLACK);
    }

    /** The battery's options; a kernel needing blockIdx order gets the whole grid resident unless dispatch is in order. */
    private static LaunchOptions checked(ShippedKernel kernel, DispatchOrder order, long seed) {
        LaunchOptions o = Battery.checked(order, seed);
        return kernel.needsBlockOrder() && order != DispatchOrder.IN_ORDER ? o.withResidency(1, 0) : o;
    }

    private static EmulatedRun check(ShippedKernel kernel, Artifact artifact, InputPattern pattern, int n,
                                     LaunchOptions options) throws Exception {
        int[] x = Battery.input(pattern, n);
        EmulatedRun run = EmulatedRun.of(kernel, artifact, x, options);
        assertThat(Battery.firstMismatch(Battery.expected(x), run.y()))
                .as("%s, %s, n = %d, %s dispatch", kernel, pattern, n, options.order())
                .isNull();
        assertThat(run.warnings()).as("%s, %s, n = %d: emulator warnings", kernel, pattern, n).isEmpty();
        return run;
    }
}
