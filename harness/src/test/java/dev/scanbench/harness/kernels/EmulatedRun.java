package dev.scanbench.harness.kernels;

import dev.scanbench.emulator.LaunchOptions;
import dev.scanbench.harness.backend.DeviceBuffer;
import dev.scanbench.harness.backend.ModuleImage;
import dev.scanbench.harness.backend.PlanRunner;
import dev.scanbench.harness.backend.emulator.EmulatorBackend;
import dev.scanbench.harness.backend.emulator.ExecutionCounters;
import dev.scanbench.harness.compile.Artifact;
import java.util.List;

/**
 * One run of a shipped kernel's plan on the emulator: input in, output and the run's counters out. The output
 * buffer starts as a canary and non-zero scratch as poison, as in the workbench, so nothing left unwritten or
 * read uninitialised can pass.
 *
 * @param y        the output the kernel wrote
 * @param counters the work of the run (its launches only: fills and copies are not counted)
 * @param warnings the emulator's warnings (lint such as weak loads polled in a spin loop), one line each
 */
record EmulatedRun(int[] y, ExecutionCounters counters, List<String> warnings) {
    /** The canary the output starts as; no correct output of the battery's patterns is all of it. */
    static final int CANARY = 0xDEADBEEF;

    /** Runs {@code kernel} on {@code x} under {@code options}. */
    static EmulatedRun of(ShippedKernel kernel, Artifact artifact, int[] x, LaunchOptions options) throws Exception {
        int n = x.length;
        try (EmulatorBackend backend = new EmulatorBackend(options);
             DeviceBuffer dx = backend.allocate(4L * n);
             DeviceBuffer dy = backend.allocate(4L * n);
             PlanRunner runner = PlanRunner.open(backend, ModuleImage.of(artifact.ptx(), artifact.cubin()),
                     artifact.signature(), kernel.plan(artifact, n))) {
            backend.copyIn(dx, x);
            backend.fill32(dy, CANARY);
            runner.poisonScratch();
            backend.resetCounters();
            runner.run(dx, dy);
            backend.synchronize();
            int[] y = new int[n];
            backend.copyOut(dy, y);
            return new EmulatedRun(y, backend.counters(),
                    backend.warnings().stream().map(Object::toString).toList());
        }
    }
}
