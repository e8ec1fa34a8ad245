package dev.scanbench.harness.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ScoreMathTest {

    /** The normalisation table of FIGURES.md, to two decimals. */
    @ParameterizedTest
    @CsvSource({"1.6, 1.00", "0.667, 1.80", "0.64, 1.84", "0.40, 2.27", "0.307, 2.51", "0.276, 2.61", "0.239, 2.74"})
    void normalisedMatchesThePublishedTable(double ms, double expected) {
        assertThat(Math.round(ScoreMath.normalised(ms) * 100) / 100.0).isEqualTo(expected);
    }

    @Test
    void startingSolutionNormalisesToZero() {
        assertThat(ScoreMath.normalised(PublishedTimes.START_MS)).isCloseTo(0.0, within(1e-12));
    }

    @Test
    void scoreIsTheNaturalLogOfMilliseconds() {
        assertThat(ScoreMath.score(PublishedTimes.START_MS)).isCloseTo(1.56, within(0.005));
        assertThat(ScoreMath.score(PublishedTimes.REFERENCE_MS)).isCloseTo(0.47, within(0.005));
        assertThat(ScoreMath.score(PublishedTimes.BEST_HUMAN_MS)).isCloseTo(-0.405, within(0.0005));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY})
    void rejectsTimesThatAreNotFinitePositive(double ms) {
        assertThatThrownBy(() -> ScoreMath.score(ms)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(String.valueOf(ms));
        assertThatThrownBy(() -> ScoreMath.normalised(ms)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ScoreMath.standing(ms)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void standingOfAFasterTimeSaysHowMuchFaster() {
        Standing standing = ScoreMath.standing(0.4388);
        assertThat(standing.speedupVsBestHuman()).isCloseTo(1.52, within(0.001));
        assertThat(standing.versusBestHuman()).isEqualTo("1.52x faster than the best human (0.667 ms)");
        assertThat(standing.versusBestAgent()).isEqualTo("1.46x faster than the best agent (0.64 ms)");
    }

    @Test
    void standingOfASlowerTimeSaysHowMuchSlower() {
        Standing standing = ScoreMath.standing(1.6);
        assertThat(standing.speedupVsBestAgent()).isCloseTo(0.4, within(1e-12));
        assertThat(standing.versusBestAgent()).isEqualTo("2.50x slower than the best agent (0.64 ms)");
        assertThat(standing.summary()).isEqualTo(
                "2.40x slower than the best human (0.667 ms), 2.50x slower than the best agent (0.64 ms)");
    }

    @Test
    void standingOfTheSameTimeIsOnPar() {
        assertThat(ScoreMath.standing(0.64).versusBestAgent()).isEqualTo("on par with the best agent (0.64 ms)");
    }
}
