package dev.scanbench.harness.backend;

import dev.scanbench.harness.plan.Dim3;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A test double that records every call as a line of text, hands out distinct addresses and can be told to
 * fail one operation. It runs no kernels: it checks how the harness drives a backend, not what kernels do.
 */
final class RecordingBackend implements Backend {
    final List<String> calls = new ArrayList<>();
    private final Set<String> entries;
    private long nextAddress = 0x1000;
    String failOn = "";

    RecordingBackend(Set<String> entries) {
        this.entries = entries;
    }

    private void call(String line) throws BackendException {
        calls.add(line);
        if (!failOn.isEmpty() && line.startsWith(failOn)) {
            throw new DeviceFaultException("injected failure at " + line);
        }
    }

    @Override
    public String name() {
        return "recording";
    }

    @Override
    public String deviceDescription() {
        return "test double";
    }

    @Override
    public boolean hasClock() {
        return false;
    }

    @Override
    public DeviceBuffer allocate(long bytes) throws BackendException {
        long address = nextAddress;
        nextAddress += (bytes + 0xfff) & ~0xfffL;
        call("allocate " + bytes + " @" + Long.toHexString(address));
        return new DeviceBuffer() {
            @Override
            public long address() {
                return address;
            }

            @Override
            public long bytes() {
                return bytes;
            }

            @Override
            public void close() throws BackendException {
                call("free @" + Long.toHexString(address));
            }
        };
    }

    @Override
    public void fill8(DeviceBuffer buffer, byte value) throws BackendException {
        call("fill8 @" + Long.toHexString(buffer.address()) + " " + String.format("%02x", value & 0xff));
    }

    @Override
    public void fill32(DeviceBuffer buffer, int value) throws BackendException {
        call("fill32 @" + Long.toHexString(buffer.address()) + " " + Integer.toHexString(value));
    }

    @Override
    public void copyIn(DeviceBuffer destination, int[] source) throws BackendException {
        call("copyIn @" + Long.toHexString(destination.address()));
    }

    @Override
    public void copyOut(DeviceBuffer source, int[] destination) throws BackendException {
        call("copyOut @" + Long.toHexString(source.address()));
    }

    @Override
    public LoadedModule load(ModuleImage image) throws BackendException {
        call("load");
        return new LoadedModule() {
            @Override
            public boolean hasEntry(String entry) {
                return entries.contains(entry);
            }

            @Override
            public void close() throws BackendException {
                call("unload");
            }
        };
    }

    @Override
    public void launch(LoadedModule module, String entry, Dim3 grid, Dim3 block, long sharedBytes, PackedParams params)
            throws BackendException {
        call("launch " + entry + " grid=" + grid + " block=" + block + " smem=" + sharedBytes + " params=" + params);
    }

    @Override
    public DeviceEvent record() throws BackendException {
        call("record");
        return () -> { };
    }

    @Override
    public double elapsedMillis(DeviceEvent start, DeviceEvent end) throws BackendException {
        throw new BackendException("the recording backend has no clock");
    }

    @Override
    public void synchronize() throws BackendException {
        call("synchronize");
    }

    @Override
    public void close() {
        calls.add("close");
    }
}
