package dev.scanbench.harness.ptx;

/**
 * One result of {@link StaticChecks}: what was found, where, and whether it disqualifies the candidate.
 *
 * @param kind   what was found
 * @param line   1-based PTX line
 * @param symbol the PTX symbol that triggered it (e.g. {@code %globaltimer}, {@code cudaLaunchDeviceV2}), or the
 *               entry whose loop it is
 * @param source the CUDA {@code file:line} of that PTX line ({@code .loc}), or null when unknown
 * @param detail what is wrong and what to do, or null when the kind says it all
 */
public record StaticFinding(Kind kind, int line, String symbol, String source, String detail) {

    /** A finding with no source line and no detail. */
    public StaticFinding(Kind kind, int line, String symbol) {
        this(kind, line, symbol, null, null);
    }

    /** Kinds of findings, each either rejecting the candidate or only flagging it in the result. */
    public enum Kind {
        /** A device-side kernel launch (dynamic parallelism): work the harness cannot see or time. Rejected. */
        DEVICE_LAUNCH(true, "device-side kernel launch (dynamic parallelism)"),
        /** A read of a device clock or timer: legal (back-off loops use it) but reported with the result. */
        TIMER_READ(false, "reads a device clock/timer"),
        /**
         * A loop that can only end through a value no instruction in it changes (nvcc's {@code bra.uni} to its own
         * label for a flag polled with a plain load): a GPU spins there forever. Rejected.
         */
        ENDLESS_LOOP(true, "a loop that never ends once entered"),
        /**
         * A flag polled with a weak load: a loop that can only end when a plainly loaded value changes, which a
         * weak load need never observe. Rejected (the "an error in verify and score, not a warning").
         */
        WEAK_POLL(true, "a flag polled with a weak load");

        private final boolean rejects;
        private final String description;

        Kind(boolean rejects, String description) {
            this.rejects = rejects;
            this.description = description;
        }

        /** True when a finding of this kind disqualifies the candidate. */
        public boolean rejects() {
            return rejects;
        }

        /** A short description for messages. */
        public String description() {
            return description;
        }
    }

    /** The finding in words, with its PTX line and, when known, the .cu line. */
    public String describe() {
        return "PTX line " + line + (source != null ? " (" + source + ")" : "") + ": " + kind.description() + " ("
                + symbol + ")" + (detail != null ? ": " + detail : "");
    }
}
