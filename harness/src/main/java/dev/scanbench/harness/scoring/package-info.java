/**
 * The scoring worker: the child-process half of {@code workbench score}. {@link dev.scanbench.harness.scoring.ScoreJob}
 * receives a {@link dev.scanbench.harness.scoring.ScoreRequest} with everything compiled, opens the backend and
 * runs verified iterations: timed by a measurement protocol on a GPU, counted on the emulator.
 */
package dev.scanbench.harness.scoring;
