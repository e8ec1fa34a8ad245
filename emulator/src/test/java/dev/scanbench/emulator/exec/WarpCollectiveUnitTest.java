package dev.scanbench.emulator.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The full-warp shuffle's straight loops against the per-lane source-lane rule they replace. */
class WarpCollectiveUnitTest {
    @Test
    void theFullWarpShuffleReadsWhatTheSourceLaneRuleNamesForEveryModeLaneOperandAndClamp() {
        Random rnd = new Random(7);
        long[] src = new long[32];
        for (int l = 0; l < 32; l++) {
            src[l] = rnd.nextLong(); // high bits set: the result keeps only the low 32
        }
        int d = 64; // a destination register other than the first, in a file of three
        int handled = 0;
        for (int sub = 0; sub < 4; sub++) {
            for (int b = 0; b < 32; b++) {
                for (int max = 0; max < 32; max++) {
                    long[] r = new long[96];
                    java.util.Arrays.fill(r, 0x5555L);
                    long valid = WarpCollectiveUnit.fullWarpShuffle(r, d, sub, b, max, src);
                    if (valid == WarpCollectiveUnit.NOT_HANDLED) {
                        assertThat(sub).as("only a bfly that leaves the clamp is left to the per-lane loop").isEqualTo(2);
                        assertThat(max).isLessThan(31);
                        assertThat(r).as("nothing written").containsOnly(0x5555L);
                        continue;
                    }
                    handled++;
                    long expectValid = 0;
                    for (int l = 0; l < 32; l++) {
                        int j = WarpCollectiveUnit.sourceLane(sub, l, b, max);
                        if (j >= 0) {
                            expectValid |= 1L << l;
                        }
                        assertThat(r[d + l]).as("mode %d, b %d, clamp %d, lane %d", sub, b, max, l)
                                .isEqualTo(src[j >= 0 ? j : l] & 0xFFFFFFFFL);
                    }
                    assertThat(valid).as("predicate of mode %d, b %d, clamp %d", sub, b, max).isEqualTo(expectValid);
                    for (int i = 0; i < 96; i++) {
                        if (i < d || i >= d + 32) {
                            assertThat(r[i]).as("other registers untouched").isEqualTo(0x5555L);
                        }
                    }
                }
            }
        }
        assertThat(handled).isEqualTo(3 * 32 * 32 + 32);
    }
}
