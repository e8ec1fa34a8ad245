package dev.scanbench.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scanbench.harness.cli.Main;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code workbench mcp} as an agent framework sees it: the MCP SDK's own client starts the server as a real
 * subprocess (this module's class path, the CLI's Main) and talks to it over stdio. Real nvcc, real worker JVMs on
 * the emulator, a real score log.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkbenchMcpServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SHIPPED = Path.of("../kernels/02_warp_shuffle_reduce_then_scan.cu").toAbsolutePath();
    private static final Path ADVERSARIAL = Path.of("../harness/src/test/resources/kernels/adversarial")
            .toAbsolutePath();

    @TempDir
    static Path dir;

    private McpSyncClient client;
    private final List<McpSchema.ProgressNotification> progress = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    void startServer() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ServerParameters server = ServerParameters.builder(java)
                .args("-Xmx1g", "-XX:TieredStopAtLevel=1",
                        "-Dworkbench.cache.dir=" + System.getProperty("workbench.cache.dir"),
                        "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                        "mcp", "--workspace", dir.resolve("workspace").toString())
                .build();
        StdioClientTransport transport = new StdioClientTransport(server, new JacksonMcpJsonMapper(JSON));
        transport.setStdErrorHandler(line -> { });
        client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(180))
                .progressConsumer(progress::add).build();
        client.initialize();
    }

    @BeforeEach
    void forgetProgress() {
        // Each test hears only its own calls' notifications (the server's client is shared).
        progress.clear();
    }

    @AfterAll
    void stopServer() {
        if (client != null) {
            client.closeGracefully();
        }
    }

    private McpSchema.CallToolResult call(String tool, Map<String, Object> arguments, Object progressToken) {
        McpSchema.CallToolRequest.Builder request = McpSchema.CallToolRequest.builder().name(tool)
                .arguments(arguments);
        if (progressToken != null) {
            request.progressToken(progressToken);
        }
        return client.callTool(request.build());
    }

    private static JsonNode document(McpSchema.CallToolResult result) throws Exception {
        String text = ((McpSchema.TextContent) result.content().get(0)).text();
        JsonNode doc = JSON.readTree(text);
        assertThat((JsonNode) JSON.valueToTree(result.structuredContent())).as("structuredContent is the same document")
                .isEqualTo(doc);
        return doc;
    }

    private static Map<String, Object> args(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    private String log() {
        return dir.resolve("scores.jsonl").toString();
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyToolIsListedWithADescriptionAndAnObjectSchema() {
        List<McpSchema.Tool> tools = client.listTools().tools();

        assertThat(tools).extracting(McpSchema.Tool::name).containsExactly("score", "verify", "compile", "run",
                "log_tail", "leaderboard", "compare", "doctor");
        for (McpSchema.Tool tool : tools) {
            assertThat(tool.description()).as(tool.name()).hasSizeGreaterThan(100);
            assertThat(tool.inputSchema().get("type")).isEqualTo("object");
        }
        McpSchema.Tool score = tools.get(0);
        assertThat(((Map<String, ?>) score.inputSchema().get("properties")).keySet()).contains("kernel", "source", "file_name", "backend", "n",
                "protocol", "mode", "timeout", "label", "log");
    }

    @Test
    void aShippedKernelScoresWithProgressAndTheBestSoFarThenTheLogShowsIt() throws Exception {
        McpSchema.CallToolResult result = call("score", args("kernel", SHIPPED.toString(), "backend", "emulator",
                "n", 4097, "label", "mcp-test", "log", log()), "score-1");

        JsonNode doc = document(result);
        assertThat(result.isError()).as(doc.toString()).isFalse();
        assertThat(result.meta().get("exit_code")).isEqualTo(0);
        assertThat(doc.get("status").asText()).isEqualTo("ok");
        assertThat(doc.at("/gate/passed").asInt()).isEqualTo(doc.at("/gate/cases").asInt()).isPositive();
        assertThat(doc.at("/model/binding").asText()).isIn("traffic", "latency", "issue", "launches");
        assertThat(doc.at("/best_so_far/improved").asBoolean()).as("the first passing run in a fresh log").isTrue();
        assertThat(doc.at("/best_so_far/best_for_label/label").asText()).isEqualTo("mcp-test");
        assertThat(doc.at("/best_so_far/binding").asText()).isEqualTo(doc.at("/model/binding").asText());
        assertThat(progress).as("progress lines while it ran").isNotEmpty()
                .allSatisfy(p -> assertThat(p.progressToken()).isEqualTo("score-1"));

        McpSchema.CallToolResult tail = call("log_tail", args("entries", 1, "log", log()), null);
        assertThat(tail.isError()).isFalse();
        assertThat(((McpSchema.TextContent) tail.content().get(0)).text()).contains("mcp-test");
    }

    /** The server's doctor finding on its spare worker, once it is ready (as an agent away a while finds it). */
    private String awaitReadySpare() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        String detail = "";
        while (System.nanoTime() < deadline) {
            for (JsonNode f : document(call("doctor", Map.of(), null)).get("findings")) {
                if (f.get("name").asText().equals("spare worker")) {
                    detail = f.get("detail").asText();
                }
            }
            if (detail.startsWith("ready: ")) {
                return detail;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the spare worker was not ready in 120 s: " + detail);
    }

    @Test
    void aScoreRunsInTheServersWarmedSpareWorker() throws Exception {
        assertThat(awaitReadySpare()).contains("warmed up");
        McpSchema.CallToolResult result = call("score", args("kernel", SHIPPED.toString(), "backend", "emulator",
                "n", 4097, "log", dir.resolve("spare.jsonl").toString()), "spare-1");

        assertThat(result.isError()).as(document(result).toString()).isFalse();
        assertThat(progress).filteredOn(p -> "spare-1".equals(p.progressToken())).extracting(
                McpSchema.ProgressNotification::message).anySatisfy(m -> assertThat(m)
                .startsWith("worker: a spare worker JVM").contains("warmed up"));
    }

    @Test
    void aToolsResultIsTheCommandsJsonDocument() throws Exception {
        // The command in a JVM of its own with the server's flags (doctor reports the JVM's heap).
        Process cli = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "doctor", "--json").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(cli.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        int code = cli.waitFor();

        McpSchema.CallToolResult result = call("doctor", Map.of(), null);

        assertThat(result.meta().get("exit_code")).isEqualTo(code);
        // The server's JVM has one thing the CLI's has not: its spare worker, a finding of its own, last.
        ObjectNode served = (ObjectNode) JSON.readTree(((McpSchema.TextContent) result.content().get(0)).text());
        ArrayNode findings = (ArrayNode) served.get("findings");
        assertThat(findings.get(findings.size() - 1).get("name").asText()).isEqualTo("spare worker");
        findings.remove(findings.size() - 1);
        assertThat(served).isEqualTo(JSON.readTree(out));
    }

    @Test
    void aWrongKernelGivenAsSourceIsAToolErrorWithTheFailingCase() throws Exception {
        String source = Files.readString(ADVERSARIAL.resolve("half_output.cu"));
        McpSchema.CallToolResult result = call("score", args("source", source, "file_name", "half_output.cu",
                "backend", "emulator", "n", 4097, "log", log()), null);

        JsonNode doc = document(result);
        assertThat(result.isError()).isTrue();
        assertThat(result.meta().get("exit_code")).isEqualTo(1);
        assertThat(doc.get("status").asText()).isEqualTo("wrong_answer");
        assertThat(doc.at("/failure/kind").asText()).isEqualTo("mismatch");
        assertThat(doc.get("kernel").asText()).endsWith("half_output.cu").contains("workspace");
    }

    @Test
    void malformedCallsAreUsageErrorsInTheCommandsErrorDocument() throws Exception {
        JsonNode noKernel = document(call("score", args("n", 4097), null));
        assertThat(noKernel.at("/exit_code").asInt()).isEqualTo(2);
        assertThat(noKernel.at("/error/kind").asText()).isEqualTo("usage");
        assertThat(noKernel.at("/error/message").asText()).contains("'kernel'", "'source'");

        McpSchema.CallToolResult unknown = call("compile", args("kernel", SHIPPED.toString(), "bogus", 1), null);
        assertThat(unknown.isError()).isTrue();
        assertThat(document(unknown).at("/error/message").asText()).contains("bogus", "compile-timeout");

        McpSchema.CallToolResult badValue = call("score", args("kernel", SHIPPED.toString(), "n", "lots",
                "log", log()), null);
        JsonNode bad = document(badValue);
        assertThat(badValue.isError()).isTrue();
        assertThat(badValue.meta().get("exit_code")).isEqualTo(2);
        assertThat(bad.get("command").asText()).isEqualTo("score");
        assertThat(bad.at("/error/kind").asText()).isEqualTo("usage");
        assertThat(bad.at("/error/message").asText()).contains("--n", "lots");
    }

    @Test
    void aKernelThatNeverEndsIsStoppedByTheWatchdogAndReportedAsAHang() throws Exception {
        McpSchema.CallToolResult result = call("verify", args("kernel", ADVERSARIAL.resolve("endless.cu").toString(),
                "timeout", 2), null);

        JsonNode doc = document(result);
        assertThat(result.isError()).isTrue();
        assertThat(result.meta().get("exit_code")).isEqualTo(1);
        assertThat(doc.at("/failure/kind").asText()).isEqualTo("hang");
    }
}
