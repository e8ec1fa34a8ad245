package dev.scanbench.harness.session;

import dev.scanbench.harness.backend.BackendUnavailableException;
import dev.scanbench.harness.scoring.ScoreRequest;
import java.util.Optional;
import java.util.function.Supplier;

/** The backend a scoring run asked for: the value of {@code --backend}. */
public enum BackendRequest {
    /** CUDA when a device is present, else the emulator. */
    AUTO,
    /** The first GPU; the run fails as an environment problem without one. */
    CUDA,
    /** The PTX emulator. */
    EMULATOR;

    /**
     * The backend chosen, and why.
     *
     * @param name {@code cuda} or {@code emulator}
     * @param why  one line saying how it was chosen
     */
    public record Selection(String name, String why) {
    }

    /**
     * Chooses the backend.
     *
     * @param probe says why no CUDA device is usable, or empty when one is (see {@link dev.scanbench.harness.backend.cuda.CudaProbe})
     * @throws BackendUnavailableException when CUDA was asked for and there is none
     */
    public Selection select(Supplier<Optional<String>> probe) throws BackendUnavailableException {
        if (this == EMULATOR) {
            return new Selection(ScoreRequest.EMULATOR, "--backend emulator");
        }
        Optional<String> missing = probe.get();
        if (missing.isEmpty()) {
            return new Selection(ScoreRequest.CUDA, this == AUTO ? "--backend auto found a CUDA device"
                    : "--backend cuda");
        }
        if (this == CUDA) {
            throw new BackendUnavailableException("--backend cuda: " + missing.get());
        }
        return new Selection(ScoreRequest.EMULATOR, "--backend auto: " + missing.get()
                + "; running on the PTX emulator (no time, counted work instead)");
    }
}
