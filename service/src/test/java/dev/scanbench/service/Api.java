package dev.scanbench.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** A test's HTTP client of a running service: real requests over the loopback, JSON answers. */
final class Api {
    static final ObjectMapper JSON = new ObjectMapper();

    record Reply(int status, JsonNode body, HttpResponse<String> raw) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final String token;

    Api(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    Api as(String otherToken) {
        return new Api(base, otherToken);
    }

    Reply get(String path) throws IOException, InterruptedException {
        return send(builder(path).GET());
    }

    Reply delete(String path) throws IOException, InterruptedException {
        return send(builder(path).DELETE());
    }

    Reply post(String path, String body) throws IOException, InterruptedException {
        return send(builder(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A POST whose length is not declared: the client sends it chunked. */
    Reply postStreamed(String path, String body) throws IOException, InterruptedException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return send(builder(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(bytes))));
    }

    Reply post(String path, JsonNode body) throws IOException, InterruptedException {
        return post(path, JSON.writeValueAsString(body));
    }

    /** A submission of a kernel file on the emulator at a small n. */
    static ObjectNode submission(Path kernel, long n) throws IOException {
        return JSON.createObjectNode().put("file_name", kernel.getFileName().toString())
                .put("source", Files.readString(kernel, StandardCharsets.UTF_8)).put("backend", "emulator").put("n", n);
    }

    /** Waits until the submission has finished and returns its view. */
    JsonNode awaitFinished(String id, Duration limit) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            JsonNode view = get("/submissions/" + id).body();
            String status = view.path("status").asText();
            if (status.equals("done") || status.equals("failed") || status.equals("cancelled")) {
                return view;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("submission " + id + " still " + status + " after " + limit + ": " + view);
            }
            Thread.sleep(200);
        }
    }

    private HttpRequest.Builder builder(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60));
        return token == null ? b : b.header("Authorization", "Bearer " + token);
    }

    private Reply send(HttpRequest.Builder b) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        JsonNode body;
        try {
            body = JSON.readTree(r.body());
        } catch (IOException e) {
            body = null;
        }
        return new Reply(r.statusCode(), body, r);
    }
}
