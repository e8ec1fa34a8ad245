/**
 * Measurement: how the workbench turns repeated runs of a candidate into one trustworthy time.
 *
 * <p>A {@link dev.scanbench.harness.measure.Sampler} (supplied by the glue that owns the device, the input
 * and the verification) performs one iteration in three named steps: prepare outside the timed region, the
 * timed region itself, and verification of the output it produced. A protocol orders those steps:
 * {@link dev.scanbench.harness.measure.DefaultProtocol} warms up until stable and samples until a
 * {@link dev.scanbench.harness.measure.StoppingRule} is satisfied; {@link dev.scanbench.harness.measure.ReBenchProtocol}
 * reproduces the original RE-Bench scorer call for call. {@link dev.scanbench.harness.measure.TimingAlarms}
 * and {@link dev.scanbench.harness.measure.PhysicalFloor} then judge whether the times can be believed.
 */
package dev.scanbench.harness.measure;
