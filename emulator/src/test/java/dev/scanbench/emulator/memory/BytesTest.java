package dev.scanbench.emulator.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BytesTest {
    @Test
    void undefinedBitsMarkEveryUnwrittenByteOfAValueInItsPlaceAcrossWordEdges() {
        SplittableRandom random = new SplittableRandom(7);
        long[] shadow = new long[4];
        for (int round = 0; round < 2_000; round++) {
            for (int i = 0; i < shadow.length; i++) {
                // mostly written bitmaps, with holes, as memory is
                shadow[i] = random.nextInt(4) == 0 ? random.nextLong() : -1L ^ (1L << random.nextInt(64));
            }
            for (int size : new int[] {1, 2, 4, 8}) {
                int off = random.nextInt(shadow.length * 64 - size + 1);
                long expected = 0;
                for (int i = 0; i < size; i++) {
                    if (!Bytes.isWritten(shadow, off + i)) {
                        expected |= 0xFFL << (8 * i);
                    }
                }
                assertThat(Bytes.undefinedBits(shadow, off, size)).as("size %d at byte %d", size, off)
                        .isEqualTo(expected);
            }
        }
    }

    @Test
    void aValueThatEndsOnTheBitmapsLastByteReadsNoFurther() {
        long[] shadow = {-1L, -1L >>> 1};
        assertThat(Bytes.undefinedBits(shadow, 120, 8)).isEqualTo(0xFFL << 56);
        assertThat(Bytes.undefinedBits(shadow, 60, 4)).isZero();
    }

    @Test
    void lanesWrittenAsksWhetherEveryByteOfEveryLaneIsMarked() {
        SplittableRandom random = new SplittableRandom(11);
        for (int round = 0; round < 2_000; round++) {
            int total = new int[] {1, 2, 4, 8, 16, 32, 64, 128}[random.nextInt(8)];
            int stride = total * (1 + random.nextInt(4)) * (random.nextBoolean() ? 1 : -1);
            long[] shadow = new long[(32 * Math.abs(stride) + 2 * total) / 64 + 4];
            long off = stride > 0 ? total * random.nextInt(4) : 31L * -stride;
            for (int l = 0; l < 32; l++) {
                Bytes.markWritten(shadow, off + (long) l * stride, total);
            }
            boolean hole = random.nextBoolean();
            if (hole) {
                // one byte of one lane's element not written; bytes between the elements never matter
                Bytes.markUndefined(shadow, off + (long) random.nextInt(32) * stride + random.nextInt(total), 1);
            } else if (Math.abs(stride) > total) {
                Bytes.markUndefined(shadow, off + (stride > 0 ? total : -stride + total), 1);
            }
            assertThat(Bytes.lanesWritten(shadow, off, total, stride)).as("total %d, stride %d, hole %s", total,
                    stride, hole).isEqualTo(!hole);
        }
    }

    @Test
    void markLanesMarksWhatMarkingEachLaneWouldAndNothingElse() {
        SplittableRandom random = new SplittableRandom(13);
        for (int round = 0; round < 5_000; round++) {
            int total = new int[] {1, 2, 4, 8, 16, 32, 64}[random.nextInt(7)];
            // powers of two up to a word (one pattern per word), and other multiples of the size, either way
            int stride = random.nextBoolean() ? Math.max(total, 1 << random.nextInt(7))
                    : total * (1 + random.nextInt(5));
            if (random.nextInt(4) == 0) {
                stride = -stride;
            }
            long off = total * (long) random.nextInt(8) + (stride < 0 ? 31L * -stride : 0);
            int words = (int) ((off + 32L * Math.abs(stride) + total) / 64) + 2;
            long[] seed = random.longs(words).map(v -> random.nextInt(3) == 0 ? v : 0).toArray();
            long[] got = seed.clone();
            long[] want = seed.clone();
            Bytes.markLanes(got, off, total, stride);
            for (int l = 0; l < 32; l++) {
                Bytes.markWritten(want, off + (long) l * stride, total);
            }
            assertThat(got).as("total %d, stride %d, at %d", total, stride, off).containsExactly(want);
        }
    }
}
