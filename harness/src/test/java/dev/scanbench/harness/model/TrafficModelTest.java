package dev.scanbench.harness.model;

import dev.scanbench.harness.measure.PublishedBandwidth;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrafficModelTest {

    @Test
    void reproducesTheFloorTableOfFigures() {
        // FIGURES.md: 0.8 GB at n = 10^8 -> 0.239, 0.267 (3.0 TB/s), 0.276 (2.9 TB/s), 0.307, 0.40 ms.
        double[] floors = {0.239, 0.267, 0.276, 0.307, 0.400};
        List<TrafficEstimate> e = TrafficModel.fromRun(8L * 1000, 1000, TrafficModel.SCORING_N);
        assertThat(e).hasSize(5);
        for (int i = 0; i < floors.length; i++) {
            assertThat(e.get(i).modelMillis()).as(e.get(i).bandwidth().name()).isCloseTo(floors[i], within(0.0005));
        }
    }

    @Test
    void scalesWithTrafficAndNamesItselfAModel() {
        TrafficEstimate twoPass = TrafficModel.estimate(12.0, TrafficModel.SCORING_N, PublishedBandwidth.H100_SXM_STREAM_COPY_LOW);
        assertThat(twoPass.modelMillis()).isCloseTo(0.4138, within(0.0001)); // FIGURES: ~0.41 ms for 1.2 GB
        assertThat(twoPass.describe()).startsWith("model H100 estimate (not a time): 0.414 ms at 2.90 TB/s")
                .contains("12.000 B/element x 100000000 elements");
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> TrafficModel.estimate(Double.NaN, 10, PublishedBandwidth.H100_SXM_DATASHEET))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TrafficModel.fromRun(10, 0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TrafficModel.estimate(8, 0, PublishedBandwidth.H100_SXM_DATASHEET))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
