package dev.scanbench.emulator.decode;

import java.util.List;

/** Maps PTX type qualifiers to {@link Insn} type codes. */
final class TypeCodes {
    private TypeCodes() {
    }

    /** Type code of a qualifier, or -1 if it is not a type. f16/bf16 are types the emulator rejects. */
    static int of(String t) {
        return switch (t) {
            case "u8", "b8" -> 1;
            case "s8" -> 1 | Insn.SIGNED;
            case "u16", "b16" -> 2;
            case "s16" -> 2 | Insn.SIGNED;
            case "u32", "b32" -> 4;
            case "s32" -> 4 | Insn.SIGNED;
            case "u64", "b64" -> 8;
            case "s64" -> 8 | Insn.SIGNED;
            case "f32" -> 4 | Insn.FLOAT;
            case "f64" -> 8 | Insn.FLOAT;
            case "pred" -> 1 | Insn.PRED;
            case "b128" -> 0; // recognised only to be rejected
            default -> -1;
        };
    }

    static boolean isUnsupportedType(String t) {
        return t.equals("f16") || t.equals("bf16") || t.equals("f16x2") || t.equals("bf16x2") || t.equals("b128")
                || t.equals("tf32") || t.startsWith("e4m3") || t.startsWith("e5m2") || t.equals("s16x2")
                || t.equals("u16x2");
    }

    /** All type qualifiers in order of appearance. */
    static int[] all(List<String> mods) {
        return mods.stream().mapToInt(TypeCodes::of).filter(c -> c > 0).toArray();
    }
}
