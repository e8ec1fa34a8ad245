package dev.scanbench.harness.scoring;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scanbench.harness.backend.Backend;
import dev.scanbench.harness.backend.BackendException;
import dev.scanbench.harness.backend.DeviceBuffer;
import dev.scanbench.harness.backend.DeviceFaultException;
import dev.scanbench.harness.backend.PlanRunner;
import dev.scanbench.harness.backend.PlannedModule;
import dev.scanbench.harness.backend.emulator.EmulatorBackend;
import dev.scanbench.harness.backend.emulator.ExecutionCounters;
import dev.scanbench.harness.plan.PlanException;
import dev.scanbench.harness.plan.ResolvedPlan;

/**
 * One run of a candidate's plan on an input, for {@code workbench run KERNEL}: no verification, no timing;
 * the output is whatever the kernel wrote (y starts zero-filled).
 */
final class KernelRun {
    private KernelRun() {
    }

    /** What came out: the output, and the work counted when the backend is the emulator. */
    record Result(int[] y, String backend, String device, boolean simulated, ExecutionCounters counters) {
        void describe(ObjectNode node) {
            node.put("backend", backend);
            node.put("device", device);
            node.put("simulated", simulated);
            if (counters != null) {
                // the same counters as score's, critical path included, for one run
                node.set("counters", EmulatorScoring.counters(counters, 1, Math.max(1, y.length)));
            }
        }
    }

    /** The candidate's part of the run, bracketed by the caller (a watchdog call). */
    @FunctionalInterface
    interface Watch {
        void call(Calls.Work<Void> work) throws BackendException;
    }

    /**
     * Runs the plan once on {@code x}.
     *
     * @throws PlanException        when the plan is invalid for this n
     * @throws DeviceFaultException when a kernel faults or hangs
     */
    static Result run(Backend backend, PlannedModule candidate, int[] x, Watch watch)
            throws BackendException, PlanException {
        ResolvedPlan plan = candidate.resolve(Math.max(1, x.length));
        int[] y = new int[x.length];
        if (x.length == 0) {
            return new Result(y, backend.name(), backend.deviceDescription(), backend.simulated(), null);
        }
        try (DeviceBuffer dx = backend.allocate(4L * x.length, "x");
             DeviceBuffer dy = backend.allocate(4L * x.length, "y");
             PlanRunner runner = PlanRunner.open(backend, candidate.image(), candidate.signature(), plan)) {
            backend.copyIn(dx, x);
            backend.fill32(dy, 0);
            runner.poisonScratch();
            if (backend instanceof EmulatorBackend e) {
                e.resetCounters();
            }
            watch.call(() -> {
                runner.run(dx, dy);
                backend.synchronize();
                return null;
            });
            backend.copyOut(dy, y);
            ExecutionCounters work = backend instanceof EmulatorBackend e ? e.counters() : null;
            return new Result(y, backend.name(), backend.deviceDescription(), backend.simulated(), work);
        }
    }
}
