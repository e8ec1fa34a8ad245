package dev.scanbench.harness.model;

/**
 * One lower bound of the H100 model.
 *
 * @param name      traffic, latency, issue or launches
 * @param bound     the words for a run this term binds, e.g. {@code latency-bound}
 * @param millis    the bound in milliseconds (a model, not a time)
 * @param quantity  the count it scales, at the modelled size
 * @param because   the count times its constant, e.g. {@code 24,415 dependent hops x 0.6 us}
 */
public record ModelTerm(String name, String bound, double millis, double quantity, String because) { }
