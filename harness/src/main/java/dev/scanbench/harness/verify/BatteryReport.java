package dev.scanbench.harness.verify;

import dev.scanbench.harness.backend.emulator.ExecutionCounters;
import java.util.List;
import java.util.Optional;

/**
 * What a correctness battery found.
 *
 * @param seedSha256 SHA-256 of the secret seed, as shown while the run went on
 * @param seed       the secret seed itself, revealed now that the run has ended
 * @param passed     the cases that passed, in order
 * @param failure    the first failure; the battery stops there
 * @param candidate  the work of the candidate's own launches (harness kernels excluded), over every case run
 * @param warnings   distinct emulator warnings about the candidate (lint such as weak loads in spin loops)
 */
public record BatteryReport(String seedSha256, String seed, List<BatteryCase> passed, Optional<BatteryFailure> failure,
                            ExecutionCounters candidate, List<String> warnings) {

    public BatteryReport {
        passed = List.copyOf(passed);
        warnings = List.copyOf(warnings);
    }

    /** True when every case passed. */
    public boolean ok() {
        return failure.isEmpty();
    }
}
