package dev.scanbench.harness.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogLocationTest {

    private static final Path HOME = Path.of("/home/someone");

    @Test
    void theCommandLineOptionWins() {
        assertThat(LogLocation.resolve(Path.of("cli.jsonl"), Map.of("WORKBENCH_LOG", "/env.jsonl"), HOME))
                .isEqualTo(Path.of("cli.jsonl"));
    }

    @Test
    void elseTheEnvironmentVariable() {
        assertThat(LogLocation.resolve(null, Map.of("WORKBENCH_LOG", "/env.jsonl"), HOME))
                .isEqualTo(Path.of("/env.jsonl"));
    }

    @Test
    void elseTheDefaultUnderHome() {
        assertThat(LogLocation.resolve(null, Map.of(), HOME)).isEqualTo(Path.of("/home/someone/.workbench/scores.jsonl"));
        assertThat(LogLocation.resolve(null, Map.of("WORKBENCH_LOG", " "), HOME))
                .isEqualTo(Path.of("/home/someone/.workbench/scores.jsonl"));
    }

    @Test
    void theDefaultIsUnderTheUserHomeProperty() {
        assertThat(LogLocation.resolve(null, Map.of()))
                .isEqualTo(Path.of(System.getProperty("user.home"), ".workbench", "scores.jsonl"));
    }
}
