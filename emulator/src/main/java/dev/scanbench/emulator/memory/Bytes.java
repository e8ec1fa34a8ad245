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

    /** Offset of the first never-written byte in [off, off+size), or -1 if all were written. */
    public static long firstUnwritten(long[] shadow, long off, long size) {
        for (long i = off; i < off + size; i++) {
            if ((shadow[(int) (i >>> 6)] & (1L << (i & 63))) == 0) {
                return i;
            }
        }
        return -1;
    }
}
