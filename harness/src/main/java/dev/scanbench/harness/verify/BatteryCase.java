package dev.scanbench.harness.verify;

import dev.scanbench.baseline.input.InputPattern;

/**
 * One verified iteration of the battery.
 *
 * @param n       the problem size
 * @param pattern the input values
 * @param dispatch how the emulator schedules the CTAs
 */
public record BatteryCase(long n, InputPattern pattern, BatteryDispatch dispatch) {

    @Override
    public String toString() {
        return "n = " + n + ", " + pattern + ", " + dispatch + " dispatch";
    }
}
