package dev.scanbench.emulator.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The branch-free 32-bit setp against the comparison rule written out per lane. */
class IntegerUnitTest {
    /** eq, ne, lt, le, gt, ge, lo, ls, hi, hs, as the decoder numbers them. */
    private static final String[] NAMES = {"eq", "ne", "lt", "le", "gt", "ge", "lo", "ls", "hi", "hs"};

    private static final long[] EDGES = {0, 1, -1, 0x7FFFFFFFL, 0x80000000L, 0xFFFFFFFFL, 0x80000001L, 0x7FFFFFFEL,
            2, 0xFFFFFFFEL, 0x1_0000_0000L, 0xFFFF_FFFF_8000_0000L, 0x1234_5678_9ABC_DEF0L, Long.MIN_VALUE};

    @Test
    void everyComparisonOfThirtyTwoBitValuesHoldsInTheLanesWhereThePerLaneRuleSaysIt() {
        Random rnd = new Random(11);
        int ra = 32;
        int rb = 64;
        long[] r = new long[96];
        int checked = 0;
        for (int round = 0; round < 200; round++) {
            for (int l = 0; l < 32; l++) {
                // edge values (with high bits that a 32-bit comparison must ignore) and random ones
                r[ra + l] = rnd.nextInt(3) == 0 ? rnd.nextLong() : EDGES[rnd.nextInt(EDGES.length)];
                r[rb + l] = rnd.nextInt(4) == 0 ? r[ra + l] : rnd.nextInt(3) == 0 ? rnd.nextLong()
                        : EDGES[rnd.nextInt(EDGES.length)];
            }
            long imm = EDGES[round % EDGES.length];
            for (int cmp = 0; cmp < NAMES.length; cmp++) {
                for (boolean signedType : new boolean[] {false, true}) {
                    boolean signedOrder = signedType && cmp < 6;
                    int truth = IntegerUnit.CMP_TRUTH[cmp];
                    int withRegister = IntegerUnit.compare32(r, ra, rb, 0, truth, signedOrder);
                    int withImmediate = IntegerUnit.compare32(r, ra, -1, imm, truth, signedOrder);
                    for (int l = 0; l < 32; l++) {
                        assertThat((withRegister >>> l & 1) != 0)
                                .as("setp.%s.%s32 lane %d: %x vs %x", NAMES[cmp], signedType ? "s" : "u", l,
                                        r[ra + l], r[rb + l])
                                .isEqualTo(holds(cmp, r[ra + l], r[rb + l], signedType));
                        assertThat((withImmediate >>> l & 1) != 0)
                                .as("setp.%s.%s32 lane %d: %x vs immediate %x", NAMES[cmp], signedType ? "s" : "u",
                                        l, r[ra + l], imm)
                                .isEqualTo(holds(cmp, r[ra + l], imm, signedType));
                        checked++;
                    }
                }
            }
        }
        assertThat(checked).isEqualTo(200 * NAMES.length * 2 * 32);
    }

    /** PTX's rule: lt..ge compare signed types as signed, lo..hs and every unsigned type compare unsigned. */
    private static boolean holds(int cmp, long a, long b, boolean signedType) {
        int x = (int) a;
        int y = (int) b;
        int c = signedType && cmp < 6 ? Integer.compare(x, y) : Integer.compareUnsigned(x, y);
        return switch (NAMES[cmp]) {
            case "eq" -> c == 0;
            case "ne" -> c != 0;
            case "lt", "lo" -> c < 0;
            case "le", "ls" -> c <= 0;
            case "gt", "hi" -> c > 0;
            default -> c >= 0;
        };
    }
}
