package dev.scanbench.harness.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scanbench.emulator.LaunchOptions;
import dev.scanbench.emulator.Occupancy;
import dev.scanbench.harness.Defaults;
import dev.scanbench.harness.backend.CubinRegisters;
import dev.scanbench.harness.candidate.Candidate;
import dev.scanbench.harness.candidate.CandidateLoader;
import dev.scanbench.harness.candidate.PreparedCandidate;
import dev.scanbench.harness.compile.Artifact;
import dev.scanbench.harness.compile.ResourceUsage;
import dev.scanbench.harness.compile.TestCompilers;
import dev.scanbench.harness.device.HarnessKernels;
import dev.scanbench.harness.plan.CommentStyle;
import dev.scanbench.harness.plan.Launch;
import dev.scanbench.harness.plan.PlanException;
import dev.scanbench.harness.plan.PlanParser;
import dev.scanbench.harness.verify.BatteryFailure;
import dev.scanbench.harness.verify.BatteryMatrix;
import dev.scanbench.harness.verify.BatteryReport;
import dev.scanbench.harness.verify.CorrectnessBattery;
import dev.scanbench.harness.verify.FailureKind;
import dev.scanbench.harness.verify.SecretSeed;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kernels/07_cooperative_grid_sync.cu: the plan's {@code cooperative}, the cubin's registers, and the battery on
 * the emulator with the kernel as shipped, without {@code cooperative}, and with a grid beyond its occupancy.
 */
class CooperativeKernelTest {
    private static final Path KERNEL = Path.of("../kernels/07_cooperative_grid_sync.cu");
    private static final String SHIPPED_LAUNCH = "grid=min(264, ceil_div(n, 16384)) block=256 cooperative";
    private static Artifact harness;

    @TempDir
    Path dir;

    @BeforeAll
    static void compileHarnessKernels() throws Exception {
        harness = HarnessKernels.compile(TestCompilers.shared());
    }

    @Test
    void cooperativeIsAKeywordOfTheLaunchLine() throws Exception {
        String text = "// @plan launch k grid=4 block=64 cooperative args=(x, y, n)\n"
                + "// @plan launch j grid=4 block=64 args=(x, y, n)\n";
        var plan = PlanParser.parse("k.cu", text, CommentStyle.SLASHES);
        assertThat(plan.launches()).extracting(Launch::cooperative).containsExactly(true, false);
        assertThat(plan.launches().get(0).render()).contains(" cooperative args=(");
        assertThatThrownBy(() -> PlanParser.parse("k.cu",
                "// @plan launch k grid=4 cooperative block=64 cooperative args=(x)\n", CommentStyle.SLASHES))
                .isInstanceOf(PlanException.class).hasMessageContaining("k.cu:1:").hasMessageContaining("twice");
    }

    @Test
    void cubinRegistersAreWhatPtxasReported() {
        Artifact a = new ShippedKernel(KERNEL).compile();
        Map<String, Integer> registers = CubinRegisters.read(a.cubin());
        assertThat(registers).containsOnlyKeys(a.resources().keySet());
        a.resources().forEach((entry, usage) -> assertThat(registers.get(entry)).as(entry)
                .isEqualTo(usage.registers()).isPositive());
    }

    @Test
    void theShippedKernelPassesTheBatteryOnTheEmulator() throws Exception {
        BatteryMatrix matrix = BatteryMatrix.of(1, 4097);
        BatteryReport report = battery(KERNEL, matrix);
        assertThat(report.failure()).as("first failure (seed %s)", report.seed()).isEmpty();
        assertThat(report.passed()).isEqualTo(matrix.cases());
    }

    @Test
    void withoutCooperativeItsGridSyncIsAFaultSayingWhy() throws Exception {
        BatteryFailure f = failure(variant("plain.cu", SHIPPED_LAUNCH.replace(" cooperative", "")));
        assertThat(f.kind()).isEqualTo(FailureKind.FAULT);
        assertThat(f.message()).contains("trap executed").contains("only a cooperative launch has")
                .contains("`cooperative` on its @plan launch line");
    }

    @Test
    void aCooperativeGridBeyondOccupancyIsRefusedWithTheNumbers() throws Exception {
        Artifact a = new ShippedKernel(KERNEL).compile();
        ResourceUsage usage = a.resources().get("scan_grid_sync");
        Occupancy occupancy = Occupancy.of(usage.registers(), usage.sharedBytes(), 256);
        int blocks = occupancy.residentCtas() + 1;
        BatteryFailure f = failure(variant("big.cu", SHIPPED_LAUNCH.replace("min(264, ceil_div(n, 16384))",
                String.valueOf(blocks))).replaceAll("16 \\* 264 bytes", "16 * " + blocks + " bytes"));
        assertThat(f.kind()).isEqualTo(FailureKind.FAULT);
        assertThat(f.message()).contains("cooperative launch of scan_grid_sync with " + blocks + " blocks")
                .contains(occupancy.ctasPerSm() + " CTAs per SM x 132 SMs = " + occupancy.residentCtas())
                .contains("limited by " + occupancy.limit())
                .contains(usage.registers() + " registers per thread");
    }

    private String variant(String name, String launch) throws Exception {
        return Files.readString(KERNEL, StandardCharsets.UTF_8).replace(SHIPPED_LAUNCH, launch) + "//" + name;
    }

    private BatteryFailure failure(String text) throws Exception {
        Path file = dir.resolve("k.cu");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        BatteryReport report = battery(file, BatteryMatrix.of(4097));
        assertThat(report.failure()).isPresent();
        return report.failure().get();
    }

    private static BatteryReport battery(Path file, BatteryMatrix matrix) throws Exception {
        PreparedCandidate candidate = new CandidateLoader(TestCompilers.shared()).prepare(Candidate.read(file));
        return new CorrectnessBattery(candidate, harness, LaunchOptions.defaults().withChecks(Defaults.VERIFY_CHECKS))
                .run(matrix, SecretSeed.fresh(), line -> { });
    }
}
