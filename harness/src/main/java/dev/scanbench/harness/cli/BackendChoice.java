package dev.scanbench.harness.cli;

import dev.scanbench.emulator.LaunchOptions;
import dev.scanbench.harness.Defaults;
import dev.scanbench.harness.backend.Backend;
import dev.scanbench.harness.backend.BackendException;
import dev.scanbench.harness.backend.BackendUnavailableException;
import dev.scanbench.harness.backend.cuda.CudaBackend;
import dev.scanbench.harness.backend.emulator.EmulatorBackend;

/** The {@code --backend} option: which device runs a kernel. */
enum BackendChoice {
    /** CUDA when a device is present, else the emulator (saying so on stderr). */
    AUTO,
    /** The first GPU through the CUDA driver; exit 3 when there is none. */
    CUDA,
    /** The PTX emulator, with its diagnostics on. */
    EMULATOR;

    /**
     * Opens the chosen backend.
     *
     * @param note receives a line when AUTO falls back to the emulator
     * @throws CliFailure (exit 3) when CUDA was asked for and cannot be opened
     */
    Backend open(java.util.function.Consumer<String> note) throws CliFailure {
        if (this == EMULATOR) {
            return new EmulatorBackend(LaunchOptions.defaults().withChecks(Defaults.VERIFY_CHECKS));
        }
        try {
            return CudaBackend.open(0);
        } catch (BackendUnavailableException e) {
            if (this == CUDA) {
                throw new CliFailure(ExitCode.ENVIRONMENT, "--backend cuda: " + e.getMessage());
            }
            note.accept("no CUDA device (" + e.getMessage() + "): running on the PTX emulator");
            return new EmulatorBackend(LaunchOptions.defaults().withChecks(Defaults.VERIFY_CHECKS));
        } catch (BackendException e) {
            if (this == CUDA) {
                throw new CliFailure(ExitCode.ENVIRONMENT, "--backend cuda: " + e.getMessage());
            }
            note.accept("the CUDA device cannot be opened (" + e.getMessage() + "): running on the PTX emulator");
            return new EmulatorBackend(LaunchOptions.defaults().withChecks(Defaults.VERIFY_CHECKS));
        }
    }
}
