package dev.scanbench.harness.device;

import dev.scanbench.baseline.input.InputGenerator;
import dev.scanbench.baseline.input.InputPattern;
import dev.scanbench.harness.backend.Backend;
import dev.scanbench.harness.backend.BackendException;
import dev.scanbench.harness.backend.DeviceBuffer;

/**
 * The harness's work done in Java, for a backend whose device memory the JVM holds (the emulator): the values
 * {@code harness_kernels.cu} computes (HarnessKernelsTest compares the two), copied in and out through the
 * backend, so what the candidate sees in memory is the same. Nothing to load, nothing to free.
 */
final class HostHarnessWork implements HarnessWork {
    private final Backend backend;

    HostHarnessWork(Backend backend) {
        this.backend = backend;
    }

    @Override
    public void generate(DeviceBuffer x, long from, long to, long seed, InputPattern pattern) throws BackendException {
        int[] all = new int[words(x)];
        if (from > 0 || to < all.length) {
            backend.copyOut(x, all); // the rest of x stays as it is
        }
        int[] part = new int[Math.toIntExact(to - from)];
        pattern.fill(seed, part);
        System.arraycopy(part, 0, all, (int) from, part.length);
        backend.copyIn(x, all);
    }

    @Override
    public void fillCanary(DeviceBuffer y, long n, long seed) throws BackendException {
        int[] all = new int[words(y)];
        if (n < all.length) {
            backend.copyOut(y, all);
        }
        for (int i = 0; i < n; i++) {
            all[i] = Canary.value(seed, i);
        }
        backend.copyIn(y, all);
    }

    @Override
    public CompareResult compare(DeviceBuffer y, DeviceBuffer expected, long n) throws BackendException {
        int[] a = new int[words(y)];
        int[] b = new int[words(expected)];
        backend.copyOut(y, a);
        backend.copyOut(expected, b);
        long mismatches = 0;
        long first = -1;
        for (int i = 0; i < n; i++) {
            if (a[i] != b[i]) {
                if (mismatches++ == 0) {
                    first = i;
                }
            }
        }
        return new CompareResult(mismatches, first);
    }

    @Override
    public long checksum(DeviceBuffer x, long n, long key) throws BackendException {
        int[] a = new int[words(x)];
        backend.copyOut(x, a);
        long sum = 0;
        for (int i = 0; i < n; i++) {
            // wb_checksum's term: one changed element changes it (mix64 is a bijection), and so the sum
            sum += InputGenerator.mix64(InputGenerator.hash64(key, i) + (a[i] & 0xFFFFFFFFL));
        }
        return sum;
    }

    private static int words(DeviceBuffer b) {
        return Math.toIntExact(b.bytes() / 4);
    }

    @Override
    public void close() {
    }
}
