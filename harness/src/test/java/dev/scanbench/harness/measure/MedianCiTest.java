package dev.scanbench.harness.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MedianCiTest {

    /** 1, 2, ..., n: the k-th order statistic is k, so the interval's ends are its ranks. */
    private static double[] ranks(int n) {
        return IntStream.rangeClosed(1, n).asDoubleStream().toArray();
    }

    @Test
    void tenSamplesGiveMinToMaxAt99PercentWithCoverage1Minus2Over1024() {
        // P(B <= 0) = 1/1024 <= 0.005 < P(B <= 1) = 11/1024, so l = 1, u = 10.
        MedianCi ci = MedianCi.of(ranks(10), 0.99);
        assertThat(ci.lowRank()).isEqualTo(1);
        assertThat(ci.highRank()).isEqualTo(10);
        assertThat(ci.low()).isEqualTo(1);
        assertThat(ci.high()).isEqualTo(10);
        assertThat(ci.coverage()).isCloseTo(1 - 2.0 / 1024, within(1e-12));
        assertThat(ci.median()).isEqualTo(5.5);
    }

    @Test
    void twentySamplesGiveRanks4And17() {
        // P(B <= 3) = (1 + 20 + 190 + 1140) / 2^20 = 1351 / 2^20 = 0.00129; P(B <= 4) adds 4845: 0.00591 > 0.005.
        MedianCi ci = MedianCi.of(ranks(20), 0.99);
        assertThat(ci.lowRank()).isEqualTo(4);
        assertThat(ci.highRank()).isEqualTo(17);
        assertThat(ci.coverage()).isCloseTo(1 - 2 * 1351.0 / (1 << 20), within(1e-12));
        assertThat(ci.halfWidth()).isEqualTo(6.5);
        assertThat(ci.relativeHalfWidth()).isCloseTo(6.5 / 10.5, within(1e-12));
    }

    @Test
    void matchesTheTabulatedRanksForHundredSamplesAndTenAt95Percent() {
        // Conover's table: n = 100 at 99% -> ranks 37 and 64; n = 10 at 95% -> ranks 2 and 9.
        MedianCi hundred = MedianCi.of(ranks(100), 0.99);
        assertThat(hundred.lowRank()).isEqualTo(37);
        assertThat(hundred.highRank()).isEqualTo(64);
        MedianCi ten = MedianCi.of(ranks(10), 0.95);
        assertThat(ten.lowRank()).isEqualTo(2);
        assertThat(ten.highRank()).isEqualTo(9);
    }

    @Test
    void agreesWithExactBinomialSumsForEverySizeUpTo300() {
        for (int n = 1; n <= 300; n++) {
            MedianCi ci = MedianCi.of(ranks(n), 0.99);
            int expectedLow = exactLowRank(n, 0.005);
            assertThat(ci.lowRank()).as("low rank for n = %d", n).isEqualTo(expectedLow);
            assertThat(ci.highRank()).as("high rank for n = %d", n).isEqualTo(n + 1 - expectedLow);
            assertThat(ci.low()).isLessThanOrEqualTo(ci.median());
            assertThat(ci.high()).isGreaterThanOrEqualTo(ci.median());
        }
    }

    @Test
    void belowEightSamplesNoIntervalReaches99PercentSoMinToMaxIsGivenWithItsTrueCoverage() {
        MedianCi seven = MedianCi.of(ranks(7), 0.99);
        assertThat(seven.lowRank()).isEqualTo(1);
        assertThat(seven.highRank()).isEqualTo(7);
        assertThat(seven.coverage()).isCloseTo(1 - 2.0 / 128, within(1e-12)).isLessThan(0.99);
        assertThat(MedianCi.of(ranks(8), 0.99).coverage()).isCloseTo(1 - 2.0 / 256, within(1e-12));
        MedianCi one = MedianCi.of(new double[] {0.5}, 0.99);
        assertThat(one.low()).isEqualTo(0.5);
        assertThat(one.high()).isEqualTo(0.5);
        assertThat(one.coverage()).isZero();
        assertThat(one.relativeHalfWidth()).isZero();
    }

    @Test
    void rejectsNoSamplesAndAConfidenceOutsideTheUnitInterval() {
        assertThatThrownBy(() -> MedianCi.of(new double[0], 0.99)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MedianCi.of(ranks(10), 1.0)).hasMessageContaining("(0, 1)");
    }

    /** The largest l with sum_{k < l} C(n, k) <= tail * 2^n, at least 1, by exact integer arithmetic. */
    private static int exactLowRank(int n, double tail) {
        BigInteger total = BigInteger.ONE.shiftLeft(n);
        BigInteger cumulative = BigInteger.ZERO;
        BigInteger choose = BigInteger.ONE;
        int l = 0;
        for (int k = 0; k <= n; k++) {
            cumulative = cumulative.add(choose);
            if (cumulative.doubleValue() / total.doubleValue() > tail) {
                break;
            }
            l = k + 1;
            choose = choose.multiply(BigInteger.valueOf(n - k)).divide(BigInteger.valueOf(k + 1));
        }
        return Math.max(1, l);
    }
}
