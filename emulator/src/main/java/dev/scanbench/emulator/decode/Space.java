package dev.scanbench.emulator.decode;

/** PTX state spaces as integer codes (kept as ints so the hot loop switches on them cheaply). */
public final class Space {
    /** Generic addressing: resolved per access from the address window. */
    public static final int GENERIC = 0;
    /** Global memory (and const, which lives in global allocations here). */
    public static final int GLOBAL = 1;
    /** Per-CTA shared memory. */
    public static final int SHARED = 2;
    /** Per-thread local memory. */
    public static final int LOCAL = 3;
    /** Kernel parameter buffer. */
    public static final int PARAM = 4;
    /** Constant bank: stored in global allocations. */
    public static final int CONST = 5;

    private Space() {
    }

    /**
     * Where the state space's generic window starts (cvta adds it, cvta.to subtracts it): shared, local and param
     * have one each ({@link dev.scanbench.emulator.memory.AddressWindows}); global addresses are generic as they are.
     */
    public static long window(int space) {
        return switch (space) {
            case SHARED -> dev.scanbench.emulator.memory.AddressWindows.SHARED_BASE;
            case LOCAL -> dev.scanbench.emulator.memory.AddressWindows.LOCAL_BASE;
            case PARAM -> dev.scanbench.emulator.memory.AddressWindows.PARAM_BASE;
            default -> 0;
        };
    }

    /** Parses a state-space qualifier ({@code shared::cta} counts as shared); -1 if it is not one. */
    public static int parse(String mod) {
        return switch (mod) {
            case "global" -> GLOBAL;
            case "shared", "shared::cta", "shared::cluster" -> SHARED;
            case "local" -> LOCAL;
            case "param", "param::entry" -> PARAM;
            case "const" -> CONST;
            default -> -1;
        };
    }

    /** A name for messages. */
    public static String name(int space) {
        return switch (space) {
            case GLOBAL -> "global";
            case SHARED -> "shared";
            case LOCAL -> "local";
            case PARAM -> "param";
            case CONST -> "const";
            default -> "generic";
        };
    }
}
