package dev.scanbench.report.html;

import java.util.ArrayList;
import java.util.List;

/**
 * A linear scale from data to pixels with "nice" ticks (1, 2 or 5 times a power of ten).
 *
 * @param lo  the data value at {@code from}
 * @param hi  the data value at {@code to}
 * @param from the pixel of {@code lo}
 * @param to   the pixel of {@code hi} (smaller than {@code from} for an upward y axis)
 */
record Axis(double lo, double hi, double from, double to) {

    /** A scale over [min, max] with 5% padding, never empty. */
    static Axis padded(double min, double max, double from, double to) {
        if (!(max > min)) {
            double half = Math.max(Math.abs(min) * 0.05, 1e-9);
            min -= half;
            max += half;
        }
        double pad = (max - min) * 0.05;
        return new Axis(min - pad, max + pad, from, to);
    }

    /** @return the pixel of a data value */
    double at(double v) {
        return from + (v - lo) / (hi - lo) * (to - from);
    }

    /** @return about {@code count} round tick values within the scale */
    List<Double> ticks(int count) {
        double raw = (hi - lo) / Math.max(1, count);
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = raw / power < 1.5 ? power : raw / power < 3.5 ? 2 * power : raw / power < 7.5 ? 5 * power
                : 10 * power;
        List<Double> ticks = new ArrayList<>();
        for (double t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) {
            ticks.add(Math.abs(t) < step * 1e-9 ? 0.0 : t);
        }
        return ticks;
    }
}
