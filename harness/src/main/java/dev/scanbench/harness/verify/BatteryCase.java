package dev.scanbench.harness.verify;

import dev.scanbench.baseline.input.InputPattern;
import dev.scanbench.emulator.DispatchOrder;

/**
 * One verified iteration of the battery.
 *
 * @param n       the problem size
 * @param pattern the input values
 * @param order   the CTA dispatch order on the emulator
 */
public record BatteryCase(long n, InputPattern pattern, DispatchOrder order) {

    @Override
    public String toString() {
        return "n = " + n + ", " + pattern + ", " + order + " dispatch";
    }
}
