package dev.scanbench.harness.doctor;

/**
 * One line of `workbench doctor`: what was checked, whether it is usable, and the detail a user needs to act on it.
 *
 * @param name   what was checked, e.g. "nvcc"
 * @param status how it stands
 * @param detail version, path, or the reason it is missing and how to fix it
 */
public record Finding(String name, Status status, String detail) {

    /** How a checked item stands. */
    public enum Status {
        /** Present and usable. */
        OK,
        /** Absent: the features that need it are unavailable, everything else works. */
        MISSING,
        /** Present but not as expected (e.g. an old version). */
        WARN
    }
}
