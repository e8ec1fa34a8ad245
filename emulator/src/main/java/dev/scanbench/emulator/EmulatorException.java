package dev.scanbench.emulator;

/** Root of every checked failure the emulator reports; subclasses say which kind of failure it is. */
public class EmulatorException extends Exception {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong and where (PTX line, allocation, parameter) */
    public EmulatorException(String message) {
        super(message);
    }
}
