package dev.scanbench.service.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scanbench.harness.cli.CliFailure;
import dev.scanbench.harness.cli.ExitCode;
import dev.scanbench.service.ServiceHome;
import dev.scanbench.service.job.SubmissionRequest;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code workbench submit KERNEL --server URL}: score a kernel on a scoring service and print score's report. */
@Command(name = "submit", mixinStandardHelpOptions = true,
        description = {
            "Submit a kernel to a scoring service (workbench serve) and print its score.",
            "It waits for the run and prints what `workbench score` prints (--json: its JSON). The kernel file alone is sent: a kernel that",
            "includes or imports local files cannot be scored by the service yet. The token is --token,",
            "else $WORKBENCH_TOKEN, else the admin token of a service on this machine (its state folder's",
            "admin-token). Exit codes are score's: 0 ok, 1 wrong answer or rejected, 2 usage or a request the",
            "service refused, 3 environment (no service there, the service could not score it)."
        })
final class SubmitCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Duration POLL = Duration.ofMillis(500);

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "KERNEL", description = "The kernel file: .cu, .ptx or .py, with its @plan.")
    Path kernel;

    @Option(names = "--server", defaultValue = "http://127.0.0.1:8737", paramLabel = "URL",
            description = "The service (default: ${DEFAULT-VALUE}).")
    URI server;

    @Option(names = "--token", paramLabel = "TOKEN", description = "API token (default: $WORKBENCH_TOKEN, else the local admin token).")
    String token;

    @Option(names = "--state", paramLabel = "DIR",
            description = "Where to find a local service's admin token (default: ~/.workbench/service).")
    Path state;

    @Option(names = "--backend", paramLabel = "auto|cuda|emulator", description = "As score's (default: auto).")
    String backend;

    @Option(names = "--n", paramLabel = "N", description = "As score's.")
    Long n;

    @Option(names = "--protocol", paramLabel = "default|re-bench", description = "As score's.")
    String protocol;

    @Option(names = "--mode", paramLabel = "cold|hot", description = "As score's.")
    String mode;

    @Option(names = "--timeout", paramLabel = "S", description = "As score's: the per-call limit in seconds.")
    Double timeout;

    @Option(names = "--label", paramLabel = "WHO", description = "As score's (default: the token's name).")
    String label;

    @Option(names = "--note", paramLabel = "TEXT", description = "As score's.")
    String note;

    @Option(names = "--no-wait", description = "Print the submission's id and URL and return at once.")
    boolean noWait;

    @Option(names = "--json", description = "Print score's JSON (or, with --no-wait, the submission's).")
    boolean json;

    @Override
    public Integer call() throws Exception {
        String source;
        try {
            source = Files.readString(kernel, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new CliFailure(ExitCode.IO, kernel + ": no such kernel file");
        } catch (MalformedInputException e) {
            throw new CliFailure(ExitCode.USAGE, kernel + ": not UTF-8 text");
        }
        // The service refuses it too (413); saying so here spares the upload and names the file.
        long size = source.getBytes(StandardCharsets.UTF_8).length;
        if (size > SubmissionRequest.MAX_SOURCE_BYTES) {
            throw new CliFailure(ExitCode.USAGE, kernel + ": " + size + " bytes; the service takes sources of at most "
                    + SubmissionRequest.MAX_SOURCE_BYTES + " bytes");
        }
        String bearer = token().orElseThrow(() -> new CliFailure(ExitCode.USAGE, "no API token: give --token, set"
                + " WORKBENCH_TOKEN, or run on the service's machine as its user (it reads "
                + adminTokenFile() + ")"));
        ObjectNode body = JSON.createObjectNode().put("file_name", kernel.getFileName().toString()).put("source", source);
        putIfSet(body, "backend", backend);
        if (n != null) {
            body.put("n", n);
        }
        putIfSet(body, "protocol", protocol);
        putIfSet(body, "mode", mode);
        if (timeout != null) {
            body.put("timeout", timeout);
        }
        putIfSet(body, "label", label);
        putIfSet(body, "note", note);

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        PrintWriter err = spec.commandLine().getErr();
        JsonNode accepted = call(http, HttpRequest.newBuilder(server.resolve("/submissions"))
                .header("Authorization", "Bearer " + bearer).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(), 202);
        String id = accepted.get("id").asText();
        URI status = server.resolve(accepted.get("url").asText());
        PrintWriter out = spec.commandLine().getOut();
        if (noWait) {
            if (json) {
                out.println(JSON.writeValueAsString(accepted));
            } else {
                out.printf("submitted %s: %s%n", id, status);
            }
            out.flush();
            return ExitCode.OK;
        }
        err.printf("submitted %s to %s; queued%n", id, server);
        err.flush();
        String last = "queued";
        long started = System.nanoTime();
        long lastSaid = started;
        JsonNode view;
        while (true) {
            view = call(http, HttpRequest.newBuilder(status).header("Authorization", "Bearer " + bearer).GET().build(), 200);
            String now = view.get("status").asText();
            if (!now.equals(last)) {
                err.printf("%s: %s%n", id, now);
                last = now;
                lastSaid = System.nanoTime();
            } else if (System.nanoTime() - lastSaid > 30e9) {
                err.printf("%s: still %s (%d s)%n", id, now, (System.nanoTime() - started) / 1_000_000_000L);
                lastSaid = System.nanoTime();
            }
            err.flush();
            if (!now.equals("queued") && !now.equals("running")) {
                break;
            }
            Thread.sleep(POLL.toMillis());
        }
        return finish(view, out, err);
    }

    private int finish(JsonNode view, PrintWriter out, PrintWriter err) throws IOException, CliFailure {
        String status = view.get("status").asText();
        JsonNode result = view.get("result");
        if (status.equals("done") && result != null && !result.isNull()) {
            if (json) {
                out.println(JSON.writeValueAsString(result));
            } else if (view.hasNonNull("report")) {
                out.print(view.get("report").asText());
            } else {
                out.println(JSON.writeValueAsString(result));
            }
            out.flush();
            JsonNode exit = view.get("exit_code");
            return exit != null && exit.isInt() ? exit.asInt() : "ok".equals(result.path("status").asText())
                    ? ExitCode.OK : ExitCode.CHECK_FAILED;
        }
        String why = view.hasNonNull("error") ? view.get("error").asText() : "no reason given";
        if (status.equals("cancelled")) {
            throw new CliFailure(ExitCode.CHECK_FAILED, "submission " + view.get("id").asText() + " was cancelled: " + why);
        }
        throw new CliFailure(ExitCode.ENVIRONMENT, "the service could not score submission " + view.get("id").asText()
                + ": " + why);
    }

    private JsonNode call(HttpClient http, HttpRequest request, int expected) throws CliFailure, InterruptedException {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException e) {
            throw new CliFailure(ExitCode.ENVIRONMENT, "no scoring service at " + server + " (connection refused);"
                    + " start one with `workbench serve`");
        } catch (IOException e) {
            throw new CliFailure(ExitCode.ENVIRONMENT, "cannot reach the scoring service at " + server + ": " + e);
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new CliFailure(ExitCode.ENVIRONMENT, server + " answered " + response.statusCode()
                    + " with something that is not JSON; is it a workbench service?");
        }
        if (response.statusCode() != expected) {
            String message = body.path("error").asText("HTTP " + response.statusCode());
            int code = response.statusCode() == 429 || response.statusCode() >= 500 ? ExitCode.ENVIRONMENT : ExitCode.USAGE;
            throw new CliFailure(code, "the service refused (" + response.statusCode() + "): " + message);
        }
        return body;
    }

    private Optional<String> token() throws IOException {
        if (token != null) {
            return Optional.of(token.strip());
        }
        String env = System.getenv("WORKBENCH_TOKEN");
        if (env != null && !env.isBlank()) {
            return Optional.of(env.strip());
        }
        Path file = adminTokenFile();
        if (Files.isReadable(file)) {
            return Optional.of(Files.readString(file, StandardCharsets.US_ASCII).strip());
        }
        return Optional.empty();
    }

    private Path adminTokenFile() {
        return (state != null ? state : ServiceHome.defaultRoot()).resolve("admin-token");
    }

    private static void putIfSet(ObjectNode body, String field, String value) {
        if (value != null) {
            body.put(field, value);
        }
    }
}
