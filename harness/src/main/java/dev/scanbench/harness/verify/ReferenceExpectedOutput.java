package dev.scanbench.harness.verify;

import dev.scanbench.baseline.oracle.Oracle;
import dev.scanbench.baseline.oracle.ParallelOracle;
import dev.scanbench.harness.backend.Backend;
import dev.scanbench.harness.backend.BackendException;
import dev.scanbench.harness.backend.DeviceBuffer;
import dev.scanbench.harness.backend.PlanRunner;
import java.util.Arrays;

/**
 * The expected output computed on the device by the workbench's reference kernel ({@code decoupled_lookback.cu}),
 * run on x after the candidate ran: no copy of x to the host and no CPU scan per sample (about 100 ms at n = 10^8,
 * which the sampling budget would otherwise spend). The first computation of every run is cross-checked against
 * the CPU oracle, so a reference that is wrong on this device or driver stops the run as an environment problem
 * instead of judging candidates by it. Owns the reference's module and scratch.
 */
public final class ReferenceExpectedOutput implements ExpectedOutput {
    private final Backend backend;
    private final PlanRunner reference;
    private final Oracle oracle;
    private boolean crossChecked;

    /** @param reference the reference kernel's plan at the fixture's n, opened on {@code backend} */
    public ReferenceExpectedOutput(Backend backend, PlanRunner reference) {
        this(backend, reference, new ParallelOracle());
    }

    ReferenceExpectedOutput(Backend backend, PlanRunner reference, Oracle oracle) {
        this.backend = backend;
        this.reference = reference;
        this.oracle = oracle;
    }

    /**
     * @return the host copy of x on the cross-checked first computation, else null
     * @throws ReferenceDisagreesException when the reference kernel and the CPU oracle differ on the first input
     */
    @Override
    public int[] compute(Backend b, DeviceBuffer x, DeviceBuffer expected, int n) throws BackendException {
        reference.poisonScratch();
        reference.run(x, expected);
        backend.synchronize();
        if (crossChecked) {
            return null;
        }
        crossChecked = true;
        int[] hostX = new int[n];
        backend.copyOut(x, hostX);
        int[] device = new int[n];
        backend.copyOut(expected, device);
        int[] cpu = oracle.scan(hostX);
        int i = Arrays.mismatch(cpu, device);
        if (i >= 0) {
            throw new ReferenceDisagreesException("the reference kernel's output differs from the CPU oracle at index "
                    + i + " of " + n + " (oracle " + cpu[i] + ", device " + device[i] + "): this device or driver does"
                    + " not run the reference correctly, so no candidate can be judged here");
        }
        return hostX;
    }

    /** Frees the reference's scratch and unloads its module. */
    @Override
    public void close() throws BackendException {
        reference.close();
    }
}
