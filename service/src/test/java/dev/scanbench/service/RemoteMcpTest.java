package dev.scanbench.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * MCP over HTTP at {@code /mcp}, driven by the official SDK's own streamable HTTP client, as a remote agent would:
 * the tools, a score through the queue with progress, the log and leaderboard, and the token rules.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class RemoteMcpTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private ScoringService service;
    private final List<McpSyncClient> clients = new CopyOnWriteArrayList<>();
    private final List<McpSchema.ProgressNotification> progress = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        service = ScoringService.start(new ScoringService.Config(dir.resolve("state"), "127.0.0.1", 0, 1, 30,
                Duration.ofMinutes(5)));
    }

    @AfterEach
    void stop() {
        clients.forEach(McpSyncClient::closeGracefully);
        service.close();
    }

    private McpSyncClient client(String token) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport
                .builder(service.url().toString())
                .endpoint("/mcp")
                .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + token))
                .jsonMapper(new JacksonMcpJsonMapper(JSON))
                .build();
        McpSyncClient c = McpClient.sync(transport).requestTimeout(Duration.ofMinutes(5))
                .progressConsumer(progress::add).build();
        clients.add(c);
        c.initialize();
        return c;
    }

    private static JsonNode structured(McpSchema.CallToolResult r) {
        return JSON.valueToTree(r.structuredContent());
    }

    private static McpSchema.CallToolResult call(McpSyncClient c, String tool, Map<String, Object> args) {
        return c.callTool(McpSchema.CallToolRequest.builder().name(tool).arguments(args).progressToken("p-" + tool)
                .build());
    }

    @Test
    void anAgentScoresThroughTheQueueWithProgressAndReadsTheLogAndTheLeaderboard() throws Exception {
        McpSyncClient agent = client(service.createToken("agent-a"));
        assertThat(agent.listTools().tools()).extracting(McpSchema.Tool::name)
                .containsExactly("score", "submission", "leaderboard", "log_tail");

        String source = Files.readString(ScoringServiceTest.KERNELS.resolve("adversarial/noop.cu"));
        McpSchema.CallToolResult scored = call(agent, "score", Map.of("file_name", "noop.cu", "source", source,
                "backend", "emulator", "n", 4097));

        assertThat(scored.isError()).as("a wrong kernel is a tool error").isTrue();
        JsonNode doc = structured(scored);
        assertThat(doc.path("status").asText()).as(doc.toString()).isEqualTo("wrong_answer");
        assertThat(scored.meta()).containsEntry("exit_code", 1);
        assertThat(progress).as("the score child's progress lines").isNotEmpty();
        String id = doc.path("submission").asText();
        assertThat(id).isNotEmpty();
        assertThat(doc.path("log").path("signed_by").asText()).isEqualTo(service.signingKey().publicKey().id());

        JsonNode tail = structured(call(agent, "log_tail", Map.of("entries", 5)));
        assertThat(tail.path("total").asInt()).isEqualTo(1);
        assertThat(tail.path("entries").get(0).path("submission").asText()).isEqualTo(id);
        assertThat(tail.path("entries").get(0).path("label").asText()).isEqualTo("agent-a");
        assertThat(structured(call(agent, "submission", Map.of("id", id))).path("status").asText()).isEqualTo("done");
        McpSchema.CallToolResult board = call(agent, "leaderboard", Map.of("by", "label"));
        assertThat(board.isError()).isFalse();
        assertThat(structured(board).path("entries").asInt()).isEqualTo(1);
        assertThat(structured(board).path("failed").asInt()).as("the wrong kernel is counted, never ranked").isEqualTo(1);

        McpSyncClient other = client(service.createToken("agent-b"));
        McpSchema.CallToolResult notYours = call(other, "submission", Map.of("id", id));
        assertThat(notYours.isError()).isTrue();
        assertThat(structured(notYours).path("error").path("message").asText()).contains("of yours");
        McpSchema.CallToolResult bad = call(other, "score", Map.of("file_name", "k.exe", "source", "x"));
        assertThat(bad.isError()).isTrue();
        assertThat(bad.meta()).containsEntry("exit_code", 2);
        assertThat(structured(call(other, "log_tail", Map.of("entries", 0))).path("exit_code").asInt()).isEqualTo(2);
        assertThat(structured(call(agent, "log_tail", Map.of())).path("total").asInt()).as("nothing more logged")
                .isEqualTo(1);
    }

    @Test
    void withoutAKnownTokenMcpAnswers401AndNothingReachesTheServer() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String initialize = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";
        for (String header : new String[] {null, "Bearer wb_not_a_token"}) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(service.url() + "/mcp"))
                    .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                    .POST(HttpRequest.BodyPublishers.ofString(initialize));
            if (header != null) {
                b.header("Authorization", header);
            }
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(JSON.readTree(r.body()).path("error").asText()).isNotEmpty();
        }
        HttpRequest.Builder ok = HttpRequest.newBuilder(URI.create(service.url() + "/mcp"))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .header("Authorization", "Bearer " + Files.readString(service.home().adminToken()).strip())
                .POST(HttpRequest.BodyPublishers.ofString(initialize));
        assertThat(http.send(ok.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }
}
