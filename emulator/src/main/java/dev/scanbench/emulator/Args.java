package dev.scanbench.emulator;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Helpers for kernel arguments. */
public final class Args {
    private Args() {
    }

    /**
     * Lays out a by-value struct argument with C rules (each field at its natural alignment, the size padded
     * to the largest alignment). Fields: {@link DevicePointer}, Long, Integer, Short, Byte, Float, Double.
     */
    public static byte[] struct(Object... fields) {
        int off = 0;
        int maxAlign = 1;
        for (Object f : fields) {
            int s = sizeOf(f);
            off = (off + s - 1) / s * s + s;
            maxAlign = Math.max(maxAlign, s);
        }
        int size = (off + maxAlign - 1) / maxAlign * maxAlign;
        ByteBuffer bb = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        off = 0;
        for (Object f : fields) {
            int s = sizeOf(f);
            off = (off + s - 1) / s * s;
            put(bb, off, f);
            off += s;
        }
        return bb.array();
    }

    static int sizeOf(Object f) {
        if (f instanceof DevicePointer || f instanceof Long || f instanceof Double) {
            return 8;
        }
        if (f instanceof Integer || f instanceof Float) {
            return 4;
        }
        if (f instanceof Short) {
            return 2;
        }
        if (f instanceof Byte) {
            return 1;
        }
        if (f instanceof byte[] b) {
            return b.length;
        }
        throw new IllegalArgumentException("unsupported argument type " + (f == null ? "null" : f.getClass()));
    }

    static void put(ByteBuffer bb, int off, Object f) {
        if (f instanceof DevicePointer p) {
            bb.putLong(off, p.address());
        } else if (f instanceof Long v) {
            bb.putLong(off, v);
        } else if (f instanceof Double v) {
            bb.putDouble(off, v);
        } else if (f instanceof Integer v) {
            bb.putInt(off, v);
        } else if (f instanceof Float v) {
            bb.putFloat(off, v);
        } else if (f instanceof Short v) {
            bb.putShort(off, v);
        } else if (f instanceof Byte v) {
            bb.put(off, v);
        } else if (f instanceof byte[] b) {
            bb.put(off, b);
        }
    }
}
