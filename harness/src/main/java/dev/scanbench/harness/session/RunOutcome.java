package dev.scanbench.harness.session;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scanbench.harness.measure.MeasurementResult;
import java.util.List;

/**
 * How the candidate's run went.
 *
 * @param status      how it ended
 * @param failure     why it failed, or null when {@link ScoreStatus#OK}
 * @param device      the device in words, or null when the worker did not report it
 * @param measurement the timing (CUDA), or null
 * @param deviceFacts the device's measured facts: L2 size, copy bandwidth, floor (CUDA), or null
 * @param counters    the counted work per run (emulator), or null
 * @param warnings    the emulator's lint warnings
 * @param simulated   true when the device's clock is a model (the software CUDA driver): no time here is a GPU's
 * @param deviceBaseline the starting solution's and reference's times on this device (CUDA), or null
 * @param driver      what the CUDA driver reports about itself and the device (versions, clocks, bandwidth), or null
 * @param gate        the correctness gate passed: {@code {"cases", "passed"}}, or null when it did not pass
 */
public record RunOutcome(ScoreStatus status, ScoreFailure failure, String device, MeasurementResult measurement,
                         JsonNode deviceFacts, JsonNode counters, List<String> warnings, boolean simulated,
                         JsonNode deviceBaseline, JsonNode driver, JsonNode gate) {
    public RunOutcome {
        warnings = List.copyOf(warnings);
        // A JSON null read back from the worker is no report, as is an absent field.
        deviceBaseline = deviceBaseline == null || deviceBaseline.isNull() ? null : deviceBaseline;
        driver = driver == null || driver.isNull() ? null : driver;
    }

    /**
     * An outcome on a real clock without a driver report, device baseline or passed gate (the emulator's failures,
     * or a run that ended before the device was opened).
     */
    public RunOutcome(ScoreStatus status, ScoreFailure failure, String device, MeasurementResult measurement,
                      JsonNode deviceFacts, JsonNode counters, List<String> warnings) {
        this(status, failure, device, measurement, deviceFacts, counters, warnings, false, null, null, null);
    }

    /** A run that ended before the worker: rejected by the parent's checks. */
    public static RunOutcome rejected(ScoreFailure failure) {
        return new RunOutcome(ScoreStatus.REJECTED, failure, null, null, null, null, List.of());
    }
}
