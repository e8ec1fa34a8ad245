package dev.scanbench.harness.backend.emulator;

import dev.scanbench.emulator.Device;
import dev.scanbench.emulator.DeviceMemoryException;
import dev.scanbench.emulator.DevicePointer;
import dev.scanbench.harness.backend.BackendException;
import dev.scanbench.harness.backend.DeviceBuffer;

/** An allocation in the emulator's global memory. */
final class EmulatorBuffer implements DeviceBuffer {
    private final Device device;
    private final DevicePointer pointer;
    private boolean freed;

    EmulatorBuffer(Device device, DevicePointer pointer) {
        this.device = device;
        this.pointer = pointer;
    }

    /** The buffer as this backend's own type; another backend's buffer is a programming error. */
    static EmulatorBuffer of(DeviceBuffer b) throws BackendException {
        if (!(b instanceof EmulatorBuffer e)) {
            throw new BackendException("buffer at 0x" + Long.toHexString(b.address())
                    + " was not allocated by the emulator backend");
        }
        if (e.freed) {
            throw new BackendException("buffer at 0x" + Long.toHexString(b.address()) + " is already freed");
        }
        return e;
    }

    DevicePointer pointer() {
        return pointer;
    }

    @Override
    public long address() {
        return pointer.address();
    }

    @Override
    public long bytes() {
        return pointer.size();
    }

    @Override
    public void close() throws BackendException {
        if (freed) {
            return;
        }
        freed = true;
        try {
            device.free(pointer);
        } catch (DeviceMemoryException e) {
            throw new BackendException("free: " + e.getMessage(), e);
        }
    }
}
