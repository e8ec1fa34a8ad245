package dev.scanbench.emulator.diag;

/**
 * Racecheck state of one CTA's shared memory: per byte, the last writer and the last reader(s) with the
 * barrier epoch of the access. Two accesses to a byte by different warps in the same epoch, at least one a
 * write, are a hazard: nothing orders them. (Accesses within one warp are not compared: lanes of a warp are
 * ordered by the warp's own program order and __syncwarp.)
 */
public final class RaceShadow {
    private static final int MANY = -2;
    private final int[] writer;
    private final int[] writeEpoch;
    private final int[] reader;
    private final int[] readEpoch;

    /** @param bytes size of the CTA's shared memory */
    public RaceShadow(int bytes) {
        writer = new int[bytes];
        writeEpoch = new int[bytes];
        reader = new int[bytes];
        readEpoch = new int[bytes];
        java.util.Arrays.fill(writeEpoch, -1);
        java.util.Arrays.fill(readEpoch, -1);
    }

    /**
     * Records a read by {@code thread} (linear id in the CTA) and returns the conflicting writer's thread id,
     * or -1 if there is no hazard.
     */
    public int read(int off, int size, int thread, int epoch) {
        int conflict = -1;
        for (int i = off; i < off + size; i++) {
            if (writeEpoch[i] == epoch && writer[i] / 32 != thread / 32) {
                conflict = writer[i];
            }
            if (readEpoch[i] != epoch) {
                readEpoch[i] = epoch;
                reader[i] = thread;
            } else if (reader[i] != MANY && reader[i] / 32 != thread / 32) {
                reader[i] = MANY;
            }
        }
        return conflict;
    }

    /**
     * Records a write and returns the conflicting earlier accessor's thread id (or {@link Integer#MIN_VALUE}
     * for "several readers"), or -1 if there is no hazard.
     */
    public int write(int off, int size, int thread, int epoch) {
        int conflict = -1;
        for (int i = off; i < off + size; i++) {
            if (writeEpoch[i] == epoch && writer[i] / 32 != thread / 32) {
                conflict = writer[i];
            } else if (readEpoch[i] == epoch && (reader[i] == MANY || reader[i] / 32 != thread / 32)) {
                conflict = reader[i] == MANY ? Integer.MIN_VALUE : reader[i];
            }
            writeEpoch[i] = epoch;
            writer[i] = thread;
        }
        return conflict;
    }
}
