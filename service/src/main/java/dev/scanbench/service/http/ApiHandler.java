package dev.scanbench.service.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scanbench.service.ScoringService;
import dev.scanbench.service.auth.Client;
import dev.scanbench.service.job.BadRequestException;
import dev.scanbench.service.job.JobStatus;
import dev.scanbench.service.job.SubmissionRequest;
import dev.scanbench.service.job.SubmissionState;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * The routes. Every answer is JSON (the public key's is PEM) and every refusal is {@code {"error", "status"}} with
 * its HTTP status: 400 malformed or invalid, 401 no or an unknown token, 403 not an admin, 404 unknown, 405 wrong
 * method, 409 already finished, 413 too large, 429 over the rate limit (with {@code Retry-After}). A refused
 * request changes nothing.
 */
public final class ApiHandler extends Handler.Abstract {
    private static final Logger LOG = Logger.getLogger(ApiHandler.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    /** A request body: the largest source, JSON-escaped at worst six bytes for one, is refused on its own. */
    static final int MAX_BODY_BYTES = 4 * SubmissionRequest.MAX_SOURCE_BYTES;
    /** How much of a too-large body is read and dropped so that its sender sees the 413 (see discard). */
    static final long DISCARD_LIMIT_BYTES = 64L << 20;
    private static final List<String> ENDPOINTS = List.of("GET /health", "GET /public-key", "POST /submissions",
            "GET /submissions", "GET /submissions/{id}", "DELETE /submissions/{id}", "GET /log?from=&limit=",
            "GET /leaderboard?by=kernel|label", "GET /report", "POST /tokens", "POST /mcp (MCP, streamable HTTP)");

    private final ScoringService service;

    public ApiHandler(ScoringService service) {
        this.service = service;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        String method = request.getMethod();
        try {
            Answer answer = route(method, path, request);
            send(response, callback, answer.status, answer.contentType, answer.body, null);
        } catch (ApiException e) {
            ObjectNode error = JSON.createObjectNode().put("error", e.getMessage()).put("status", e.status());
            send(response, callback, e.status(), "application/json", bytes(error), e.retryAfter());
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, method + " " + path + ": " + e, e);
            ObjectNode error = JSON.createObjectNode().put("error", "internal error: " + e).put("status", 500);
            send(response, callback, 500, "application/json", bytes(error), null);
        }
        return true;
    }

    private record Answer(int status, String contentType, byte[] body) {
        static Answer json(int status, JsonNode node) {
            return new Answer(status, "application/json", bytes(node));
        }
    }

    private Answer route(String method, String path, Request request) throws ApiException, IOException {
        if (path.equals("/health")) {
            allow(method, "GET");
            return Answer.json(200, service.health());
        }
        if (path.equals("/public-key")) {
            allow(method, "GET");
            return new Answer(200, "application/x-pem-file", service.publicKeyPem().getBytes(StandardCharsets.US_ASCII));
        }
        if (path.equals("/submissions")) {
            allow(method, "GET", "POST");
            Client client = authenticate(request);
            return method.equals("POST") ? submit(client, request) : Answer.json(200, service.list(client));
        }
        if (path.startsWith("/submissions/")) {
            allow(method, "GET", "DELETE");
            Client client = authenticate(request);
            String id = path.substring("/submissions/".length());
            SubmissionState s = service.find(client, id).orElseThrow(() -> new ApiException(404,
                    "no submission " + id + (client.admin() ? "" : " of yours")));
            if (method.equals("DELETE")) {
                if (s.status().finished()) {
                    throw new ApiException(409, "submission " + id + " is " + s.status().apiName() + " already");
                }
                service.cancel(id);
            }
            return Answer.json(200, service.view(id));
        }
        if (path.equals("/log")) {
            allow(method, "GET");
            authenticate(request);
            Fields q = Request.extractQueryParameters(request);
            long from = number(q, "from", 0, Long.MAX_VALUE, 0);
            int limit = (int) number(q, "limit", 1, 1000, 100);
            return Answer.json(200, service.logPage(from, limit));
        }
        if (path.equals("/leaderboard")) {
            allow(method, "GET");
            authenticate(request);
            String by = Optional.ofNullable(Request.extractQueryParameters(request).getValue("by")).orElse("kernel");
            if (!by.equals("kernel") && !by.equals("label")) {
                throw new ApiException(400, "by must be kernel or label, got \"" + by + "\"");
            }
            return Answer.json(200, service.leaderboard(by));
        }
        if (path.equals("/report")) {
            allow(method, "GET");
            authenticate(request);
            return new Answer(200, "text/html", service.report());
        }
        if (path.equals("/tokens")) {
            allow(method, "POST");
            Client client = authenticate(request);
            if (!client.admin()) {
                throw new ApiException(403, "only an admin token may create tokens");
            }
            JsonNode body = body(request);
            JsonNode name = body.get("name");
            if (name == null || !name.isTextual()) {
                throw new ApiException(400, "the body must be {\"name\": \"...\"}");
            }
            try {
                String token = service.createToken(name.asText());
                return Answer.json(201, JSON.createObjectNode().put("name", name.asText()).put("token", token));
            } catch (IllegalArgumentException e) {
                throw new ApiException(400, e.getMessage());
            }
        }
        ObjectNode none = JSON.createObjectNode().put("error", "no such endpoint: " + path).put("status", 404);
        ArrayNode list = none.putArray("endpoints");
        ENDPOINTS.forEach(list::add);
        return Answer.json(404, none);
    }

    private Answer submit(Client client, Request request) throws ApiException, IOException {
        JsonNode body = body(request);
        SubmissionRequest parsed;
        try {
            parsed = SubmissionRequest.parse(body);
        } catch (BadRequestException e) {
            throw new ApiException(e.tooLarge() ? 413 : 400, e.getMessage());
        }
        long wait = service.rateLimiter().tryAcquire(client.name());
        if (wait > 0) {
            throw new ApiException(429, "more than " + service.rateLimiter().limit() + " submissions a minute from "
                    + client.name() + "; retry in " + wait + " s", Long.toString(wait));
        }
        SubmissionState s = service.submit(client, parsed);
        ObjectNode out = JSON.createObjectNode().put("id", s.id()).put("status", JobStatus.QUEUED.apiName())
                .put("url", "/submissions/" + s.id());
        return Answer.json(202, out);
    }

    private Client authenticate(Request request) throws ApiException {
        String header = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (header == null || !header.startsWith("Bearer ")) {
            throw new ApiException(401, "an API token is needed: send \"Authorization: Bearer <token>\" (the admin"
                    + " token is in the service's admin-token file)");
        }
        return service.tokens().authenticate(header.substring("Bearer ".length()).strip())
                .orElseThrow(() -> new ApiException(401, "unknown API token"));
    }

    private static JsonNode body(Request request) throws ApiException, IOException {
        long declared = request.getLength();
        byte[] bytes;
        try (InputStream in = Content.Source.asInputStream(request)) {
            if (declared > MAX_BODY_BYTES) {
                discard(request, in);
                throw new ApiException(413, "the body is " + declared + " bytes; at most " + MAX_BODY_BYTES + " are read");
            }
            bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                discard(request, in);
                throw new ApiException(413, "the body is larger than " + MAX_BODY_BYTES + " bytes");
            }
        }
        try {
            JsonNode node = JSON.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw new ApiException(400, "the body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new ApiException(400, "malformed JSON: " + e.getOriginalMessage());
        }
    }

    /**
     * Reads and drops the rest of a body too large to take, up to {@link #DISCARD_LIMIT_BYTES}. A client that is
     * still sending it reads its 413 only if the server has read what it sent: answered mid-upload, it meets a
     * connection closed under it and reports an I/O error instead of the refusal (CI saw "header parser received no
     * bytes" for a 5 MiB body). A client that sent {@code Expect: 100-continue} has sent nothing yet; reading would
     * invite the body, so it is answered at once. A body beyond the limit is not read: the connection is closed under
     * it, which is the cheaper answer to a client that big.
     */
    private static void discard(Request request, InputStream in) throws IOException {
        if (request.getHeaders().contains(HttpHeader.EXPECT, HttpHeaderValue.CONTINUE.asString())) {
            return;
        }
        byte[] sink = new byte[64 * 1024];
        long left = DISCARD_LIMIT_BYTES;
        int got;
        while (left > 0 && (got = in.read(sink, 0, (int) Math.min(sink.length, left))) > 0) {
            left -= got;
        }
    }

    private static void allow(String method, String... allowed) throws ApiException {
        if (!List.of(allowed).contains(method)) {
            throw new ApiException(405, method + " is not allowed here; use " + String.join(" or ", allowed));
        }
    }

    private static long number(Fields q, String name, long min, long max, long dflt) throws ApiException {
        String v = q.getValue(name);
        if (v == null) {
            return dflt;
        }
        try {
            long n = Long.parseLong(v);
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ApiException(400, name + " must be an integer from " + min + " to " + max + ", got \"" + v + "\"");
        }
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return (JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void send(Response response, Callback callback, int status, String type, byte[] body,
            String retryAfter) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type + (type.startsWith("application/json")
                || type.startsWith("text/") ? "; charset=utf-8" : ""));
        if (retryAfter != null) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, retryAfter);
        }
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
