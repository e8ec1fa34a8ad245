package dev.scanbench.report.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scanbench.harness.cli.ExitCode;
import dev.scanbench.harness.cli.Main;
import dev.scanbench.report.ScoredLog;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code leaderboard}, {@code compare} and {@code report} as a user runs them: through the workbench CLI. */
class ReportCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--log");
        all.add(ScoredLog.get().toString());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void theLeaderboardIsOneJsonDocumentWithEveryBoardApart() throws Exception {
        Run r = run("leaderboard", "--json");

        assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.OK);
        JsonNode doc = JSON.readTree(r.out());
        assertThat(doc.get("entries").asInt()).isEqualTo(9);
        assertThat(doc.at("/boards/0/basis").asText()).isEqualTo("gpu");
        assertThat(doc.at("/boards/0/rows").size()).isZero();
        assertThat(doc.at("/boards/1/basis").asText()).isEqualTo("simulated");
        assertThat(doc.at("/boards/1/rows/0/rank").asInt()).isEqualTo(1);
        assertThat(doc.at("/boards/1/rows/0/time_ms").asDouble()).isBetween(0.29, 0.31);
        assertThat(doc.at("/boards/1/rows/0/hash").asText()).hasSize(64);
        assertThat(doc.at("/boards/1/rows/0/normalised").isMissingNode())
                .as("a simulated time has no standing against the published GPU times").isTrue();
        assertThat(doc.at("/boards/2/rows/0/bytes_per_element").asDouble()).isBetween(8.0, 8.5);
        assertThat(doc.at("/boards/2/rows/0/rank").isMissingNode()).isTrue();
        assertThat(doc.at("/practice/0/practice").asBoolean()).isTrue();
        assertThat(doc.at("/reference/best_human_ms").asDouble()).isEqualTo(0.667);
    }

    @Test
    void csvAndMarkdownCarryTheSameRows() {
        Run csv = run("leaderboard", "--csv", "--by", "label");
        Run md = run("leaderboard", "--markdown");

        assertThat(csv.code()).isZero();
        List<String> lines = csv.out().lines().toList();
        assertThat(lines.get(0)).startsWith("board,rank,kernel,label,time_ms");
        assertThat(lines).filteredOn(l -> l.startsWith("simulated,")).hasSize(2);
        assertThat(lines).filteredOn(l -> l.startsWith("emulator,")).hasSize(2);
        assertThat(lines).filteredOn(l -> l.startsWith("practice,")).hasSize(1);
        assertThat(md.out()).contains("## simulated times (not GPU times)", "| rank | kernel | label |",
                "## Practice runs (never ranked)");
    }

    @Test
    void compareSaysTheDecisionAndRefusesATimeAgainstCountedWork() throws Exception {
        Run slower = run("compare", "label:agent A", "label:person B", "--json");
        assertThat(slower.code()).as(slower.err()).isEqualTo(ExitCode.OK);
        JsonNode doc = JSON.readTree(slower.out());
        assertThat(doc.get("decision").asText()).isEqualTo("SLOWER");
        assertThat(doc.at("/shift/relative").asDouble()).isBetween(1.4, 1.6);
        assertThat(doc.at("/mann_whitney/p_value").asDouble()).isLessThan(0.01);
        assertThat(doc.at("/noise/threshold").asDouble()).isEqualTo(0.005);

        long emulatorSeq = ScoredLog.entries().stream().filter(e -> "emulator".equals(e.node().path("backend")
                .asText()) && "ok".equals(e.node().path("status").asText())).findFirst().orElseThrow().seq();
        Run refused = run("compare", "label:agent A", String.valueOf(emulatorSeq));
        assertThat(refused.code()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(refused.out()).contains("not compared", "counted work");

        Run unknown = run("compare", "label:agent A", "label:nobody");
        assertThat(unknown.code()).isEqualTo(ExitCode.USAGE);
        assertThat(unknown.err()).contains("no entry has label 'nobody'");
    }

    @Test
    void theReportIsWrittenWhole(@TempDir Path dir) throws Exception {
        Path html = dir.resolve("report.html");

        Run r = run("report", "--output", html.toString(), "--json");

        assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.OK);
        JsonNode doc = JSON.readTree(r.out());
        assertThat(doc.get("log_verifies").asBoolean()).isTrue();
        assertThat(doc.get("head").asText()).hasSize(64);
        String page = Files.readString(html);
        assertThat(page.startsWith("<!DOCTYPE html>") && page.endsWith("</html>\n")).as("whole").isTrue();
        assertThat(page.contains(doc.get("head").asText())).as("names the head hash").isTrue();
        // Self-contained: nothing to run, nothing to fetch.
        for (String fetch : List.of("<script", "src=", "href=\"http", "url(", "@import")) {
            assertThat(page.contains(fetch)).as("the page contains " + fetch).isFalse();
        }
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(html);
        }
    }

    @Test
    void theHelpOfEachCommandExplainsIt() {
        StringWriter out = new StringWriter();
        Main.run(new String[] {"--help"}, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
        assertThat(out.toString()).contains("leaderboard", "compare", "report");
        Run compare = run("compare", "--help");
        assertThat(compare.out()).contains("Hodges-Lehmann", "Mann-Whitney", "label:NAME", "--threshold");
    }
}
