package dev.scanbench.baseline.oracle;

/**
 * The definition, one element after another on the calling thread: the slow, obviously correct baseline every
 * other implementation is compared with. It deliberately shares no code with {@link ParallelOracle}, so that
 * comparing the two checks one against the other.
 */
public final class SequentialOracle implements Oracle {

    /** Creates the oracle; it holds no state. */
    public SequentialOracle() {
    }

    @Override
    public void scan(int[] x, int[] y) {
        Oracle.checkArguments(x, y);
        boolean odd = false;
        int s = 0;
        for (int j = 0; j < x.length; j++) {
            int v = x[j];
            // Written as a conditional expression rather than an if statement so the JIT emits a conditional
            // move: with random signs a branch would mispredict half the time.
            s += odd ? v : 0;
            y[j] = s;
            odd ^= v > 0;
        }
    }

    @Override
    public String name() {
        return "sequential";
    }
}
