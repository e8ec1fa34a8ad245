package dev.scanbench.harness.ptx;

import java.util.Locale;
import java.util.Optional;

/** The fundamental PTX types a kernel parameter can have, with their size and interpretation. */
public enum PtxType {
    B8(1, Kind.BITS), B16(2, Kind.BITS), B32(4, Kind.BITS), B64(8, Kind.BITS),
    U8(1, Kind.UNSIGNED), U16(2, Kind.UNSIGNED), U32(4, Kind.UNSIGNED), U64(8, Kind.UNSIGNED),
    S8(1, Kind.SIGNED), S16(2, Kind.SIGNED), S32(4, Kind.SIGNED), S64(8, Kind.SIGNED),
    F16(2, Kind.FLOAT), BF16(2, Kind.FLOAT), F32(4, Kind.FLOAT), F64(8, Kind.FLOAT);

    /** How the bits of a value are read. */
    public enum Kind { BITS, UNSIGNED, SIGNED, FLOAT }

    private final int size;
    private final Kind kind;

    PtxType(int size, Kind kind) {
        this.size = size;
        this.kind = kind;
    }

    /** Size in bytes. */
    public int size() {
        return size;
    }

    /** How the bits are read. */
    public Kind kind() {
        return kind;
    }

    /** True for integer (bit, signed, unsigned) types. */
    public boolean isInteger() {
        return kind != Kind.FLOAT;
    }

    /** The PTX spelling, e.g. {@code .u64}. */
    public String spelling() {
        return "." + name().toLowerCase(Locale.ROOT);
    }

    /** Looks up a PTX type directive such as {@code .s32}. */
    public static Optional<PtxType> of(String directive) {
        for (PtxType t : values()) {
            if (t.spelling().equals(directive)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /**
     * Whether an integer value can be passed in a parameter of this type without changing meaning:
     * signed types take their two's-complement range, unsigned types their unsigned range, and untyped
     * bits either (a {@code .b32} may receive -1 or 4294967295).
     */
    public boolean holds(long value) {
        if (!isInteger()) {
            return false;
        }
        if (size == 8) {
            return kind != Kind.UNSIGNED || value >= 0;
        }
        int bits = size * 8;
        long signedMin = -(1L << (bits - 1));
        long signedMax = (1L << (bits - 1)) - 1;
        long unsignedMax = (1L << bits) - 1;
        switch (kind) {
            case SIGNED: return value >= signedMin && value <= signedMax;
            case UNSIGNED: return value >= 0 && value <= unsignedMax;
            default: return value >= signedMin && value <= unsignedMax;
        }
    }
}
