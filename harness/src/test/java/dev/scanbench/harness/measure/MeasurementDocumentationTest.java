package dev.scanbench.harness.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** docs/measurement.md must name every alarm with its true severity, so the table cannot fall behind the code. */
class MeasurementDocumentationTest {

    @Test
    void theAlarmTableListsEveryKindWithItsSeverity() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "measurement.md"));
        for (AlarmKind kind : AlarmKind.values()) {
            assertThat(doc).contains("| `" + kind.name() + "` | " + kind.severity().name().toLowerCase(Locale.ROOT) + " |");
        }
        for (Protocol p : Protocol.values()) {
            assertThat(doc).contains("`--protocol " + p.cliName() + "`");
        }
    }
}
