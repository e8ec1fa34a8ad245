package dev.scanbench.harness.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scanbench.harness.scoring.Failures;
import dev.scanbench.harness.worker.FailureKinds;
import dev.scanbench.harness.worker.WorkerOutcome;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Every way a scoring worker ends, as the status the user and the log see. */
class OutcomeMapperTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        Failures.MISMATCH + ", WRONG_ANSWER",
        Failures.INPUT_MODIFIED + ", WRONG_ANSWER",
        Failures.DEVICE_FAULT + ", DEVICE_FAULT",
        Failures.LAUNCH_FAILED + ", DEVICE_FAULT",
        Failures.DEADLOCK + ", TIMED_OUT",
        Failures.PLAN + ", REJECTED",
        FailureKinds.EXCEPTION + ", CRASHED",
        FailureKinds.OUT_OF_MEMORY + ", CRASHED",
    })
    void typedFailuresKeepTheirKindUnderTheirStatus(String kind, ScoreStatus status) {
        ObjectNode details = JsonNodeFactory.instance.objectNode().put("index", 5);
        RunOutcome r = OutcomeMapper.map(new WorkerOutcome.Failed(kind, "what failed", details, "tail"));

        assertThat(r.status()).isEqualTo(status);
        assertThat(r.failure().kind()).isEqualTo(kind);
        assertThat(r.failure().details().get("index").asInt()).isEqualTo(5);
        assertThat(r.failure().stderrTail()).isEqualTo("tail");
    }

    @Test
    void aTimeoutNamesTheCallThatHung() {
        RunOutcome r = OutcomeMapper.map(new WorkerOutcome.TimedOut(WorkerOutcome.Limit.CALL,
                Optional.of("timed call 7"), 20.1, 20, ""));

        assertThat(r.status()).isEqualTo(ScoreStatus.TIMED_OUT);
        assertThat(r.failure().kind()).isEqualTo(OutcomeMapper.TIMEOUT);
        assertThat(r.failure().message()).contains("timed call 7", "per-call limit");
        assertThat(r.failure().details().get("call").asText()).isEqualTo("timed call 7");
    }

    @Test
    void aCrashKeepsItsExitStatusSignalAndOutput() {
        RunOutcome r = OutcomeMapper.map(new WorkerOutcome.Crashed(139, OptionalInt.of(11),
                "killed by SIGSEGV (exit status 139)", "# SIGSEGV in libcuda"));

        assertThat(r.status()).isEqualTo(ScoreStatus.CRASHED);
        assertThat(r.failure().details().get("signal").asInt()).isEqualTo(11);
        assertThat(r.failure().details().get("exit_code").asInt()).isEqualTo(139);
        assertThat(r.failure().stderrTail()).contains("SIGSEGV");
    }

    @Test
    void anEmulatorResultCarriesItsCountersAndNoTime() {
        ObjectNode result = JsonNodeFactory.instance.objectNode().put("device", "PTX emulator");
        result.putObject("counters").put("global_bytes_read", 10);
        result.putArray("warnings").add("weak load in a spin loop");

        RunOutcome r = OutcomeMapper.map(new WorkerOutcome.Completed(result, ""));

        assertThat(r.status()).isEqualTo(ScoreStatus.OK);
        assertThat(r.measurement()).isNull();
        assertThat(r.counters().get("global_bytes_read").asLong()).isEqualTo(10);
        assertThat(r.warnings()).containsExactly("weak load in a spin loop");
        assertThat(r.device()).isEqualTo("PTX emulator");
    }
}
