package dev.scanbench.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scanbench.harness.backend.cuda.CudaProbe;
import dev.scanbench.harness.cli.Main;
import dev.scanbench.harness.log.LogEntries;
import dev.scanbench.harness.log.LogEntry;
import dev.scanbench.harness.log.LogSigningKey;
import dev.scanbench.harness.log.ScoreStore;
import dev.scanbench.harness.log.ScoreStores;
import dev.scanbench.sandbox.Sandbox;
import dev.scanbench.service.auth.Client;
import dev.scanbench.service.auth.RateLimiter;
import dev.scanbench.service.auth.TokenStore;
import dev.scanbench.service.http.ApiHandler;
import dev.scanbench.service.slurm.Slurm;
import dev.scanbench.service.job.JobQueue;
import dev.scanbench.service.job.LocalQueue;
import dev.scanbench.service.job.Recovery;
import dev.scanbench.service.job.ScoreArguments;
import dev.scanbench.service.job.ScoreChild;
import dev.scanbench.service.job.SlurmQueue;
import dev.scanbench.service.job.SubmissionRequest;
import dev.scanbench.service.job.SubmissionState;
import dev.scanbench.service.job.SubmissionStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import dev.scanbench.service.mcp.RemoteMcp;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * One running scoring service: its state folder, tokens, signing key, submissions, queue and HTTP server. Only
 * the service appends to its log, each entry signed; candidates run, through {@code workbench score}, in the
 * sandbox, which shows them none of the state folder.
 */
public final class ScoringService implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * How a service is set up.
     *
     * @param home          the state folder
     * @param host          the address to listen on
     * @param port          the port (0: any free one)
     * @param emulatorSlots emulator submissions run at once
     * @param perMinute     submissions one token may make in any minute
     * @param jobTimeout    the most one submission may run
     * @param slurm         where jobs go on a Slurm cluster, or null for the local queue on this machine
     * @param store         the score store (a {@code jdbc:postgresql:} URL), or null for the JSONL log in the state
     *                      folder
     */
    public record Config(Path home, String host, int port, int emulatorSlots, int perMinute, Duration jobTimeout,
            SlurmQueue.Settings slurm, String store) {

        /** The local queue and the JSONL log in the state folder. */
        public Config(Path home, String host, int port, int emulatorSlots, int perMinute, Duration jobTimeout) {
            this(home, host, port, emulatorSlots, perMinute, jobTimeout, null, null);
        }

        /** The JSONL log in the state folder. */
        public Config(Path home, String host, int port, int emulatorSlots, int perMinute, Duration jobTimeout,
                SlurmQueue.Settings slurm) {
            this(home, host, port, emulatorSlots, perMinute, jobTimeout, slurm, null);
        }
    }

    private final ServiceHome home;
    private final TokenStore tokens;
    private final LogSigningKey key;
    private final ScoreStore log;
    private final SubmissionStore submissions;
    private final JobQueue queue;
    private final RateLimiter rateLimiter;
    private final boolean gpuPresent;
    private final String engine;
    private final Server server;
    private final RemoteMcp mcp;
    private final ServerConnector connector;
    private final boolean adminTokenCreated;
    private final int resumed;

    private ScoringService(Config config) throws Exception {
        Sandbox sandbox = Sandbox.detect();
        if (!sandbox.contained()) {
            throw new IllegalStateException("the scoring service runs candidates only in the sandbox, and it is off: "
                    + sandbox.whyUncontained().orElse("not contained"));
        }
        this.home = ServiceHome.open(config.home());
        this.tokens = TokenStore.load(home.tokens());
        this.adminTokenCreated = !tokens.hasAdmin();
        if (adminTokenCreated) {
            writeAdminToken(tokens.create("admin", true));
        }
        this.key = LogSigningKey.at(home.signingKey());
        this.log = ScoreStores.open(config.store() != null ? config.store() : home.log().toString(), key);
        this.submissions = new SubmissionStore(home.submissions());
        this.rateLimiter = new RateLimiter(config.perMinute(), Duration.ofMinutes(1));
        ScoreArguments arguments = new ScoreArguments(log.location(), key.file());
        if (config.slurm() == null) {
            this.gpuPresent = CudaProbe.unavailable().isEmpty();
            this.queue = new LocalQueue(submissions, log, ScoreChild.forThisJvm(), arguments, config.emulatorSlots(),
                    config.jobTimeout());
        } else {
            Slurm slurm = new Slurm(home.root());
            checkPartitions(slurm, config.slurm());
            // On a cluster the GPUs are the nodes', not this machine's: a GPU partition is what offers one.
            this.gpuPresent = config.slurm().gpuPartition() != null;
            this.queue = new SlurmQueue(submissions, log, ScoreChild.forThisJvm(), arguments, slurm, config.slurm(),
                    config.jobTimeout());
        }
        this.engine = config.slurm() == null ? "local" : "slurm";
        this.resumed = Recovery.resume(submissions, log, queue);
        QueuedThreadPool threads = new QueuedThreadPool(64, 4);
        threads.setName("service-http");
        threads.setDaemon(true);
        this.server = new Server(threads);
        this.connector = new ServerConnector(server);
        connector.setHost(config.host());
        connector.setPort(config.port());
        server.addConnector(connector);
        this.mcp = RemoteMcp.over(this);
        server.setHandler(new ContextHandlerCollection(new ContextHandler(new ApiHandler(this), "/"), mcp.handler()));
        server.setStopTimeout(2000);
    }

    /**
     * Opens the state (creating it, the admin token and the signing key on first start), resumes what a previous
     * run left queued or running, and starts listening.
     *
     * @throws IllegalStateException when the sandbox or setpriv is missing
     * @throws Exception             when the port cannot be bound or the state not read
     */
    public static ScoringService start(Config config) throws Exception {
        ScoringService s = new ScoringService(config);
        try {
            s.server.start();
        } catch (Exception e) {
            s.close();
            throw e;
        }
        return s;
    }

    private void writeAdminToken(String token) throws IOException {
        Path file = home.adminToken();
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, token + "\n", StandardCharsets.US_ASCII);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** @return where it listens, e.g. {@code http://127.0.0.1:8737} */
    public URI url() {
        String host = connector.getHost() == null ? "127.0.0.1" : connector.getHost();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + connector.getLocalPort());
    }

    /** @return the state folder */
    public ServiceHome home() {
        return home;
    }

    /** @return whether this start made the admin token */
    public boolean adminTokenCreated() {
        return adminTokenCreated;
    }

    /** @return submissions a previous run left, queued again at this start */
    public int resumed() {
        return resumed;
    }

    /** @return the signing key */
    public LogSigningKey signingKey() {
        return key;
    }

    public TokenStore tokens() {
        return tokens;
    }

    public RateLimiter rateLimiter() {
        return rateLimiter;
    }

    /** @return a new client token, shown once */
    public String createToken(String name) throws IOException {
        return tokens.create(name, false);
    }

    private static void checkPartitions(Slurm slurm, SlurmQueue.Settings settings) {
        List<String> partitions;
        try {
            partitions = slurm.partitions();
        } catch (IOException e) {
            throw new IllegalStateException("the Slurm queue needs a Slurm controller that answers (sinfo, with"
                    + " SLURM_CONF or /etc/slurm/slurm.conf): " + e.getMessage());
        }
        for (String p : java.util.Arrays.asList(settings.partition(), settings.gpuPartition())) {
            if (p != null && !partitions.contains(p)) {
                throw new IllegalArgumentException("Slurm has no partition \"" + p + "\" (it has " + partitions + ")");
            }
        }
    }

    /** @return {@code local} or {@code slurm}: the queue's engine */
    public String engine() {
        return engine;
    }

    /** Accepts a checked submission: stored, then queued. */
    public SubmissionState submit(Client client, SubmissionRequest request) throws IOException {
        boolean gpuLane = request.backend().equals("cuda") || request.backend().equals("auto") && gpuPresent;
        SubmissionState s = submissions.create(request, client.name(), gpuLane ? "gpu" : "emulator");
        queue.enqueue(s);
        return s;
    }

    /** @return the submission if it exists and the client may see it (its own, or any for an admin) */
    public Optional<SubmissionState> find(Client client, String id) throws IOException {
        return submissions.get(id).filter(s -> client.admin() || s.client().equals(client.name()));
    }

    /** Cancels a queued or running submission. */
    public void cancel(String id) throws IOException {
        queue.cancel(id);
    }

    /** @return the submission's state with its result ({@code score}'s JSON), report text and last progress lines */
    public ObjectNode view(String id) throws IOException {
        SubmissionState s = submissions.get(id).orElseThrow();
        ObjectNode o = s.toJson();
        JsonNode result = submissions.result(id).orElse(null);
        if (result == null && s.logSeq() != null) {
            result = entryAt(s.logSeq()).map(LogEntry::node).orElse(null);
        }
        o.set("result", result);
        o.put("report", submissions.text(submissions.reportFile(id)).orElse(null));
        String progress = submissions.text(submissions.progressFile(id)).orElse("");
        List<String> lines = progress.lines().toList();
        ArrayNode tail = o.putArray("progress_tail");
        lines.subList(Math.max(0, lines.size() - 20), lines.size()).forEach(tail::add);
        return o;
    }

    /** @return every progress line the submission's score child has written so far */
    public List<String> progress(String id) throws IOException {
        return submissions.text(submissions.progressFile(id)).orElse("").lines().toList();
    }

    /** @return the last {@code count} entries of the log, and its total */
    public ObjectNode logTail(int count) throws IOException {
        LogEntries entries = log.read();
        int from = Math.max(0, entries.size() - count);
        ObjectNode o = JSON.createObjectNode().put("total", entries.size()).put("from", from);
        ArrayNode page = o.putArray("entries");
        for (int i = from; i < entries.size(); i++) {
            page.add(entries.get(i).node());
        }
        return o;
    }

    /** @return the client's submissions (every one for an admin), newest first, at most 100 */
    public ObjectNode list(Client client) throws IOException {
        ObjectNode o = JSON.createObjectNode();
        ArrayNode list = o.putArray("submissions");
        List<SubmissionState> all = submissions.all();
        for (int i = all.size() - 1; i >= 0 && list.size() < 100; i--) {
            SubmissionState s = all.get(i);
            if (client.admin() || s.client().equals(client.name())) {
                list.add(s.toJson());
            }
        }
        return o;
    }

    /** @return entries {@code from} .. {@code from + limit - 1} of the log, and its total */
    public ObjectNode logPage(long from, int limit) throws IOException {
        LogEntries entries = log.read();
        ObjectNode o = JSON.createObjectNode().put("total", entries.size()).put("from", from).put("limit", limit);
        ArrayNode page = o.putArray("entries");
        for (long i = from; i < entries.size() && i < from + limit; i++) {
            page.add(entries.get((int) i).node());
        }
        return o;
    }

    /** @return {@code workbench leaderboard --json} over the service's log */
    public JsonNode leaderboard(String by) throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"leaderboard", "--json", "--by", by, "--log", log.location()},
                new PrintWriter(out, true), new PrintWriter(err, true));
        if (code != 0) {
            throw new IOException("leaderboard exited " + code + ": " + err.toString().strip());
        }
        return JSON.readTree(out.toString());
    }

    /**
     * @return {@code workbench report} over the service's log: one self-contained HTML page, written to a fresh
     *     file in the state folder (so two requests never share one) and removed once read
     */
    public byte[] report() throws IOException {
        Path page = Files.createTempFile(home.root(), "report-", ".html");
        try {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = Main.run(new String[] {"report", "--json", "--output", page.toString(), "--log",
                    log.location()}, new PrintWriter(out, true), new PrintWriter(err, true));
            if (code != 0) {
                throw new IOException("report exited " + code + ": " + (out + " " + err).strip());
            }
            return Files.readAllBytes(page);
        } finally {
            Files.deleteIfExists(page);
        }
    }

    /** @return the signing key's public half, PEM */
    public String publicKeyPem() {
        return key.publicKey().pem();
    }

    /** @return whether it is up, its queue, and whose key signs its log */
    public ObjectNode health() {
        return JSON.createObjectNode().put("ok", true).put("queued", queue.queued()).put("running", queue.running())
                .put("gpu", gpuPresent).put("engine", engine).put("store", log.engine()).put("signed_by", key.publicKey().id());
    }

    private Optional<LogEntry> entryAt(long seq) throws IOException {
        LogEntries entries = log.read();
        return seq < entries.size() ? Optional.of(entries.get((int) seq)) : Optional.empty();
    }

    /** Stops listening and kills running children; their submissions resume at the next start. */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            // Stopping is best effort; the queue below is what must end.
        }
        queue.close();
        mcp.close();
        try {
            log.close();
        } catch (IOException e) {
            // Closing a pool is best effort at shut-down; nothing is left half-written by it.
        }
    }
}
