package dev.scanbench.emulator;

/** The order in which CTAs become resident when not all of them fit at once. */
public enum DispatchOrder {
    /** Block 0 first, as hardware usually does. */
    IN_ORDER,
    /** Last block first. */
    REVERSED,
    /** A permutation drawn from {@link LaunchOptions#seed()}. */
    RANDOM
}
