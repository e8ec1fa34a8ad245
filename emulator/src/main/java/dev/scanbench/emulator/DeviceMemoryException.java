package dev.scanbench.emulator;

/** A host-side memory operation (copy, memset, free) named memory outside a live allocation. */
public final class DeviceMemoryException extends EmulatorException {
    private static final long serialVersionUID = 1L;

    /** @param message the operation, address and size that failed */
    public DeviceMemoryException(String message) {
        super(message);
    }
}
