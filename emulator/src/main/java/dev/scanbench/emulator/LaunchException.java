package dev.scanbench.emulator;

/** A launch was refused before any thread ran: unknown entry, bad dimensions, wrong parameters. */
public final class LaunchException extends EmulatorException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong with the launch request */
    public LaunchException(String message) {
        super(message);
    }
}
