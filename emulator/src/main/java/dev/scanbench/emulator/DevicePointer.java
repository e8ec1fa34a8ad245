package dev.scanbench.emulator;

/** A device allocation: its address (what a kernel receives as a pointer) and size in bytes. */
public record DevicePointer(long address, long size) {
    /** The pointer {@code bytes} further on (still inside or at the end of the same allocation). */
    public DevicePointer plus(long bytes) {
        if (bytes < 0 || bytes > size) {
            throw new IllegalArgumentException("offset " + bytes + " outside allocation of " + size + " bytes");
        }
        return new DevicePointer(address + bytes, size - bytes);
    }
}
