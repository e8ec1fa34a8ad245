package dev.scanbench.harness.model;

/**
 * One constant of the H100 model with where it comes from.
 *
 * @param name   what it is
 * @param value  its value in SI units (bytes per second, seconds, instructions per second)
 * @param unit   the unit of {@code value}, for display
 * @param source the published figure it rests on, and how it was turned into this value
 */
public record ModelConstant(String name, double value, String unit, String source) { }
