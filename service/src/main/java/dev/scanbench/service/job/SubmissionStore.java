package dev.scanbench.service.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The submissions on disk, one folder each under {@code submissions/}: {@code state.json} (rewritten whole at each
 * change: temporary file, then rename), {@code kernel/FILE} (the source, the only file in its folder, so a
 * candidate sees no other submission), and once it ran {@code result.json} ({@code score --json-file}),
 * {@code report.txt} (score's text report) and {@code progress.log} (its stderr). A folder appears whole (made
 * aside, then renamed), so a crash leaves either no submission or a complete queued one.
 */
public final class SubmissionStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ID = Pattern.compile("s[0-9]{13}-[0-9a-f]{8}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path root;

    public SubmissionStore(Path root) {
        this.root = root;
    }

    /** Stores a new queued submission and returns its state. */
    public synchronized SubmissionState create(SubmissionRequest request, String client, String lane)
            throws IOException {
        byte[] random = new byte[4];
        RANDOM.nextBytes(random);
        // Time first, so that the ids sort in the order they were accepted.
        String id = String.format("s%013d-%s", System.currentTimeMillis(), HexFormat.of().formatHex(random));
        SubmissionState state = new SubmissionState(id, JobStatus.QUEUED, client, request.fileName(),
                request.optionsJson(), lane, Instant.now(), null, null, 0, null, null, null, null);
        Path tmp = root.resolve(".tmp-" + id);
        Files.createDirectories(tmp.resolve("kernel"));
        Files.writeString(tmp.resolve("kernel").resolve(request.fileName()), request.source(), StandardCharsets.UTF_8);
        Files.writeString(tmp.resolve("state.json"), JSON.writeValueAsString(state.toJson()), StandardCharsets.UTF_8);
        Files.move(tmp, root.resolve(id), StandardCopyOption.ATOMIC_MOVE);
        return state;
    }

    /** Replaces a submission's state. */
    public synchronized void save(SubmissionState state) throws IOException {
        Path dir = folder(state.id());
        Path tmp = dir.resolve(".state.json.tmp-" + UUID.randomUUID());
        Files.writeString(tmp, JSON.writeValueAsString(state.toJson()), StandardCharsets.UTF_8);
        Files.move(tmp, dir.resolve("state.json"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** @return the submission's state; empty for an id that is not one */
    public synchronized Optional<SubmissionState> get(String id) throws IOException {
        if (id == null || !ID.matcher(id).matches() || !Files.isRegularFile(folder(id).resolve("state.json"))) {
            return Optional.empty();
        }
        return Optional.of(SubmissionState.fromJson(JSON.readTree(folder(id).resolve("state.json").toFile())));
    }

    /** @return every submission, oldest first (half-made ones left by a crash are removed) */
    public synchronized List<SubmissionState> all() throws IOException {
        List<String> ids = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
            for (Path d : dirs) {
                String name = d.getFileName().toString();
                if (name.startsWith(".tmp-")) {
                    deleteTree(d);
                } else if (ID.matcher(name).matches()) {
                    ids.add(name);
                }
            }
        }
        ids.sort(null);
        List<SubmissionState> states = new ArrayList<>();
        for (String id : ids) {
            get(id).ifPresent(states::add);
        }
        return states;
    }

    /** @return the submission's request as accepted */
    public SubmissionRequest request(SubmissionState state) throws IOException {
        String source = Files.readString(kernel(state.id(), state.fileName()), StandardCharsets.UTF_8);
        return SubmissionRequest.of(state.fileName(), source, state.options());
    }

    /** @return the kernel file the child scores */
    public Path kernel(String id, String fileName) {
        return folder(id).resolve("kernel").resolve(fileName);
    }

    /** @return where the child writes score's JSON */
    public Path resultFile(String id) {
        return folder(id).resolve("result.json");
    }

    /** @return where the child's stdout (score's text report) goes */
    public Path reportFile(String id) {
        return folder(id).resolve("report.txt");
    }

    /** @return where the child's stderr (progress, errors) goes */
    public Path progressFile(String id) {
        return folder(id).resolve("progress.log");
    }

    /** @return score's JSON result, if the child wrote one */
    public Optional<JsonNode> result(String id) throws IOException {
        Path f = resultFile(id);
        return Files.isRegularFile(f) ? Optional.of(JSON.readTree(f.toFile())) : Optional.empty();
    }

    /** @return the file's text, if it exists */
    public Optional<String> text(Path file) throws IOException {
        return Files.isRegularFile(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8)) : Optional.empty();
    }

    /** @return the submission's folder */
    public Path folder(String id) {
        return root.resolve(id);
    }

    private static void deleteTree(Path p) throws IOException {
        if (Files.isDirectory(p)) {
            try (DirectoryStream<Path> children = Files.newDirectoryStream(p)) {
                for (Path c : children) {
                    deleteTree(c);
                }
            }
        }
        Files.deleteIfExists(p);
    }
}
