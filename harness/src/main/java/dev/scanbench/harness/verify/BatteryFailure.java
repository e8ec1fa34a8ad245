package dev.scanbench.harness.verify;

import dev.scanbench.emulator.Diagnostic;

/**
 * The first failure of a battery.
 *
 * @param testCase the case that failed
 * @param kind     why
 * @param message  the full explanation, with locations
 * @param mismatch the first wrong element for {@link FailureKind#WRONG_OUTPUT}, else null
 * @param location the first error diagnostic (kernel, block, thread, PTX and .cu line) for a fault or hang, else null
 */
public record BatteryFailure(BatteryCase testCase, FailureKind kind, String message, Mismatch mismatch,
                             Diagnostic location) {
}
