package dev.scanbench.report.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scanbench.report.ScoredLog;
import dev.scanbench.report.entry.Basis;
import dev.scanbench.report.entry.ScoreEntries;
import dev.scanbench.report.entry.ScoreEntry;
import dev.scanbench.report.entry.Timing;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Comparisons of real scored entries, and the decision rule at its edges. */
class ComparerTest {
    private final List<ScoreEntry> entries = ScoreEntries.of(ScoredLog.entries());
    private final EntrySelector selector = new EntrySelector(entries);
    private final Comparer comparer = Comparer.defaults();

    private List<ScoreEntry> simulated(String kernel) {
        return entries.stream().filter(e -> e.basis() == Basis.SIMULATED && e.kernel().endsWith(kernel)).toList();
    }

    @Test
    void aThreeLaunchScanAgainstTheOneLaunchLookBackIsSlowerWithAnIntervalAndASmallPValue() {
        ScoreEntry lookback = simulated("04_lookback_single_thread.cu").get(0);
        ScoreEntry naive = simulated("01_naive_three_kernel.cu").get(0);

        Comparison c = comparer.compare(lookback, naive);

        assertThat(c.kind()).isEqualTo(Comparison.Kind.TIMED);
        assertThat(c.decision()).isEqualTo(Decision.SLOWER);
        assertThat(c.relativeShift()).isBetween(1.4, 1.6);
        assertThat(c.relativeLow()).isPositive().isLessThan(c.relativeShift());
        assertThat(c.pValue()).isLessThan(0.01);
        assertThat(comparer.compare(naive, lookback).decision()).isEqualTo(Decision.FASTER);
        assertThat(c.statement()).contains("SLOWER", "Mann-Whitney p", "noise threshold 0.50%");
    }

    @Test
    void twoRunsOfOneKernelAtTheSameSpeedAreTheSame() {
        List<ScoreEntry> runs = simulated("04_lookback_single_thread.cu").stream().filter(e -> !e.practice()).toList();

        Comparison c = comparer.compare(runs.get(0), runs.get(1));

        assertThat(c.decision()).as(c.statement()).isEqualTo(Decision.SAME);
        assertThat(c.threshold()).isEqualTo(Comparer.MIN_THRESHOLD);
        assertThat(Math.abs(c.relativeLow())).isLessThan(Comparer.MIN_THRESHOLD);
    }

    @Test
    void aTimeIsNeverComparedWithCountedWorkNorAcrossSizes() throws Exception {
        ScoreEntry emulator = selector.select("../kernels/04_lookback_single_thread.cu");
        assertThat(emulator.basis()).as("the kernel's best on its best basis").isEqualTo(Basis.SIMULATED);
        ScoreEntry counted = entries.stream().filter(e -> e.basis() == Basis.EMULATOR && e.ok()).findFirst()
                .orElseThrow();

        Comparison c = comparer.compare(emulator, counted);

        assertThat(c.kind()).isEqualTo(Comparison.Kind.REFUSED);
        assertThat(c.refusal()).contains("never compared with the emulator's counted work");
    }

    @Test
    void aFailedRunIsRefusedAndTwoEmulatorRunsAreComparedByWorkWithoutAVerdict() throws Exception {
        ScoreEntry failed = entries.stream().filter(e -> !e.ok()).findFirst().orElseThrow();
        ScoreEntry lookback = selector.select("label:agent A");

        assertThat(comparer.compare(lookback, failed).refusal()).contains("wrong_answer");

        List<ScoreEntry> counted = entries.stream().filter(e -> e.basis() == Basis.EMULATOR && e.ok()).toList();
        Comparison work = comparer.compare(counted.get(0), counted.get(1));
        assertThat(work.kind()).isEqualTo(Comparison.Kind.WORK);
        assertThat(work.decision()).isNull();
        assertThat(work.trafficRatio()).isCloseTo(
                counted.get(1).work().bytesPerElement() / counted.get(0).work().bytesPerElement(),
                org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void aGpuTimeIsNeverComparedWithASimulatedOneNorAcrossDevices() {
        ScoreEntry fake = simulated("01_naive_three_kernel.cu").get(0);
        ScoreEntry gpu = withBasis(fake, Basis.GPU, fake.deviceKey());
        ScoreEntry otherDevice = withBasis(fake, Basis.SIMULATED, "another device");

        assertThat(Comparer.refusal(fake, gpu)).contains("is simulated, not a GPU time");
        assertThat(Comparer.refusal(fake, otherDevice)).contains("different devices");
    }

    @Test
    void fewSamplesOrAnIntervalAcrossTheThresholdAreUncertain() {
        ScoreEntry fake = simulated("01_naive_three_kernel.cu").get(0);
        ScoreEntry one = withSamples(fake, 0.70);
        ScoreEntry other = withSamples(fake, 0.75);
        assertThat(comparer.compare(one, other).decision()).isEqualTo(Decision.UNCERTAIN);
        assertThat(comparer.compare(one, other).reason()).contains("too few samples");

        // Wide, overlapping samples 1% apart: the interval reaches past a 0.5% threshold on both sides.
        double[] a = IntStream.range(0, 12).mapToDouble(i -> 0.70 + 0.02 * Math.sin(i * 1.7)).toArray();
        double[] b = IntStream.range(0, 12).mapToDouble(i -> 0.707 + 0.02 * Math.sin(i * 2.3 + 1)).toArray();
        Comparison c = new Comparer(0.99, 0.005).compare(withSamples(fake, a), withSamples(fake, b));
        assertThat(c.decision()).as(c.statement()).isEqualTo(Decision.UNCERTAIN);
    }

    @Test
    void selectorsNameEntriesByNumberHashLabelAndKernel() throws Exception {
        ScoreEntry third = entries.get(3);

        assertThat(selector.select("#" + third.seq())).isEqualTo(third);
        assertThat(selector.select(third.hash().substring(0, 10))).isEqualTo(third);
        assertThat(selector.select("label:person B").label()).isEqualTo("person B");
        assertThat(selector.select("03_cub_blockscan_lookback.cu").kernel()).endsWith("03_cub_blockscan_lookback.cu");
        assertThatThrownBy(() -> selector.select("label:nobody")).isInstanceOf(SelectionException.class)
                .hasMessageContaining("no entry has label 'nobody'");
        assertThatThrownBy(() -> selector.select("999")).hasMessageContaining("no scoring entry #999");
    }

    private static ScoreEntry withBasis(ScoreEntry e, Basis basis, String deviceKey) {
        return new ScoreEntry(e.seq() + 100, e.hash(), e.time(), e.kernel(), e.label(), e.note(), e.status(), basis,
                e.device(), deviceKey, e.n(), e.practice(), e.timing(), e.score(), e.normalised(),
                e.speedupVsBestHuman(), e.speedupVsBestAgent(), e.work(), e.sourceSha256());
    }

    private static ScoreEntry withSamples(ScoreEntry e, double... samples) {
        Timing t = e.timing();
        double median = java.util.Arrays.stream(samples).sorted().toArray()[samples.length / 2];
        Timing timing = new Timing(t.basis(), median, null, null, samples, samples,
                java.util.Collections.nCopies(samples.length, Set.of()), t.protocol(), t.mode(), samples.length);
        return new ScoreEntry(e.seq(), e.hash(), e.time(), e.kernel(), e.label(), e.note(), e.status(), e.basis(),
                e.device(), e.deviceKey(), e.n(), e.practice(), timing, e.score(), e.normalised(),
                e.speedupVsBestHuman(), e.speedupVsBestAgent(), e.work(), e.sourceSha256());
    }
}
