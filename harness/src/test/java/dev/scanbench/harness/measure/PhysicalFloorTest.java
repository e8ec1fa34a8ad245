package dev.scanbench.harness.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.scanbench.harness.Defaults;
import org.junit.jupiter.api.Test;

class PhysicalFloorTest {
    private static final long N = 100_000_000;

    @Test
    void aCopyMeasurementCountsEachByteReadAndWritten() {
        // 400 MB copied in 0.27586 ms: 800 MB of traffic, 2.9 TB/s.
        CopyBandwidth bw = CopyBandwidth.fromCopy(400_000_000, 0.8 / 2.9);
        assertThat(bw.terabytesPerSecond()).isCloseTo(2.9, within(1e-9));
        assertThat(bw).hasToString("2.90 TB/s");
        assertThatThrownBy(() -> CopyBandwidth.fromCopy(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CopyBandwidth.fromCopy(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void thePublishedBandwidthsGiveTheFloorsOfFiguresMd() {
        assertThat(PublishedBandwidth.H100_SXM_DATASHEET.floorMs(N)).isCloseTo(0.239, within(0.0005));
        assertThat(PublishedBandwidth.H100_SXM_STREAM_COPY_HIGH.floorMs(N)).isCloseTo(0.267, within(0.0005));
        assertThat(PublishedBandwidth.H100_SXM_STREAM_COPY_LOW.floorMs(N)).isCloseTo(0.276, within(0.0005));
        assertThat(PublishedBandwidth.CUB_SCAN_H100.floorMs(N)).isCloseTo(0.307, within(0.0005));
        assertThat(PublishedBandwidth.H100_PCIE_DATASHEET.floorMs(N)).isCloseTo(0.40, within(0.0005));
    }

    @Test
    void theFloorIsTheTrafficTwoL2FullsCannotHideOverTheAllowedBandwidth() {
        PhysicalFloor floor = new PhysicalFloor(new CopyBandwidth(2.0e12), 50_000_000, 1.0);
        assertThat(PhysicalFloor.minimumTrafficBytes(N)).isEqualTo(800_000_000L);
        assertThat(floor.dramTrafficBytes(N)).isEqualTo(700_000_000L);
        assertThat(floor.floorMs(N)).isCloseTo(0.35, within(1e-12));
        assertThat(floor.impossible(N, 0.349)).isTrue();
        assertThat(floor.impossible(N, 0.35)).isFalse();
        // A working set that fits in the L2 has no DRAM floor at all.
        assertThat(floor.dramTrafficBytes(1 << 20)).isZero();
        assertThat(floor.impossible(1 << 20, 0.0)).isFalse();
    }

    @Test
    void atSmallNTheFloorIsTheHarnesssOwnCopyOfNOverItsSlack() {
        // n = 1024: everything fits in the L2, so bandwidth alone bounds nothing; a copy of n took 0.0030 ms.
        PhysicalFloor floor = PhysicalFloor.of(new CopyBandwidth(3.0e12), Defaults.H100_L2_BYTES).withCopyOfN(0.0030);
        assertThat(floor.trafficFloorMs(1024)).isZero();
        assertThat(floor.floorMs(1024)).isCloseTo(0.0030 / Defaults.FLOOR_LATENCY_SLACK, within(1e-12));
        assertThat(floor.impossible(1024, 0.0001)).as("a gamed time").isTrue();
        assertThat(floor.impossible(1024, 0.0025)).as("an honest kernel a sixth faster than the copy").isFalse();
        assertThat(floor.describe(1024)).contains("own copy of n elements took 0.0030 ms");
        // At the task's n the bandwidth bound is the larger, as before.
        PhysicalFloor large = PhysicalFloor.of(new CopyBandwidth(3.0e12), Defaults.H100_L2_BYTES).withCopyOfN(0.27);
        assertThat(large.floorMs(N)).isEqualTo(large.trafficFloorMs(N));
        assertThatThrownBy(() -> floor.withCopyOfN(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theDefaultSlackLetsAKernelBeatTheHarnessCopyBy15PercentButNoMore() {
        PhysicalFloor floor = PhysicalFloor.of(new CopyBandwidth(2.6e12), Defaults.H100_L2_BYTES);
        // A kernel at the best measured stream-copy speed passes even when the harness's copy measured slow...
        assertThat(floor.impossible(N, PublishedBandwidth.H100_SXM_STREAM_COPY_HIGH.floorMs(N))).isFalse();
        // ...while a time a third of the way below the floor does not.
        assertThat(floor.impossible(N, floor.floorMs(N) * 0.66)).isTrue();
        assertThat(floor.describe(N)).contains("2.60 TB/s").contains("1.15 slack");
    }

    @Test
    void rejectsNonsenseParameters() {
        CopyBandwidth bw = new CopyBandwidth(1e12);
        assertThatThrownBy(() -> new PhysicalFloor(bw, -1, 1.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PhysicalFloor(bw, 0, 0.9)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CopyBandwidth(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PhysicalFloor.minimumTrafficBytes(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
