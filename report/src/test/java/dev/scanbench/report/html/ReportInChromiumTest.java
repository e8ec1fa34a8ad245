package dev.scanbench.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanbench.harness.cli.Main;
import dev.scanbench.report.ScoredLog;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.Pdf;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.print.PrintOptions;

/**
 * The report as a reviewer sees it: {@code workbench report} on a real scored log, opened from disk in a real
 * headless Chromium (Debian's chromium and chromedriver, which scripts/test installs) with its network off. Saves
 * a screenshot and a printed PDF under {@code target/} as build artifacts.
 */
class ReportInChromiumTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path OUT = Path.of("target", "report-in-chromium").toAbsolutePath();

    private static ChromeDriver driver;
    private static Path report;

    @BeforeAll
    static void openTheReport() throws Exception {
        assertThat(CHROMIUM).as("Debian's chromium (scripts/test installs it)").isExecutable();
        assertThat(CHROMEDRIVER).as("Debian's chromium-driver (scripts/test installs it)").isExecutable();
        Files.createDirectories(OUT);
        report = OUT.resolve("report.html");
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"report", "--log", ScoredLog.get().toString(), "--output",
            report.toString()}, new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertThat(code).as(err.toString()).isZero();

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // The flags that work on this machine (no sandbox as root; no background requests to a closed network),
        // and a fresh profile.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + Files.createTempDirectory(OUT, "profile-"));
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        // A laptop screen.
        driver.manage().window().setSize(new Dimension(1366, 768));
        driver.get(report.toUri().toString());
    }

    @AfterAll
    static void close() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void theConsoleHasNoErrorsAndThePageFetchedNothing() {
        List<LogEntry> logs = driver.manage().logs().get(LogType.BROWSER).getAll();

        assertThat(logs).filteredOn(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).isEmpty();
        Object requests = js("return performance.getEntriesByType('resource').length");
        assertThat(((Number) requests).intValue()).as("resources fetched by the page").isZero();
    }

    @Test
    void theLeaderboardRowsAreTheLogsBestEntries() {
        assertThat(driver.getTitle()).startsWith("Score report: ");
        assertThat(rows("table.leaderboard[data-board='simulated'][data-group='kernel'] tr.lb-row")).hasSize(2);
        assertThat(rows("table.leaderboard[data-board='emulator'][data-group='kernel'] tr.lb-row")).hasSize(4);
        assertThat(rows("table.leaderboard[data-board='emulator'][data-group='label'] tr.lb-row")).hasSize(2);
        assertThat(driver.findElement(By.cssSelector("p.empty[data-board='gpu']")).getText())
                .contains("No GPU-timed entries");
        WebElement first = rows("table.leaderboard[data-board='simulated'] tr.lb-row").get(0);
        assertThat(first.getText()).contains("04_lookback_single_thread.cu", "agent A", "fake clocked device");
        assertThat(driver.findElement(By.id("board-simulated")).getText()).contains("SIMULATED: not GPU times");
        assertThat(driver.findElement(By.id("board-emulator")).getText()).contains("EMULATOR");
        assertThat(rows("tr.practice-row")).hasSize(1);
    }

    @Test
    void theChartsAreDrawnWithTheirSeriesMarksAndSamples() {
        assertThat(rows("svg.chart.progress")).hasSize(3);
        assertThat(rows("svg.chart.progress[data-basis='gpu'] line.ref-line")).extracting(e -> e.getAttribute(
                "data-ref")).containsExactlyInAnyOrder("start", "reference", "human", "agent", "floor");
        assertThat(rows("svg.chart.progress[data-basis='emulator'] path.series")).hasSize(2);
        assertThat(rows("svg.chart.progress[data-basis='simulated'] path.series")).hasSize(2);
        assertThat(rows("svg.chart.samples circle.sample")).hasSizeGreaterThanOrEqualTo(20);
        WebElement chart = driver.findElement(By.cssSelector("svg.chart.progress[data-basis='emulator']"));
        assertThat(chart.getSize().getWidth()).as("rendered, and within the laptop's width").isBetween(600, 1366);
        assertThat(chart.getSize().getHeight()).isPositive();
        assertThat(rows("table.comparisons[data-board='simulated'] td.decision")).extracting(WebElement::getText)
                .containsExactly("SLOWER");
    }

    @Test
    void theVerifyStatusNamesTheHeadHashAndTheLaptopScreenNeverScrollsSideways() {
        WebElement status = driver.findElement(By.id("verify-status"));
        assertThat(status.getAttribute("class")).contains("ok");
        assertThat(status.getText()).contains("Log verifies", "9 sources intact").containsPattern("[0-9a-f]{64}");
        Object overflow = js("return document.documentElement.scrollWidth - window.innerWidth");
        assertThat(((Number) overflow).intValue()).isLessThanOrEqualTo(0);
    }

    @Test
    void aScreenshotAndAPrintedCopyAreSavedAsBuildArtifacts() throws Exception {
        long height = ((Number) js("return document.documentElement.scrollHeight")).longValue();
        driver.manage().window().setSize(new Dimension(1366, (int) Math.min(height + 140, 16_000)));
        Path png = OUT.resolve("report-screenshot.png");
        Files.write(png, driver.getScreenshotAs(OutputType.BYTES));
        assertThat(Files.size(png)).isGreaterThan(50_000);

        Pdf pdf = driver.print(new PrintOptions());
        byte[] bytes = Base64.getDecoder().decode(pdf.getContent());
        Path printed = OUT.resolve("report.pdf");
        Files.write(printed, bytes);
        assertThat(new String(bytes, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        driver.manage().window().setSize(new Dimension(1366, 768));
    }

    private static List<WebElement> rows(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    private static Object js(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

}
