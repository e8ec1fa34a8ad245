package dev.scanbench.emulator.memory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Little-endian scalar access to byte arrays, and the one-bit-per-byte "written" shadow used by initcheck. */
public final class Bytes {
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);

    private Bytes() {
    }

    /** Reads {@code size} (1, 2, 4, 8) bytes at {@code off}, zero-extended. */
    public static long get(byte[] a, int off, int size) {
        return switch (size) {
            case 4 -> (int) INT.get(a, off) & 0xFFFFFFFFL;
            case 8 -> (long) LONG.get(a, off);
            case 1 -> a[off] & 0xFFL;
            default -> (short) SHORT.get(a, off) & 0xFFFFL;
        };
    }

    /** Writes the low {@code size} bytes of {@code v} at {@code off}. */
    public static void put(byte[] a, int off, int size, long v) {
        switch (size) {
            case 4 -> INT.set(a, off, (int) v);
            case 8 -> LONG.set(a, off, v);
            case 1 -> a[off] = (byte) v;
            default -> SHORT.set(a, off, (short) v);
        }
    }

    /**
     * Reads 32 values of {@code size} bytes, {@code stride} bytes apart from {@code off}, into the lanes of register
     * {@code d} of {@code r}: zero- or ({@code signed}) sign-extended, then masked to {@code regMask}. A warp's load
     * of consecutive elements, in one loop per size.
     */
    public static void getLanes(byte[] a, int off, int size, int stride, long[] r, int d, boolean signed,
                                long regMask) {
        switch (size) {
            case 4 -> {
                if (signed) {
                    for (int l = 0; l < 32; l++) {
                        r[d + l] = (long) (int) INT.get(a, off + l * stride) & regMask;
                    }
                } else {
                    for (int l = 0; l < 32; l++) {
                        r[d + l] = (int) INT.get(a, off + l * stride) & 0xFFFFFFFFL & regMask;
                    }
                }
            }
            case 8 -> {
                for (int l = 0; l < 32; l++) {
                    r[d + l] = (long) LONG.get(a, off + l * stride) & regMask;
                }
            }
            default -> {
                for (int l = 0; l < 32; l++) {
                    long v = get(a, off + l * stride, size);
                    if (signed) {
                        v = size == 1 ? (byte) v : (short) v;
                    }
                    r[d + l] = v & regMask;
                }
            }
        }
    }

    /**
     * Writes the low {@code size} bytes of the 32 lanes of register {@code s} of {@code r} (or of {@code imm} when
     * {@code s < 0}), {@code stride} bytes apart from {@code off}; returns true if any byte changed. A warp's store of
     * consecutive elements, in one loop per size.
     */
    public static boolean putLanes(byte[] a, int off, int size, int stride, long[] r, int s, long imm) {
        long changed = 0;
        switch (size) {
            case 4 -> {
                for (int l = 0; l < 32; l++) {
                    int o = off + l * stride;
                    int v = (int) (s >= 0 ? r[s + l] : imm);
                    changed |= (int) INT.get(a, o) ^ v;
                    INT.set(a, o, v);
                }
            }
            case 8 -> {
                for (int l = 0; l < 32; l++) {
                    int o = off + l * stride;
                    long v = s >= 0 ? r[s + l] : imm;
                    changed |= (long) LONG.get(a, o) ^ v;
                    LONG.set(a, o, v);
                }
            }
            default -> {
                long m = size == 1 ? 0xFFL : 0xFFFFL;
                for (int l = 0; l < 32; l++) {
                    int o = off + l * stride;
                    long v = s >= 0 ? r[s + l] : imm;
                    changed |= get(a, o, size) ^ (v & m);
                    put(a, o, size, v);
                }
            }
        }
        return changed != 0;
    }

    /** Marks bytes [off, off+size) as written in a shadow bitmap. */
    public static void markWritten(long[] shadow, long off, long size) {
        long end = off + size;
        while (off < end) {
            int word = (int) (off >>> 6);
            int bit = (int) (off & 63);
            int n = (int) Math.min(64 - bit, end - off);
            shadow[word] |= (n == 64 ? -1L : ((1L << n) - 1)) << bit;
            off += n;
        }
    }

    /**
     * Marks, for each of a warp's 32 lanes, {@code total} bytes at {@code off + lane x stride}: the stores of an evenly
     * spaced run. Each lane's bytes are aligned to {@code total}, a power of two no larger than 64, so they lie in
     * one word of the bitmap: one OR per lane instead of {@link #markWritten}'s loop.
     */
    public static void markLanes(long[] shadow, long off, int total, int stride) {
        long bits = total == 64 ? -1L : (1L << total) - 1;
        if (stride >= total && stride <= 64 && (stride & (stride - 1)) == 0) {
            // a power-of-two spacing within a word (x[8 * i + k]): every word the run spans gets the same pattern of
            // lanes, cut at the run's first and last byte, so one OR per word instead of one per lane
            long pattern = 0;
            for (int b = (int) (off & (stride - 1)); b < 64; b += stride) {
                pattern |= bits << b;
            }
            long end = off + 31L * stride + total; // exclusive
            int first = (int) (off >>> 6);
            int last = (int) ((end - 1) >>> 6);
            long head = -1L << (off & 63);
            long tail = (end & 63) == 0 ? -1L : (1L << (end & 63)) - 1;
            if (first == last) {
                shadow[first] |= pattern & head & tail;
                return;
            }
            shadow[first] |= pattern & head;
            for (int w = first + 1; w < last; w++) {
                shadow[w] |= pattern;
            }
            shadow[last] |= pattern & tail;
            return;
        }
        for (int l = 0; l < 32; l++) {
            long o = off + (long) l * stride;
            shadow[(int) (o >>> 6)] |= bits << (o & 63);
        }
    }

    /**
     * True if, for each of a warp's 32 lanes, the {@code total} bytes at {@code off + lane x stride} are all marked:
     * {@link #markLanes}'s question asked back, with the same alignment, so each lane's bytes lie in one word.
     */
    public static boolean lanesWritten(long[] shadow, long off, int total, int stride) {
        if (total > 64) {
            for (int l = 0; l < 32; l++) {
                if (firstUnwritten(shadow, off + (long) l * stride, total) >= 0) {
                    return false;
                }
            }
            return true;
        }
        long bits = total == 64 ? -1L : (1L << total) - 1;
        long missing = 0;
        for (int l = 0; l < 32; l++) {
            long o = off + (long) l * stride;
            missing |= ~(shadow[(int) (o >>> 6)] >>> (o & 63)) & bits;
        }
        return missing == 0;
    }

    /** Clears bytes [off, off+size) in a shadow bitmap: they hold an undefined value again. */
    public static void markUndefined(long[] shadow, long off, long size) {
        long end = off + size;
        while (off < end) {
            int word = (int) (off >>> 6);
            int bit = (int) (off & 63);
            int n = (int) Math.min(64 - bit, end - off);
            shadow[word] &= ~((n == 64 ? -1L : ((1L << n) - 1)) << bit);
            off += n;
        }
    }

    /** True if byte {@code off} is marked in a shadow bitmap. */
    public static boolean isWritten(long[] shadow, long off) {
        return (shadow[(int) (off >>> 6)] & (1L << (off & 63))) != 0;
    }

    /**
     * The undefined bits of {@code size} bytes at {@code off} as a register shadow: 0xFF for every byte whose
     * shadow bit is clear, in the byte's position (little-endian), so that a partly written word is partly
     * undefined.
     */
    public static long undefinedBits(long[] shadow, int off, int size) {
        // one or two bitmap words hold the size (at most 8) bits; a fully written value, nearly every load, costs a
        // shift and a mask
        int word = off >>> 6;
        int bit = off & 63;
        long bits = shadow[word] >>> bit;
        if (bit + size > 64) {
            bits |= shadow[word + 1] << (64 - bit);
        }
        long missing = ~bits & ((1L << size) - 1);
        long u = 0;
        for (long m = missing; m != 0; m &= m - 1) {
            u |= 0xFFL << (8 * Long.numberOfTrailingZeros(m));
        }
        return u;
    }

    /** Copies the shadow bits of {@code size} bytes from one bitmap to another. */
    public static void copyShadow(long[] from, long fromOff, long[] to, long toOff, long size) {
        for (long i = 0; i < size; i++) {
            if (isWritten(from, fromOff + i)) {
                markWritten(to, toOff + i, 1);
            } else {
                markUndefined(to, toOff + i, 1);
            }
        }
    }

    /** Offset of the first never-written byte in [off, off+size), or -1 if all were written. */
    public static long firstUnwritten(long[] shadow, long off, long size) {
        long end = off + size;
        long i = off;
        while (i < end) {
            if ((i & 63) == 0 && i + 64 <= end && shadow[(int) (i >>> 6)] == -1L) {
                i += 64; // a whole word written: the usual case for a large output
                continue;
            }
            if ((shadow[(int) (i >>> 6)] & (1L << (i & 63))) == 0) {
                return i;
            }
            i++;
        }
        return -1;
    }
}
