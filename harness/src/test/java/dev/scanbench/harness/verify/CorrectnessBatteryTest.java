package dev.scanbench.harness.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanbench.baseline.input.InputPattern;
import dev.scanbench.emulator.Check;
import dev.scanbench.emulator.LaunchOptions;
import dev.scanbench.harness.Defaults;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The standard battery on a correct candidate, and the adversarial candidates of issue 4 item 11 that a run
 * can catch, each rejected for the right reason (the ones rejected before running are in CandidateLoaderTest).
 */
class CorrectnessBatteryTest {

    private static BatteryReport battery(String kernel, LaunchOptions options) throws Exception {
        return new CorrectnessBattery(Kernels.prepare(kernel), Kernels.harness(), options)
                .run(BatteryMatrix.standard(), SecretSeed.fresh(), line -> { });
    }

    private static BatteryFailure failure(String kernel) throws Exception {
        BatteryReport r = battery(kernel, LaunchOptions.allChecks());
        assertThat(r.ok()).as(kernel + " must fail").isFalse();
        return r.failure().orElseThrow();
    }

    @Test
    void aCorrectMultiBlockScanPassesTheGateWithItsSecretSizesAndSplicedTails() throws Exception {
        List<String> lines = new ArrayList<>();
        SecretSeed seed = SecretSeed.fresh();
        BatteryMatrix gate = BatteryMatrix.emulatorGate(Defaults.EMULATOR_SCORE_N, seed);
        BatteryReport r = new CorrectnessBattery(Kernels.prepare("tile_scan.cu"), Kernels.harness(),
                LaunchOptions.allChecks()).run(gate, seed, lines::add);
        assertThat(r.failure()).as("seed %s", r.seed()).isEmpty();
        assertThat(r.passed()).hasSize(199).isEqualTo(gate.cases());
        assertThat(r.cases()).isEqualTo(199);
        assertThat(r.seedSha256()).isEqualTo(seed.sha256()).hasSize(64);
        assertThat(SecretSeed.of(Long.parseUnsignedLong(r.seed(), 16)).sha256()).isEqualTo(r.seedSha256());
        assertThat(r.candidate().launches()).isEqualTo(3 * 199);
        assertThat(r.candidate().globalBytesRead()).as("the secret sizes reach past 2 x 10^6")
                .isGreaterThan(2L * 4 * 2_000_000);
        assertThat(lines).first().asString().contains("n = 1,", "IN_ORDER");
    }

    @Test
    void onSeveralThreadsTheBatteryFindsExactlyWhatItFindsOnOne() throws Exception {
        SecretSeed seed = SecretSeed.of(0x5EED_0F_BA77L);
        BatteryMatrix matrix = BatteryMatrix.of(33, 1025, 4097);
        for (String kernel : List.of("lookback_scan.cu", "adversarial/partials_1024_tiles.cu", "adversarial/noop.cu")) {
            CorrectnessBattery battery = new CorrectnessBattery(Kernels.prepare(kernel), Kernels.harness(),
                    LaunchOptions.allChecks());
            BatteryMatrix m = kernel.contains("partials") ? BatteryMatrix.of(33, 1025, 4097, 1024 * 1024 + 7) : matrix;
            List<String> oneLines = new ArrayList<>();
            List<String> threeLines = new ArrayList<>();
            BatteryReport one = battery.withThreads(1).run(m, seed, oneLines::add);
            BatteryReport three = battery.withThreads(3).run(m, seed, threeLines::add);
            assertThat(threeLines).as(kernel + ": progress in matrix order").isEqualTo(oneLines);
            assertThat(three.passed()).as(kernel).isEqualTo(one.passed());
            assertThat(three.candidate()).as(kernel).isEqualTo(one.candidate());
            assertThat(three.warnings()).as(kernel).isEqualTo(one.warnings());
            assertThat(three.failure().map(BatteryFailure::testCase)).as(kernel)
                    .isEqualTo(one.failure().map(BatteryFailure::testCase));
            assertThat(three.failure().map(BatteryFailure::message)).as(kernel)
                    .isEqualTo(one.failure().map(BatteryFailure::message));
            assertThat(one.ok()).as(kernel).isEqualTo(kernel.equals("lookback_scan.cu"));
        }
    }

    @Test
    void aDecoupledLookBackScanPassesUnderEveryDispatchOrder() throws Exception {
        BatteryMatrix matrix = BatteryMatrix.of(1, 1025, 4097, 65537);
        BatteryReport r = new CorrectnessBattery(Kernels.prepare("lookback_scan.cu"), Kernels.harness(),
                LaunchOptions.allChecks()).run(matrix, SecretSeed.fresh(), line -> { });
        assertThat(r.failure()).isEmpty();
        assertThat(r.passed()).hasSize(76);
        assertThat(r.candidate().launches()).isEqualTo(76);
    }

    @Test
    void aNoOpIsCaughtByTheSurvivingCanary() throws Exception {
        BatteryFailure f = failure("adversarial/noop.cu");
        assertThat(f.kind()).isEqualTo(FailureKind.WRONG_OUTPUT);
        assertThat(f.testCase()).isEqualTo(new BatteryCase(1, InputPattern.RANDOM, Dispatch.IN_ORDER));
        assertThat(f.mismatch().index()).isZero();
        assertThat(f.mismatch().expected()).isZero();
        assertThat(f.mismatch().canarySurvived()).isTrue();
        assertThat(f.message()).contains("y[0] = ", "expected 0", "still holds the canary: never written");
    }

    @Test
    void aConstantOutputIsWrongOnTheFirstInputWithAPositiveBeforeANonZero() throws Exception {
        BatteryFailure f = failure("adversarial/constant.cu");
        assertThat(f.kind()).isEqualTo(FailureKind.WRONG_OUTPUT);
        assertThat(f.mismatch().canarySurvived()).isFalse();
        assertThat(f.mismatch().actual()).isZero();
        assertThat(f.mismatch().expected()).isNotZero();
        assertThat(f.testCase().n()).isLessThanOrEqualTo(31);
        // The window shows x and both outputs around the first wrong element.
        Mismatch m = f.mismatch();
        int at = (int) (m.index() - m.windowStart());
        assertThat(m.actualWindow()[at]).isEqualTo(m.actual());
        assertThat(m.expectedWindow()[at]).isEqualTo(m.expected());
        assertThat(m.input()).hasSameSizeAs(m.actualWindow()).hasSizeLessThanOrEqualTo(17);
    }

    @Test
    void aScanRightOnlyInTheFirstTileFailsAtTheSecondTile() throws Exception {
        BatteryFailure f = failure("adversarial/first_tile_only.cu");
        assertThat(f.kind()).isEqualTo(FailureKind.WRONG_OUTPUT);
        assertThat(f.testCase().n()).isEqualTo(1025);
        assertThat(f.mismatch().index()).isEqualTo(1024);
        assertThat(f.mismatch().windowStart()).isEqualTo(1016);
        assertThat(f.mismatch().input()).hasSize(9);
    }

    @Test
    void writingHalfTheOutputLeavesTheCanaryInTheOtherHalf() throws Exception {
        BatteryFailure f = failure("adversarial/half_output.cu");
        assertThat(f.kind()).isEqualTo(FailureKind.WRONG_OUTPUT);
        assertThat(f.testCase().n()).isEqualTo(1);
        assertThat(f.mismatch().canarySurvived()).isTrue();
        assertThat(f.mismatch().index()).isEqualTo(f.testCase().n() / 2);
    }

    @Test
    void readingPastTheEndOfXIsAMemcheckFaultAtTheCudaLine() throws Exception {
        BatteryFailure f = failure("adversarial/read_past_end.cu");
        assertThat(f.kind()).isEqualTo(FailureKind.FAULT);
        assertThat(f.testCase().n()).isEqualTo(1);
        assertThat(f.location().check()).isEqualTo(Check.MEMCHECK);
        assertThat(f.location().kernel()).isEqualTo("tile_reduce");
        assertThat(f.location().source()).endsWith("read_past_end.cu:30");
        assertThat(f.location().thread()).isNotNull();
        assertThat(f.message()).contains("kernel tile_reduce faulted", "read_past_end.cu:30");
        assertThat(battery("adversarial/read_past_end.cu", LaunchOptions.allChecks()).candidate().launches())
                .as("the faulting launch is counted").isEqualTo(1);
    }

    @Test
    void modifyingTheInputIsCaughtByTheChecksum() throws Exception {
        BatteryFailure f = failure("adversarial/modifies_input.cu");
        assertThat(f.kind()).isEqualTo(FailureKind.INPUT_MODIFIED);
        assertThat(f.message()).contains("the input x was modified: x[", "a kernel must only read x");
    }

    @Test
    void replayingThePreviousOutputFailsOnTheNextInput() throws Exception {
        BatteryFailure f = failure("adversarial/replays_previous_output.cu");
        assertThat(f.kind()).isEqualTo(FailureKind.WRONG_OUTPUT);
        // The first run of each module is honest; the second input of the same size gets the first output.
        assertThat(f.testCase().pattern()).isNotEqualTo(InputPattern.RANDOM);
    }

    @Test
    void aSharedMemoryRaceIsADiagnosticFailureEvenWhenTheOutputHappensToBeRight() throws Exception {
        BatteryFailure f = failure("adversarial/race.cu");
        assertThat(f.kind()).isEqualTo(FailureKind.DIAGNOSTIC);
        assertThat(f.location().check()).isEqualTo(Check.RACECHECK);
        assertThat(f.location().source()).contains("race.cu:");
        assertThat(f.testCase().n()).isEqualTo(1);
    }

    @Test
    void aKernelThatNeverEndsIsAHang() throws Exception {
        BatteryReport r = battery("adversarial/spin.cu", LaunchOptions.allChecks().withLimits(200_000, 100_000_000));
        BatteryFailure f = r.failure().orElseThrow();
        assertThat(f.kind()).isEqualTo(FailureKind.HANG);
        assertThat(f.location().check()).isEqualTo(Check.DEADLOCK);
        assertThat(f.message()).contains("kernel spin deadlocked", "as many CTAs were resident at once as an H100 keeps");
        assertThat(r.candidate().launches()).as("the hung launch is counted").isEqualTo(1);
    }

    @Test
    void aKernelWithoutTailGuardsFaultsAtTheFirstOddSizeNamingTheBufferItOverran() throws Exception {
        BatteryFailure f = failure("adversarial/tailless.cu");
        assertThat(f.kind()).isEqualTo(FailureKind.FAULT);
        assertThat(f.testCase().n()).isEqualTo(1);
        assertThat(f.location().check()).isEqualTo(Check.MEMCHECK);
        assertThat(f.message()).contains("after the end of x [").doesNotContain("allocation #");
    }

    @Test
    void aPartialsPassOfOneBlockFailsAtThe1025thTile() throws Exception {
        BatteryFailure f = failure("adversarial/partials_1024_tiles.cu");
        assertThat(f.kind()).isEqualTo(FailureKind.WRONG_OUTPUT);
        assertThat(f.testCase().n()).isEqualTo(Defaults.EMULATOR_SCORE_N);
        assertThat(f.mismatch().index()).isEqualTo(1024L * 1024);
    }

    /** The issue-11 hole: a look-back whose poll nvcc hoisted passed every fair case, as the fair cases show. */
    @Test
    void aHoistedPollHangsUnderTheSlowPublisherAtItsLineEvenPastTheStaticChecks() throws Exception {
        BatteryReport r = new CorrectnessBattery(Kernels.prepareUnchecked("adversarial/hoisted_poll.cu"),
                Kernels.harness(), CorrectnessBattery.verdictOptions().withLimits(2_000_000, 1_000_000_000L))
                .run(BatteryMatrix.of(1025, 4097), SecretSeed.fresh(), line -> { });
        BatteryFailure f = r.failure().orElseThrow();
        assertThat(r.passed()).as("every fair case passes").hasSize(30)
                .allMatch(c -> Dispatch.FAIR.contains(c.dispatch()));
        assertThat(f.testCase()).isEqualTo(new BatteryCase(1025, InputPattern.RANDOM, Dispatch.SLOW_PUBLISHER));
        assertThat(f.kind()).isEqualTo(FailureKind.HANG);
        assertThat(f.location().check()).isEqualTo(Check.DEADLOCK);
        assertThat(f.location().source()).isEqualTo("hoisted_poll.cu:" + Kernels.line("adversarial/hoisted_poll.cu",
                "// BUG:hoisted"));
        assertThat(f.message()).contains("this spin never re-reads memory", "slow publisher");
    }

    /**
     * A weak poll the static checks would refuse, run anyway: every fair case passes (the emulator's one memory
     * re-reads it and the predecessor has published), and the slow publisher makes it spin until the lint fires,
     * an error in a verdict.
     */
    @Test
    void aWeakPollPastTheStaticChecksIsASpinLintErrorOnceTheSlowPublisherMakesItWait() throws Exception {
        BatteryReport r = new CorrectnessBattery(Kernels.prepareUnchecked("adversarial/weak_poll.cu"),
                Kernels.harness(), CorrectnessBattery.verdictOptions()).run(BatteryMatrix.of(4097), SecretSeed.fresh(),
                line -> { });
        BatteryFailure f = r.failure().orElseThrow();
        assertThat(r.passed()).as("every fair case passes").hasSize(15)
                .allMatch(c -> Dispatch.FAIR.contains(c.dispatch()));
        assertThat(f.testCase().dispatch()).isEqualTo(Dispatch.SLOW_PUBLISHER);
        assertThat(f.kind()).isEqualTo(FailureKind.DIAGNOSTIC);
        assertThat(f.location().check()).isEqualTo(Check.SPINLINT);
        assertThat(f.location().source()).isEqualTo("weak_poll.cu:" + Kernels.line("adversarial/weak_poll.cu",
                "// BUG:weak"));
    }

    /** Scratch the plan does not zero is poisoned, and a poll deciding on it reads an undefined value. */
    @Test
    void aLookBackPollingUnzeroedScratchIsAnInitcheckErrorAtThePoll() throws Exception {
        BatteryReport r = new CorrectnessBattery(Kernels.prepare("adversarial/unzeroed_status.cu"), Kernels.harness(),
                CorrectnessBattery.verdictOptions()).run(BatteryMatrix.of(1025), SecretSeed.fresh(), line -> { });
        BatteryFailure f = r.failure().orElseThrow();
        assertThat(f.kind()).isEqualTo(FailureKind.DIAGNOSTIC);
        assertThat(f.location().check()).isEqualTo(Check.INITCHECK);
        assertThat(f.location().source()).isEqualTo("unzeroed_status.cu:" + Kernels.line(
                "adversarial/unzeroed_status.cu", "// BUG:unzeroed"));
        assertThat(f.message()).contains("this branch depends on an undefined value",
                "memory the host filled with poison (0xa5) and no kernel wrote since");
    }

    /** Stock CUB shuffles registers it never wrote and discards them: nothing is decided, nothing is reported. */
    @Test
    void stockCubLookBackPassesEveryDispatchAndSchedule() throws Exception {
        BatteryMatrix matrix = BatteryMatrix.of(4097, 20481);
        BatteryReport r = new CorrectnessBattery(Kernels.prepare("cub_stock_lookback.cu"), Kernels.harness(),
                CorrectnessBattery.verdictOptions()).run(matrix, SecretSeed.fresh(), line -> { });
        assertThat(r.failure()).isEmpty();
        assertThat(r.passed()).hasSize(matrix.cases().size());
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void theStandardBatteryRunsEveryDispatchFromItsOneList() {
        List<BatteryCase> cases = BatteryMatrix.standard().cases();
        assertThat(cases).hasSize(194);
        assertThat(cases).extracting(BatteryCase::dispatch).containsAll(Dispatch.EMULATOR);
        assertThat(cases.stream().filter(c -> c.dispatch() == Dispatch.SLOW_PUBLISHER))
                .extracting(BatteryCase::pattern).containsOnly(InputPattern.RANDOM, InputPattern.EXTREME).hasSize(20);
    }
}
