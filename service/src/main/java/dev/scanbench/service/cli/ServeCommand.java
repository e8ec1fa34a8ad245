package dev.scanbench.service.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scanbench.harness.cli.CliFailure;
import dev.scanbench.harness.cli.ExitCode;
import dev.scanbench.harness.log.ScoreStores;
import dev.scanbench.service.ScoringService;
import dev.scanbench.service.ServiceHome;
import dev.scanbench.service.job.SlurmQueue;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code workbench serve}: the scoring service on the embedded defaults, until SIGINT or SIGTERM. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {
            "Run the scoring service over HTTP: clients submit kernels, it scores and logs them.",
            "Clients POST kernels (workbench submit); a queue scores each with `workbench score` (its",
            "candidate in the sandbox), and only the service appends to its score log,",
            "every entry signed with its Ed25519 key. State (log, key, tokens, submissions) is kept under",
            "--state, owner-only; the first start creates an admin token there (admin-token). Queued and",
            "interrupted submissions resume at the next start; none is logged twice. Stops on SIGINT/SIGTERM.",
            "Remote agents use it as an MCP server at http://HOST:PORT/mcp (streamable HTTP, the same tokens):",
            "tools score, submission, leaderboard, log_tail. With --log jdbc:postgresql://... the log is kept in",
            "PostgreSQL instead of --state.",
            "Exit 2 usage; 3 environment (no sandbox, no setpriv, the port taken)."
        })
final class ServeCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(names = "--state", paramLabel = "DIR",
            description = "The service's state folder (default: ~/.workbench/service).")
    Path state;

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "ADDR",
            description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
    String host;

    @Option(names = "--port", defaultValue = "8737", paramLabel = "P",
            description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one, printed at start).")
    int port;

    @Option(names = "--emulator-slots", paramLabel = "K",
            description = "Emulator submissions run at once (default: the number of cores). GPU submissions"
                    + " always run one at a time.")
    Integer emulatorSlots;

    @Option(names = "--rate", defaultValue = "60", paramLabel = "N",
            description = "Submissions one token may make in any minute (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--job-timeout", defaultValue = "3600", paramLabel = "S",
            description = "Seconds one submission may run, compile to log, before it is killed and failed"
                    + " (default: ${DEFAULT-VALUE}).")
    long jobTimeout;

    @Option(names = "--queue", defaultValue = "local", paramLabel = "ENGINE",
            description = {"local (default): submissions run on this machine, GPU ones one at a time, emulator ones"
                    + " --emulator-slots at once. slurm: each submission is an sbatch job on the cluster SLURM_CONF"
                    + " (or /etc/slurm/slurm.conf) names; its nodes must see --state and this workbench at the same"
                    + " paths. Jobs outlive a restart of the service and are followed again."})
    String queue;

    @Option(names = "--slurm-partition", paramLabel = "P",
            description = "The partition emulator jobs go to (default: the cluster's default partition).")
    String slurmPartition;

    @Option(names = "--slurm-gpu-partition", paramLabel = "P",
            description = "The partition GPU jobs go to, each with --gres=gpu:1 --exclusive (default: none; then"
                    + " backend auto means the emulator).")
    String slurmGpuPartition;

    @Option(names = "--slurm-poll", defaultValue = "2", paramLabel = "S",
            description = "Seconds between looks at the Slurm queue (default: ${DEFAULT-VALUE}).")
    double slurmPoll;

    @Option(names = "--log", paramLabel = "URL",
            description = {"The score store the service appends to (default: scores.jsonl in --state). A"
                    + " jdbc:postgresql://HOST:PORT/DB?user=ROLE URL keeps it in PostgreSQL: set it up once with"
                    + " `workbench log migrate --log URL-as-owner --grant ROLE`; the password comes from $PGPASSWORD"
                    + " or the pgpass file ($PGPASSFILE, else ~/.pgpass), never from the URL (score children"
                    + " are given the URL on their command line)."})
    String store;

    @Option(names = "--json", description = "Print the start-up report as one JSON line (for agents and scripts).")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            throw new CliFailure(ExitCode.USAGE, "--port must be 0 to 65535, got " + port);
        }
        if (rate < 1) {
            throw new CliFailure(ExitCode.USAGE, "--rate must be at least 1, got " + rate);
        }
        if (jobTimeout < 1) {
            throw new CliFailure(ExitCode.USAGE, "--job-timeout must be at least 1 second, got " + jobTimeout);
        }
        int slots = emulatorSlots != null ? emulatorSlots : Runtime.getRuntime().availableProcessors();
        if (slots < 1) {
            throw new CliFailure(ExitCode.USAGE, "--emulator-slots must be at least 1, got " + slots);
        }
        SlurmQueue.Settings slurm = null;
        if (queue.equals("slurm")) {
            if (!(slurmPoll >= 0.1 && slurmPoll <= 600)) {
                throw new CliFailure(ExitCode.USAGE, "--slurm-poll must be 0.1 to 600 seconds, got " + slurmPoll);
            }
            slurm = new SlurmQueue.Settings(slurmPartition, slurmGpuPartition,
                    Duration.ofMillis(Math.round(slurmPoll * 1000)));
        } else if (!queue.equals("local")) {
            throw new CliFailure(ExitCode.USAGE, "--queue must be local or slurm, not " + queue);
        } else if (slurmPartition != null || slurmGpuPartition != null) {
            throw new CliFailure(ExitCode.USAGE, "--slurm-partition and --slurm-gpu-partition need --queue slurm");
        }
        if (store != null && !ScoreStores.isDatabase(store)) {
            throw new CliFailure(ExitCode.USAGE, "--log takes a jdbc:postgresql:// URL; without it the service keeps"
                    + " its JSONL log in --state");
        }
        if (store != null && !store.equals(ScoreStores.redact(store))) {
            throw new CliFailure(ExitCode.USAGE, "--log must not hold a password (score children get the URL on their"
                    + " command line, where any user can read it): put it in $PGPASSWORD or the pgpass file");
        }
        Path root = state != null ? state : ServiceHome.defaultRoot();
        ScoringService service;
        try {
            service = ScoringService.start(new ScoringService.Config(root, host, port, slots, rate,
                    Duration.ofSeconds(jobTimeout), slurm, store));
        } catch (IllegalStateException e) {
            throw new CliFailure(ExitCode.ENVIRONMENT, e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new CliFailure(ExitCode.USAGE, e.getMessage());
        } catch (IOException e) {
            if (e instanceof BindException || e.getCause() instanceof BindException) {
                throw new CliFailure(ExitCode.ENVIRONMENT, "cannot listen on " + host + ":" + port + ": " + e.getMessage()
                        + " (another service there? pick another --port)");
            }
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            stopped.countDown();
        }, "service-shutdown"));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode o = JSON.createObjectNode().put("url", service.url().toString())
                    .put("state", service.home().root().toString())
                    .put("log", service.home().log().toString())
                    .put("public_key", service.signingKey().publicKeyFile().toString())
                    .put("signed_by", service.signingKey().publicKey().id())
                    .put("admin_token_file", service.home().adminToken().toString())
                    .put("admin_token_created", service.adminTokenCreated())
                    .put("resumed", service.resumed()).put("queue", service.engine())
                    .put("emulator_slots", service.engine().equals("local") ? slots : null);
            out.println(JSON.writeValueAsString(o));
        } else {
            out.printf("workbench service listening on %s%n", service.url());
            out.printf("state: %s (score log %s)%n", service.home().root(), service.home().log());
            out.printf("entries signed by key %s; public key: %s%n", service.signingKey().publicKey().id(),
                    service.signingKey().publicKeyFile());
            out.printf("admin token %s %s%n", service.adminTokenCreated() ? "created in" : "in",
                    service.home().adminToken());
            if (service.resumed() > 0) {
                out.printf("resumed %d submission(s) left by the last run%n", service.resumed());
            }
            if (service.engine().equals("local")) {
                out.printf("lanes: GPU one at a time, emulator %d at once; stop with Ctrl-C%n", slots);
            } else {
                out.printf("queue: Slurm (emulator jobs to %s, GPU jobs to %s); stop with Ctrl-C (jobs keep running)%n",
                        slurmPartition != null ? "partition " + slurmPartition : "the default partition",
                        slurmGpuPartition != null ? "partition " + slurmGpuPartition + " with --gres=gpu:1 --exclusive"
                                : "no GPU partition");
            }
        }
        out.flush();
        stopped.await();
        return ExitCode.OK;
    }
}
