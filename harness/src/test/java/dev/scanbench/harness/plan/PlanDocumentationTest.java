package dev.scanbench.harness.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The user documentation's example plan must stay a valid plan. */
class PlanDocumentationTest {

    @Test
    void theDocumentedExampleParsesAndFitsTheLimits() throws Exception {
        Path doc = Path.of("..", "docs", "launch-plan.md");
        String example = Files.readAllLines(doc).stream()
                .filter(l -> l.startsWith("    // @plan ") && !l.contains("<"))
                .map(String::strip)
                .collect(Collectors.joining("\n"));
        LaunchPlan plan = PlanParser.parse(doc.toString(), example, CommentStyle.SLASHES);
        assertThat(plan.launches()).extracting(Launch::entry).containsExactly("reduce_tiles", "scan_partials", "scan_tiles");
        assertThat(PlanValidator.resolve(plan, 100_000_000).scratchBytes()).isEqualTo(4L * 24_415);
        assertThat(PlanParser.example(CommentStyle.SLASHES)).isNotBlank();
        PlanParser.parse("example.cu", PlanParser.example(CommentStyle.SLASHES), CommentStyle.SLASHES);
    }
}
