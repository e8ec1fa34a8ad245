package dev.scanbench.emulator.parse;

/** Sizes of PTX fundamental types. */
public final class Types {
    private Types() {
    }

    /** Byte size of a PTX type name without the dot ({@code u32} -> 4, {@code pred} -> 1). */
    public static int sizeOf(String type) {
        return switch (type) {
            case "b8", "u8", "s8", "pred" -> 1;
            case "b16", "u16", "s16", "f16", "bf16" -> 2;
            case "b32", "u32", "s32", "f32", "f16x2", "bf16x2" -> 4;
            case "b64", "u64", "s64", "f64" -> 8;
            case "b128" -> 16;
            default -> throw new IllegalArgumentException("not a PTX type: ." + type);
        };
    }
}
