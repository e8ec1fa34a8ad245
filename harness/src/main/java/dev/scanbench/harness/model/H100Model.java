package dev.scanbench.harness.model;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A modelled H100 time built from an emulated run's counts: the largest of four lower bounds, each a count times
 * a published constant ({@link H100Constants}) — global traffic over the DRAM bandwidth, the longest chain of
 * dependent cross-CTA hops times an L2 round trip, the busiest SM's warp instructions over its issue rate, and
 * launches times the launch overhead. Counts measured at the run's n are scaled linearly to the modelled n, but
 * launches, which do not grow, and the chain, whose start-up part (the first wave) is paid once and whose steady
 * rate per tile is what grows. Whichever bound is largest is the one to fix. A model,
 * never a measurement: it is printed and put in {@code --json} labelled so, and never logged as a time.
 *
 * @param n       the modelled element count
 * @param work    the run it was built from
 * @param terms   the four bounds, in the order of {@link H100Constants#ALL}
 * @param binding the largest of them
 */
public record H100Model(long n, RunWork work, List<ModelTerm> terms, ModelTerm binding) {

    /** The model at {@code n} elements of the run {@code work}. */
    public static H100Model of(RunWork work, long n) {
        if (work.n() < 1 || n < 1) {
            throw new IllegalArgumentException("need n >= 1, got a run of " + work.n() + " modelled at " + n);
        }
        double scale = (double) n / work.n();
        double bytes = work.globalBytes() * scale;
        // the start-up part of the chain is paid once; the steady part grows with the tiles
        double hops = work.chainHops() + work.steadyChainHops() * (scale - 1);
        double insns = work.busiestSmInstructions() * scale;
        long launches = work.launches();
        List<ModelTerm> terms = List.of(
                new ModelTerm("traffic", "traffic-bound", bytes / H100Constants.BANDWIDTH.value() * 1e3, bytes,
                        String.format(Locale.ROOT, "%,.0f global bytes at %.2f TB/s", bytes,
                                H100Constants.BANDWIDTH.value() / 1e12)),
                new ModelTerm("latency", "latency-bound", hops * H100Constants.HOP_LATENCY.value() * 1e3, hops,
                        String.format(Locale.ROOT, "%,.0f dependent hops x %.1f us", hops,
                                H100Constants.HOP_LATENCY.value() * 1e6)),
                new ModelTerm("issue", "issue-bound", insns / H100Constants.SM_ISSUE_RATE.value() * 1e3, insns,
                        String.format(Locale.ROOT, "%,.0f warp instructions on the busiest of %d SMs at %.2f G/s",
                                insns, H100Constants.SMS, H100Constants.SM_ISSUE_RATE.value() / 1e9)),
                new ModelTerm("launches", "launch-bound", launches * H100Constants.LAUNCH_OVERHEAD.value() * 1e3,
                        launches, String.format(Locale.ROOT, "%d launches x %.1f us", launches,
                                H100Constants.LAUNCH_OVERHEAD.value() * 1e6)));
        ModelTerm binding = terms.stream().max(Comparator.comparingDouble(ModelTerm::millis)).orElseThrow();
        return new H100Model(n, work, terms, binding);
    }

    /** The modelled time in milliseconds: the binding bound. */
    public double millis() {
        return binding.millis();
    }

    /** The term called {@code name}. */
    public ModelTerm term(String name) {
        return terms.stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no model term " + name));
    }

    /**
     * One line naming it a model and what binds, e.g. {@code model H100 estimate (not a time) at n = 100,000,000:
     * 14.6 ms (latency-bound: 24,415 dependent hops x 0.6 us); traffic 0.276, ...}.
     */
    public String describe() {
        StringBuilder others = new StringBuilder();
        for (ModelTerm t : terms) {
            others.append(others.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%s %s ms", t.name(),
                    millisText(t.millis())));
        }
        return String.format(Locale.ROOT, "model H100 estimate (not a time) at n = %,d: %s ms (%s: %s); bounds: %s",
                n, millisText(millis()), binding.bound(), binding.because(), others);
    }

    /** As JSON: the label, the estimate, the binding term, every term and the constants with their sources. */
    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("label", "model, not a time");
        o.put("n", n);
        o.put("measured_n", work.n());
        o.put("estimate_ms", millis());
        o.put("binding", binding.name());
        o.put("binding_words", binding.bound() + ": " + binding.because());
        ObjectNode ts = o.putObject("terms");
        for (ModelTerm t : terms) {
            ts.putObject(t.name()).put("ms", t.millis()).put("quantity", t.quantity()).put("because", t.because());
        }
        var cs = o.putArray("constants");
        for (ModelConstant c : H100Constants.ALL) {
            cs.addObject().put("name", c.name()).put("value", c.value()).put("unit", c.unit())
                    .put("source", c.source());
        }
        return o;
    }

    /** Three significant digits, whatever the magnitude. */
    private static String millisText(double ms) {
        return ms >= 100 ? String.format(Locale.ROOT, "%,.0f", ms) : ms >= 10 ? String.format(Locale.ROOT, "%.1f", ms)
                : ms >= 1 ? String.format(Locale.ROOT, "%.2f", ms) : String.format(Locale.ROOT, "%.3g", ms);
    }
}
