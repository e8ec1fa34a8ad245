package dev.scanbench.harness.verify;

import dev.scanbench.baseline.oracle.Oracle;
import dev.scanbench.baseline.oracle.ParallelOracle;
import dev.scanbench.harness.backend.Backend;
import dev.scanbench.harness.backend.BackendException;
import dev.scanbench.harness.backend.DeviceBuffer;

/** The expected output from the CPU oracle on a host copy of x: the choice on the emulator, exact by definition. */
public final class OracleExpectedOutput implements ExpectedOutput {
    private final Oracle oracle;

    /** With the parallel oracle (bit-identical to the sequential definition). */
    public OracleExpectedOutput() {
        this(new ParallelOracle());
    }

    /** @param oracle the CPU implementation to use */
    public OracleExpectedOutput(Oracle oracle) {
        this.oracle = oracle;
    }

    @Override
    public int[] compute(Backend backend, DeviceBuffer x, DeviceBuffer expected, int n) throws BackendException {
        int[] hostX = new int[n];
        backend.copyOut(x, hostX);
        backend.copyIn(expected, oracle.scan(hostX));
        return hostX;
    }
}
