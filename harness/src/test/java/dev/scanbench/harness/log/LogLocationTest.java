package dev.scanbench.harness.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogLocationTest {

    private static final Path HOME = Path.of("/home/someone");

    @Test
    void theCommandLineOptionWins() {
        assertThat(LogLocation.resolve("cli.jsonl", Map.of("WORKBENCH_LOG", "/env.jsonl"), HOME))
                .isEqualTo("cli.jsonl");
        assertThat(LogLocation.resolve("jdbc:postgresql://db:5432/wb?user=svc", Map.of("WORKBENCH_LOG", "/env.jsonl"),
                HOME)).as("a URL is kept as given (a Path would fold its //)")
                .isEqualTo("jdbc:postgresql://db:5432/wb?user=svc");
    }

    @Test
    void elseTheEnvironmentVariable() {
        assertThat(LogLocation.resolve(null, Map.of("WORKBENCH_LOG", "/env.jsonl"), HOME))
                .isEqualTo("/env.jsonl");
    }

    @Test
    void elseTheDefaultUnderHome() {
        assertThat(LogLocation.resolve(null, Map.of(), HOME)).isEqualTo("/home/someone/.workbench/scores.jsonl");
        assertThat(LogLocation.resolve(null, Map.of("WORKBENCH_LOG", " "), HOME))
                .isEqualTo("/home/someone/.workbench/scores.jsonl");
    }

    @Test
    void theDefaultIsUnderTheUserHomeProperty() {
        assertThat(LogLocation.resolve(null, Map.of()))
                .isEqualTo(Path.of(System.getProperty("user.home"), ".workbench", "scores.jsonl").toString());
    }
}
