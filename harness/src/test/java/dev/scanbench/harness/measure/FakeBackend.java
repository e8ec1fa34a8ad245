package dev.scanbench.harness.measure;

import dev.scanbench.harness.backend.Backend;
import dev.scanbench.harness.backend.BackendException;
import dev.scanbench.harness.backend.DeviceBuffer;
import dev.scanbench.harness.backend.DeviceEvent;
import dev.scanbench.harness.backend.LoadedModule;
import dev.scanbench.harness.backend.ModuleImage;
import dev.scanbench.harness.backend.PackedParams;
import dev.scanbench.harness.plan.Dim3;
import java.util.List;

/**
 * A backend double for the measurement code: logs the calls measurement makes (allocate, fill32, record,
 * synchronize, elapsed, free) into a shared list and answers elapsed time from a fixed value. It runs nothing.
 */
final class FakeBackend implements Backend {
    private final List<String> log;
    private final double elapsedMs;
    private int events;

    FakeBackend(List<String> log, double elapsedMs) {
        this.log = log;
        this.elapsedMs = elapsedMs;
    }

    @Override
    public String name() {
        return "fake";
    }

    @Override
    public String deviceDescription() {
        return "measurement test double";
    }

    @Override
    public boolean hasClock() {
        return true;
    }

    @Override
    public DeviceBuffer allocate(long bytes) {
        log.add("allocate " + bytes);
        return new DeviceBuffer() {
            @Override
            public long address() {
                return 0x1000;
            }

            @Override
            public long bytes() {
                return bytes;
            }

            @Override
            public void close() {
                log.add("free " + bytes);
            }
        };
    }

    @Override
    public void fill8(DeviceBuffer buffer, byte value) {
        log.add("fill8 " + value);
    }

    @Override
    public void fill32(DeviceBuffer buffer, int value) {
        log.add("fill32 " + buffer.bytes() + " " + Integer.toHexString(value));
    }

    @Override
    public void copyIn(DeviceBuffer destination, int[] source) throws BackendException {
        throw new BackendException("measurement never copies in");
    }

    @Override
    public void copyOut(DeviceBuffer source, int[] destination) throws BackendException {
        throw new BackendException("measurement never copies out");
    }

    @Override
    public LoadedModule load(ModuleImage image) throws BackendException {
        throw new BackendException("measurement never loads modules");
    }

    @Override
    public void launch(LoadedModule module, String entry, Dim3 grid, Dim3 block, long sharedBytes, PackedParams params)
            throws BackendException {
        throw new BackendException("measurement never launches by itself");
    }

    @Override
    public DeviceEvent record() {
        int id = ++events;
        log.add("record e" + id);
        return () -> log.add("destroy e" + id);
    }

    @Override
    public double elapsedMillis(DeviceEvent start, DeviceEvent end) {
        log.add("elapsed");
        return elapsedMs;
    }

    @Override
    public void synchronize() {
        log.add("synchronize");
    }

    @Override
    public void close() {
        log.add("close");
    }
}
