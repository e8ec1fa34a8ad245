package dev.scanbench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DoctorCommandTest {

    @Test
    void jsonReportNamesEveryCheckedItemAndAnswersForTheDriver() throws Exception {
        CliRun run = CliRun.of("doctor", "--json");
        assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
        JsonNode findings = Json.MAPPER.readTree(run.out()).get("findings");
        List<String> names = new ArrayList<>();
        findings.forEach(f -> names.add(f.get("name").asText()));
        assertThat(names).contains("java", "nvcc", "sandbox", "cuda driver", "python", "triton");
        JsonNode driver = findings.findParents("name").stream()
                .filter(f -> f.get("name").asText().equals("cuda driver")).findFirst().orElseThrow();
        // With or without a driver, the answer is a finding, never a stack trace.
        assertThat(driver.get("status").asText()).isIn("ok", "missing");
        if (driver.get("status").asText().equals("missing")) {
            assertThat(driver.get("detail").asText()).containsAnyOf("no CUDA driver", "cuInit failed");
        }
        assertThat(run.err()).doesNotContain("Exception");
    }

    @Test
    void textReportHasOneLinePerFinding() {
        CliRun run = CliRun.of("doctor");
        assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(run.out()).containsPattern("(?m)^java\\s+OK\\s+17");
        assertThat(run.out()).containsPattern("(?m)^cuda driver\\s+(OK|MISSING)");
    }
}
