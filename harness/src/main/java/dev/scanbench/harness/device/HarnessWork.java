package dev.scanbench.harness.device;

import dev.scanbench.baseline.input.InputPattern;
import dev.scanbench.harness.backend.BackendException;
import dev.scanbench.harness.backend.DeviceBuffer;

/** One way of doing the harness's work on a backend's memory (see {@link HarnessKernels}, which checks ranges). */
interface HarnessWork extends AutoCloseable {

    void generate(DeviceBuffer x, long from, long to, long seed, InputPattern pattern) throws BackendException;

    void fillCanary(DeviceBuffer y, long n, long seed) throws BackendException;

    CompareResult compare(DeviceBuffer y, DeviceBuffer expected, long n) throws BackendException;

    long checksum(DeviceBuffer x, long n, long key) throws BackendException;

    @Override
    void close() throws BackendException;
}
