package dev.scanbench.service.mcp;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scanbench.harness.Version;
import dev.scanbench.service.ScoringService;
import dev.scanbench.service.auth.Client;
import dev.scanbench.service.job.BadRequestException;
import dev.scanbench.service.job.SubmissionRequest;
import dev.scanbench.service.job.SubmissionState;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.handler.ContextHandler;

/**
 * {@code /mcp}: the service's tools for remote agents over MCP's streamable HTTP transport (the official SDK's
 * servlet, in a Jetty servlet context), behind {@link BearerGate}. A tool call acts as the token's client, with the
 * same rate limit and visibility as the REST API; {@code score} waits on the queue as {@code workbench submit} does.
 */
public final class RemoteMcp implements AutoCloseable {
    /** Where the endpoint is. */
    public static final String PATH = "/mcp";
    private static final String CLIENT = "workbench.client";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final McpSyncServer server;
    private final ContextHandler handler;

    private RemoteMcp(McpSyncServer server, ContextHandler handler) {
        this.server = server;
        this.handler = handler;
    }

    /** Builds the endpoint over {@code service}; its handler goes under the service's server at {@link #PATH}. */
    public static RemoteMcp over(ScoringService service) {
        McpJsonMapper mapper = new JacksonMcpJsonMapper(JSON);
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(mapper)
                .mcpEndpoint(PATH)
                .maxRequestSize(4 * SubmissionRequest.MAX_SOURCE_BYTES)
                // The gate in front has checked the token; the tool handlers need whose it is.
                .contextExtractor(request -> McpTransportContext.create(Map.of(CLIENT,
                        BearerGate.client(service, request.getHeader("Authorization")).orElseThrow())))
                .build();
        List<SyncToolSpecification> specs = new ArrayList<>();
        for (RemoteTools.Tool tool : RemoteTools.all()) {
            McpSchema.Tool described = McpSchema.Tool.builder().name(tool.name()).description(tool.description())
                    .inputSchema(mapper, tool.schema().toString()).build();
            specs.add(new SyncToolSpecification(described, (exchange, request) -> call(service, tool.name(), exchange,
                    request)));
        }
        McpSyncServer server = McpServer.sync(transport)
                .serverInfo("workbench-service", Version.get())
                .jsonMapper(mapper)
                .instructions("Prefix-sum kernel scoring service: score a kernel's source (it is queued, checked and"
                        + " logged, signed), then read the leaderboard. Results are workbench score's --json documents.")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                .requestTimeout(Duration.ofHours(2))
                .validateToolInputs(false)
                .tools(specs)
                .build();
        ServletContextHandler context = new ServletContextHandler(PATH);
        // The endpoint is /mcp itself: without this Jetty redirects it to /mcp/, which MCP clients do not follow.
        context.setAllowNullPathInContext(true);
        context.addServlet(new ServletHolder(transport), "/*");
        context.insertHandler(new BearerGate(service));
        return new RemoteMcp(server, context);
    }

    /** @return the servlet context at {@link #PATH}, the token check inside it */
    public ContextHandler handler() {
        return handler;
    }

    @Override
    public void close() {
        server.closeGracefully();
    }

    private static McpSchema.CallToolResult call(ScoringService service, String tool, McpSyncServerExchange exchange,
            McpSchema.CallToolRequest request) {
        Client client = (Client) exchange.transportContext().get(CLIENT);
        Map<String, Object> args = request.arguments() == null ? Map.of() : request.arguments();
        try {
            return switch (tool) {
                case "score" -> score(service, client, args, exchange, request);
                case "submission" -> submission(service, client, args);
                case "leaderboard" -> {
                    Object by = args.getOrDefault("by", "kernel");
                    if (!"kernel".equals(by) && !"label".equals(by)) {
                        yield error("by must be kernel or label, got " + by, 2);
                    }
                    yield result(service.leaderboard((String) by), false, 0);
                }
                case "log_tail" -> {
                    Object n = args.getOrDefault("entries", 10);
                    if (!(n instanceof Number number) || number.intValue() < 1 || number.intValue() > 1000) {
                        yield error("entries must be an integer from 1 to 1000, got " + n, 2);
                    }
                    yield result(service.logTail(((Number) n).intValue()), false, 0);
                }
                default -> error("no such tool: " + tool, 2);
            };
        } catch (IOException | RuntimeException e) {
            return error("the service failed: " + e, 70);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return error("interrupted while waiting for the submission", 70);
        }
    }

    private static McpSchema.CallToolResult score(ScoringService service, Client client, Map<String, Object> args,
            McpSyncServerExchange exchange, McpSchema.CallToolRequest request) throws IOException,
            InterruptedException {
        SubmissionRequest parsed;
        try {
            parsed = SubmissionRequest.parse(JSON.valueToTree(args));
        } catch (BadRequestException e) {
            return error(e.getMessage(), 2);
        }
        long wait = service.rateLimiter().tryAcquire(client.name());
        if (wait > 0) {
            return error("more than " + service.rateLimiter().limit() + " submissions a minute from " + client.name()
                    + "; retry in " + wait + " s", 2);
        }
        String id = service.submit(client, parsed).id();
        Object token = request.meta() == null ? null : request.meta().get("progressToken");
        int sent = 0;
        while (true) {
            SubmissionState s = service.find(client, id).orElseThrow();
            if (token != null) {
                List<String> lines = service.progress(id);
                for (; sent < lines.size(); sent++) {
                    exchange.progressNotification(new McpSchema.ProgressNotification(token, sent + 1.0, null,
                            lines.get(sent)));
                }
            }
            if (s.status().finished()) {
                ObjectNode view = service.view(id);
                JsonNode result = view.get("result");
                if (s.status().apiName().equals("done") && result != null && result.isObject()) {
                    ObjectNode doc = ((ObjectNode) result).deepCopy().put("submission", id);
                    int code = s.exitCode() == null ? 0 : s.exitCode();
                    return result(doc, code != 0, code);
                }
                // Failed or cancelled: no entry was made; the view says why.
                return result(view, true, s.exitCode() == null ? 70 : s.exitCode());
            }
            Thread.sleep(250);
        }
    }

    private static McpSchema.CallToolResult submission(ScoringService service, Client client, Map<String, Object> args)
            throws IOException {
        Object id = args.get("id");
        if (!(id instanceof String text)) {
            return error("id (a string) is required", 2);
        }
        Optional<SubmissionState> s = service.find(client, text);
        if (s.isEmpty()) {
            return error("no submission " + text + (client.admin() ? "" : " of yours"), 2);
        }
        return result(service.view(text), false, 0);
    }

    private static McpSchema.CallToolResult error(String message, int exitCode) {
        ObjectNode doc = JSON.createObjectNode().put("ok", false).put("exit_code", exitCode);
        doc.putObject("error").put("message", message);
        return result(doc, true, exitCode);
    }

    private static McpSchema.CallToolResult result(JsonNode doc, boolean isError, int exitCode) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("exit_code", exitCode);
        McpSchema.CallToolResult.Builder b = McpSchema.CallToolResult.builder().addTextContent(doc.toString())
                .isError(isError).meta(meta);
        if (doc.isObject()) {
            b.structuredContent(JSON.convertValue(doc, new TypeReference<Map<String, Object>>() {
            }));
        }
        return b.build();
    }
}
