/**
 * The worker jobs: the child-process half of {@code workbench score}, {@code verify} and {@code run}.
 * {@link dev.scanbench.harness.scoring.ScoreJob} receives a {@link dev.scanbench.harness.scoring.ScoreRequest} with
 * everything compiled, passes the correctness gate, then runs verified iterations: timed by a measurement
 * protocol on a GPU, counted on the emulator. {@link dev.scanbench.harness.scoring.VerifyJob} runs the battery
 * alone; {@link dev.scanbench.harness.scoring.RunJob} runs a plan once on a file's input. Every candidate call is
 * a watchdog call.
 */
package dev.scanbench.harness.scoring;
