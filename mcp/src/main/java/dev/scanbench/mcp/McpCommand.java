package dev.scanbench.mcp;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scanbench.harness.Version;
import dev.scanbench.harness.session.WarmSpares;
import dev.scanbench.harness.worker.Spares;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * `workbench mcp`: the workbench's commands as Model Context Protocol tools over stdio (JSON-RPC on stdin and
 * stdout, one message a line), on the official MCP Java SDK. The server's JVM stays warm between calls; every
 * call runs the command's own code ({@link CliCall}), and the candidate still runs in a fresh sandboxed worker.
 */
@Command(name = "mcp", mixinStandardHelpOptions = true,
        description = {
            "Serve the workbench to an agent as MCP tools over stdio (JSON-RPC on stdin/stdout): score, verify, "
                    + "compile, run, log_tail, leaderboard, compare, doctor.",
            "Each tool's result is the command's --json document; a failure is a tool error with the same "
                    + "document. Register it in an MCP client as the command `workbench mcp` (README.md, "
                    + "\"Agent frameworks\"). Ends when stdin closes."
        })
final class McpCommand implements Callable<Integer> {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Option(names = "--workspace", paramLabel = "DIR",
            description = "Where kernels given as source are written, one folder per call (default: a fresh "
                    + "folder under the temporary directory).")
    Path workspace;

    @Option(names = "--spare-worker", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Keep one worker JVM started and warmed up (on the workbench's own kernels) while "
                    + "the agent is away, so the next score or verify skips the JVM start and the JIT warm-up; the "
                    + "candidate still runs alone in it, and it exits after that one job. Default: on; "
                    + "--no-spare-worker starts every worker cold.")
    boolean spareWorker;

    @Override
    public Integer call() throws Exception {
        // The protocol owns the real stdout: nothing else may print there, so System.out goes to stderr.
        OutputStream protocolOut = new FileOutputStream(FileDescriptor.out);
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));
        System.setProperty("workbench.progress", "true");
        CountDownLatch closed = new CountDownLatch(1);
        InputStream in = new FilterInputStream(new FileInputStream(FileDescriptor.in)) {
            @Override
            public int read() throws IOException {
                return ended(super.read());
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return ended(super.read(b, off, len));
            }

            private int ended(int n) {
                if (n < 0) {
                    closed.countDown();
                }
                return n;
            }
        };
        Path dir = workspace != null ? workspace : Files.createTempDirectory("workbench-mcp-");
        McpSyncServer server = server(in, protocolOut, new ToolCall(dir));
        if (spareWorker) {
            WarmSpares.keep(line -> System.err.println("workbench mcp: " + line));
        }
        closed.await();
        server.closeGracefully();
        Spares.stop();
        return 0;
    }

    static McpSyncServer server(InputStream in, OutputStream out, ToolCall calls) {
        McpJsonMapper mapper = new JacksonMcpJsonMapper(MAPPER);
        List<SyncToolSpecification> specs = new ArrayList<>();
        for (ToolDef tool : Tools.all()) {
            McpSchema.Tool described = McpSchema.Tool.builder().name(tool.name()).description(tool.description())
                    .inputSchema(mapper, tool.schema().toString()).build();
            specs.add(new SyncToolSpecification(described, (exchange, request) -> handle(tool, calls, exchange,
                    request)));
        }
        return McpServer.sync(new StdioServerTransportProvider(mapper, in, out))
                .serverInfo("workbench", Version.get())
                .jsonMapper(mapper)
                .instructions("Prefix-sum kernel workbench: compile, verify and score CUDA scan kernels. A typical "
                        + "loop: doctor once; then compile, verify, score (with a label) after each edit; "
                        + "leaderboard to see the best. Results are the CLI's --json documents.")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                // Arguments are checked here, into the commands' own usage error document.
                .validateToolInputs(false)
                .tools(specs)
                .build();
    }

    private static McpSchema.CallToolResult handle(ToolDef tool, ToolCall calls, McpSyncServerExchange exchange,
            McpSchema.CallToolRequest request) {
        Object token = request.meta() == null ? null : request.meta().get("progressToken");
        AtomicInteger step = new AtomicInteger();
        ToolCall.Outcome outcome = calls.call(tool, request.arguments(), line -> {
            if (token != null) {
                exchange.progressNotification(new McpSchema.ProgressNotification(token, step.incrementAndGet(),
                        null, line));
            }
        });
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("exit_code", outcome.exitCode());
        McpSchema.CallToolResult.Builder result = McpSchema.CallToolResult.builder()
                .addTextContent(outcome.json().isEmpty() ? outcome.stderr() : outcome.json())
                .isError(outcome.exitCode() != 0)
                .meta(meta);
        Map<String, Object> structured = structured(outcome.json());
        if (structured != null) {
            result.structuredContent(structured);
        }
        return result.build();
    }

    /** The document as an object, for clients that read structuredContent; null when it is not one. */
    private static Map<String, Object> structured(String json) {
        try {
            return json.startsWith("{") ? MAPPER.readValue(json, new TypeReference<Map<String, Object>>() {
            }) : null;
        } catch (IOException e) {
            return null;
        }
    }

}
