package dev.scanbench.harness.ptx;

/**
 * One result of {@link StaticChecks}: what was found, where, and whether it disqualifies the candidate.
 *
 * @param kind   what was found
 * @param line   1-based PTX line
 * @param symbol the PTX symbol that triggered it (e.g. {@code %globaltimer}, {@code cudaLaunchDeviceV2})
 */
public record StaticFinding(Kind kind, int line, String symbol) {

    /** Kinds of findings, each either rejecting the candidate or only flagging it in the result. */
    public enum Kind {
        /** A device-side kernel launch (dynamic parallelism): work the harness cannot see or time. Rejected. */
        DEVICE_LAUNCH(true, "device-side kernel launch (dynamic parallelism)"),
        /** A read of a device clock or timer: legal (back-off loops use it) but reported with the result. */
        TIMER_READ(false, "reads a device clock/timer");

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

    /** The finding in words, with its PTX line. */
    public String describe() {
        return "PTX line " + line + ": " + kind.description() + " (" + symbol + ")";
    }
}
