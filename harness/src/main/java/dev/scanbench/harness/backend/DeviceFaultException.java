package dev.scanbench.harness.backend;

/**
 * A kernel faulted while running: illegal address, misaligned access, trap, launch failure, or a fault the
 * emulator's memory checker caught. The candidate's fault; the message names the kernel and, when known,
 * the location.
 */
public class DeviceFaultException extends BackendException {
    private static final long serialVersionUID = 1L;

    /** @param message the fault, naming the kernel and, when known, the block/thread and PTX line */
    public DeviceFaultException(String message) {
        super(message);
    }
}
