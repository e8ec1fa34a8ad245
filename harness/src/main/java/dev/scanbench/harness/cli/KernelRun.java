package dev.scanbench.harness.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scanbench.harness.backend.Backend;
import dev.scanbench.harness.backend.BackendException;
import dev.scanbench.harness.backend.DeviceBuffer;
import dev.scanbench.harness.backend.DeviceFaultException;
import dev.scanbench.harness.backend.PlanRunner;
import dev.scanbench.harness.backend.emulator.EmulatorBackend;
import dev.scanbench.harness.backend.emulator.ExecutionCounters;
import dev.scanbench.harness.candidate.PreparedCandidate;
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
                ObjectNode c = node.putObject("counters");
                c.put("launches", counters.launches());
                c.put("warp_instructions", counters.warpInstructions());
                c.put("global_bytes_read", counters.globalBytesRead());
                c.put("global_bytes_written", counters.globalBytesWritten());
            }
        }
    }

    /**
     * Runs the plan once on {@code x}.
     *
     * @throws PlanException        when the plan is invalid for this n
     * @throws DeviceFaultException when a kernel faults or hangs
     */
    static Result run(Backend backend, PreparedCandidate candidate, int[] x) throws BackendException, PlanException {
        ResolvedPlan plan = candidate.resolve(Math.max(1, x.length));
        int[] y = new int[x.length];
        if (x.length == 0) {
            return new Result(y, backend.name(), backend.deviceDescription(), backend.simulated(), null);
        }
        try (DeviceBuffer dx = backend.allocate(4L * x.length); DeviceBuffer dy = backend.allocate(4L * x.length);
             PlanRunner runner = PlanRunner.open(backend, candidate.image(), candidate.artifact().signature(), plan)) {
            backend.copyIn(dx, x);
            backend.fill32(dy, 0);
            runner.poisonScratch();
            ExecutionCounters before = backend instanceof EmulatorBackend e ? e.counters() : null;
            runner.run(dx, dy);
            backend.synchronize();
            backend.copyOut(dy, y);
            ExecutionCounters work = backend instanceof EmulatorBackend e ? e.counters().minus(before) : null;
            return new Result(y, backend.name(), backend.deviceDescription(), backend.simulated(), work);
        }
    }
}
