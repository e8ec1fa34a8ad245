package dev.scanbench.harness.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scanbench.harness.log.LogEntries;
import dev.scanbench.harness.log.LogCorruptedException;
import dev.scanbench.harness.log.LogEntry;
import dev.scanbench.harness.log.LogLocation;
import dev.scanbench.harness.log.LogPublicKey;
import dev.scanbench.harness.log.LogVerification;
import dev.scanbench.harness.log.ScoreStore;
import dev.scanbench.harness.log.ScoreStores;
import dev.scanbench.harness.sources.SourceAudit;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** `workbench log show|tail|verify`: read and check the shared, hash-chained score log. */
@Command(name = "log", mixinStandardHelpOptions = true,
        description = {
            "Read and check the shared score log (JSON Lines, one hash-chained entry per scoring run).",
            "Location: --log PATH|URL, else $WORKBENCH_LOG, else ~/.workbench/scores.jsonl.",
            "A jdbc:postgresql://HOST:PORT/DB?user=ROLE location is a PostgreSQL store: the same entries, chain and",
            "signatures in a table (password from $PGPASSWORD or the pgpass file, never the command line)."
        },
        subcommands = {LogCommand.Show.class, LogCommand.Tail.class, LogCommand.Verify.class,
            LogCommand.Migrate.class})
final class LogCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a log subcommand is required: show, tail, verify or migrate");
    }

    /** Options every log subcommand takes. */
    static final class LogOptions {
        @Option(names = "--log", paramLabel = "PATH|URL",
                description = "The score log: a JSONL file, or a PostgreSQL store as"
                        + " jdbc:postgresql://HOST:PORT/DB?user=ROLE (default: $WORKBENCH_LOG, else"
                        + " ~/.workbench/scores.jsonl).")
        String log;

        @Option(names = "--json", description = "Print JSON (for agents).")
        boolean json;

        ScoreStore open() throws IOException {
            return ScoreStores.open(LogLocation.resolve(log, System.getenv()), null);
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Print every entry of the score log.")
    static final class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        LogOptions options;

        @Override
        public Integer call() throws IOException {
            try (ScoreStore log = options.open()) {
                LogEntries entries = log.read();
                print(spec.commandLine().getOut(), spec.commandLine().getErr(), log, entries, entries, options.json);
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "tail", mixinStandardHelpOptions = true, description = "Print the last entries of the score log.")
    static final class Tail implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        LogOptions options;

        @Option(names = {"-n", "--entries"}, defaultValue = "10", description = "How many (default: ${DEFAULT-VALUE}).")
        int count;

        @Override
        public Integer call() throws IOException {
            if (count < 0) {
                throw new ParameterException(spec.commandLine(), "--entries must be >= 0, got " + count);
            }
            try (ScoreStore log = options.open()) {
                LogEntries entries = log.read();
                List<LogEntry> last = entries.subList(Math.max(0, entries.size() - count), entries.size());
                print(spec.commandLine().getOut(), spec.commandLine().getErr(), log, entries, last, options.json);
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {
            "Check every entry's hash, its link to the previous entry, the numbering and the head file,",
            "then read back every entry's stored kernel source (PATH.sources) and check it against its hash.",
            "Exit code 1 names the first bad entry: edited, deleted, inserted, reordered or truncated, or a",
            "source missing or damaged. Entries scored before sources were stored are counted, not failed.",
            "With --public-key, every entry must also carry that key's Ed25519 signature (score --signing-key):",
            "the first unsigned or wrongly signed entry, one appended without the private key, fails."
        })
    static final class Verify implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        LogOptions options;

        @Option(names = "--public-key", paramLabel = "FILE",
                description = "Check every entry's signature against this Ed25519 public key (PEM; the .pub file"
                        + " written next to the signing key).")
        Path publicKey;

        @Override
        public Integer call() throws IOException, CliFailure {
            LogPublicKey key = LogSigning.publicKey(publicKey);
            try (ScoreStore log = options.open()) {
                return verify(log, key);
            }
        }

        private int verify(ScoreStore log, LogPublicKey key) throws IOException {
            LogVerification result = log.verify(key);
            // A log whose lines do not parse cannot be read entry by entry; its failure is the chain's.
            SourceAudit sources = null;
            try {
                sources = SourceAudit.of(log.read(), log.sources());
            } catch (LogCorruptedException e) {
                // reported by the chain verification above
            }
            boolean ok = result.ok() && sources != null && sources.ok();
            PrintWriter out = spec.commandLine().getOut();
            if (options.json) {
                ObjectNode node = Json.object();
                node.put("log", log.location());
                node.put("ok", ok);
                node.put("entries", result.entryCount());
                node.put("head", result.headHash());
                node.put("signed_by", result.signedBy().orElse(null));
                result.failure().ifPresent(f -> {
                    ObjectNode failure = node.putObject("failure");
                    failure.put("problem", f.problem().name().toLowerCase(java.util.Locale.ROOT));
                    failure.put("seq", f.seq());
                    failure.put("line", f.line());
                    failure.put("message", f.message());
                });
                ArrayNode warnings = node.putArray("warnings");
                result.warnings().forEach(warnings::add);
                node.set("sources", sourcesJson(sources));
                Json.print(out, node);
            } else {
                result.warnings().forEach(w -> spec.commandLine().getErr().println("warning: " + w));
                if (result.ok()) {
                    out.printf("%s verifies: %d entries, head %s%s%n", log.location(), result.entryCount(),
                            result.headHash(), result.signedBy().map(k -> ", every entry signed by key " + k)
                                    .orElse(""));
                } else {
                    out.printf("%s does NOT verify: %s%n", log.location(), result.failure().orElseThrow().message());
                }
                if (sources != null) {
                    out.printf("sources (%s): %s%n", log.sourcesLocation(), sources.summary());
                    sources.missing().forEach(m -> out.println("  missing: " + m));
                    sources.corrupt().forEach(m -> out.println("  damaged: " + m));
                }
            }
            return ok ? ExitCode.OK : ExitCode.CHECK_FAILED;
        }

        private static ObjectNode sourcesJson(SourceAudit a) {
            if (a == null) {
                return null;
            }
            ObjectNode o = Json.object();
            o.put("ok", a.ok());
            o.put("intact", a.checked());
            o.put("without_source", a.withoutSource());
            ArrayNode missing = o.putArray("missing");
            a.missing().forEach(missing::add);
            ArrayNode damaged = o.putArray("damaged");
            a.corrupt().forEach(damaged::add);
            return o;
        }
    }

    @Command(name = "migrate", mixinStandardHelpOptions = true,
            description = {
            "Create or upgrade a PostgreSQL score store's schema to this build's version (versioned migrations,",
            "each applied once), as the database's owner role, and grant each --grant ROLE what the scoring",
            "service needs: reading entries and sources, and appending them, never changing or deleting one (the",
            "tables refuse UPDATE, DELETE and TRUNCATE from everyone). Safe to run again: done steps are skipped."
        })
    static final class Migrate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        LogOptions options;

        @Option(names = "--grant", paramLabel = "ROLE",
                description = "A role to grant reading and appending (repeatable), e.g. the service's.")
        List<String> grant = new java.util.ArrayList<>();

        @Override
        public Integer call() throws IOException {
            String location = LogLocation.resolve(options.log, System.getenv());
            List<String> steps = ScoreStores.migrate(location, grant);
            PrintWriter out = spec.commandLine().getOut();
            if (options.json) {
                ObjectNode node = Json.object();
                node.put("log", ScoreStores.redact(location));
                ArrayNode done = node.putArray("steps");
                steps.forEach(done::add);
                Json.print(out, node);
            } else {
                steps.forEach(out::println);
            }
            return ExitCode.OK;
        }
    }

    private static void print(PrintWriter out, PrintWriter err, ScoreStore log, LogEntries all, List<LogEntry> shown,
            boolean json) {
        if (json) {
            ObjectNode node = Json.object();
            node.put("log", log.location());
            node.put("total", all.size());
            node.put("torn_tail_bytes", all.tornBytes());
            ArrayNode entries = node.putArray("entries");
            shown.forEach(e -> entries.add(e.node()));
            Json.print(out, node);
            return;
        }
        if (all.hasTornTail()) {
            err.printf("warning: %s ends with a torn line of %d bytes (a crash mid-write); the next append repairs it%n",
                    log.location(), all.tornBytes());
        }
        if (all.isEmpty()) {
            out.printf("%s: no entries%n", log.location());
            return;
        }
        out.printf("%5s  %-20s  %-12s  %s%n", "seq", "time (UTC)", "hash", "entry");
        for (LogEntry entry : shown) {
            out.printf("%5d  %-20s  %-12s  %s%n", entry.seq(), entry.time().toString().replaceAll("\\.\\d+Z$", "Z"),
                    entry.hash().substring(0, 12), summary(entry.payload()));
        }
    }

    /** Fields a scoring entry is summarised by, in this order; the rest stay in `log show --json`. */
    private static final List<String> SCORE_FIELDS = List.of("kernel", "status", "backend", "n", "time_ms", "score",
            "normalised");

    /**
     * The payload on one line: a scoring entry by its key fields, any other entry by all its fields. Line breaks
     * inside values (a plan) are shown as "\n" so that one entry stays one line.
     */
    private static String summary(JsonNode payload) {
        List<String> parts = new java.util.ArrayList<>();
        if (payload.has("status") && payload.has("kernel")) {
            for (String key : SCORE_FIELDS) {
                JsonNode value = payload.get(key);
                if (value != null && !value.isNull()) {
                    parts.add(key + "=" + oneLine(value));
                }
            }
        } else {
            payload.fields().forEachRemaining(field -> parts.add(field.getKey() + "=" + oneLine(field.getValue())));
        }
        return String.join(" ", parts);
    }

    private static String oneLine(JsonNode value) {
        String text = value.isValueNode() ? value.asText() : value.toString();
        return text.replace("\n", "\\n");
    }
}
