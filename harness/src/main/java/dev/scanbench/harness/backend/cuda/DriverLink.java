package dev.scanbench.harness.backend.cuda;

import java.util.Optional;
import jcuda.driver.JCudaDriver;

/**
 * The first touch of JCuda's driver class in this JVM, and the error it gave. A class whose initialisation failed
 * stays failed, and every later touch throws only "Could not initialize class", so whoever asks second (the probe
 * after a backend, or a long-lived parent such as {@code workbench mcp} on its next doctor call) is told the first
 * error again. {@link CudaDriverSwitch#apply()} must have run before: it chooses the library the class loads.
 */
final class DriverLink {
    private static final Object LOCK = new Object();
    private static boolean tried;
    private static LinkageError failure;

    private DriverLink() {
    }

    /** Loads the driver class if no one has yet; the error that loading gave, or empty when it loaded. */
    static Optional<LinkageError> failure() {
        synchronized (LOCK) {
            if (!tried) {
                tried = true;
                try {
                    JCudaDriver.setExceptionsEnabled(false);
                } catch (LinkageError e) {
                    failure = e;
                }
            }
            return Optional.ofNullable(failure);
        }
    }

    /** The first line of the error's message. */
    static String firstLine(LinkageError e) {
        return e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
    }
}
