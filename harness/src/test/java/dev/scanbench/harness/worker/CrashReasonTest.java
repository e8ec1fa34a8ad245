package dev.scanbench.harness.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class CrashReasonTest {

    @Test
    void anExitStatusAbove128IsASignal() {
        assertThat(WorkerOutcome.Crashed.signalOf(137)).isEqualTo(OptionalInt.of(9));
        assertThat(WorkerOutcome.Crashed.signalOf(3)).isEmpty();
        assertThat(WorkerOutcome.Crashed.signalOf(128)).isEmpty();
        assertThat(WorkerOutcome.Crashed.signalName(11)).isEqualTo("SIGSEGV");
        assertThat(WorkerOutcome.Crashed.signalName(33)).isEqualTo("signal 33");
    }

    @Test
    void namesTheSignalAndTheContext() {
        assertThat(CrashReason.of(143, "before reporting a result", ""))
                .isEqualTo("killed by SIGTERM (exit status 143) before reporting a result");
    }

    @Test
    void readsAJvmFatalErrorFromTheBannerPrintedOnStdout() {
        String tail = "[stdout] #\n[stdout] # A fatal error has been detected by the Java Runtime Environment:\n"
                + "[stdout] #\n[stdout] #  SIGBUS (0x7) at pc=0x00007f, pid=12, tid=13\n";
        assertThat(CrashReason.of(1, "before reporting a result", tail)).isEqualTo(
                "exited with status 1 before reporting a result; JVM fatal error: SIGBUS (0x7) at pc=0x00007f, pid=12,"
                        + " tid=13");
    }

    @Test
    void saysOutOfMemoryWhenTheTailDoes() {
        String tail = "Exception in thread \"main\" java.lang.OutOfMemoryError: Java heap space\n\tat X.y(X.java:3)\n";
        assertThat(CrashReason.of(1, "before reporting a result", tail)).endsWith(
                "; out of memory: Exception in thread \"main\" java.lang.OutOfMemoryError: Java heap space");
    }
}
