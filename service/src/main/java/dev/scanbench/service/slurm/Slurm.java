package dev.scanbench.service.slurm;

import dev.scanbench.sandbox.Jail;
import dev.scanbench.sandbox.Limits;
import dev.scanbench.sandbox.RunResult;
import dev.scanbench.sandbox.Sandbox;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Slurm's client commands, run on this machine as the service's user against the cluster that
 * {@code SLURM_CONF} (or the default {@code /etc/slurm/slurm.conf}) names. They are trusted tools, so they run on
 * the host, not in the candidate sandbox, through the same runner (wall-time limit, whole process tree killed).
 */
public final class Slurm {
    private static final Duration COMMAND_LIMIT = Duration.ofSeconds(60);
    private static final Pattern FIELD = Pattern.compile("(\\w+)=(\\S*)");

    private final Sandbox host = Sandbox.host("Slurm's client commands are the service's own tools");
    private final Jail jail;

    /** @param workDir where the commands run (the service's state folder) */
    public Slurm(Path workDir) {
        this.jail = Jail.writable(workDir).build();
    }

    /** One job as {@code scontrol show job} has it. */
    public record JobInfo(String state, Integer exitCode, Integer signal, String reason, String node) {
    }

    /**
     * @return the partitions the controller lists
     * @throws IOException when no controller answers (the message is Slurm's own)
     */
    public List<String> partitions() throws IOException {
        RunResult r = run(List.of("sinfo", "-h", "-o", "%P"));
        List<String> out = new ArrayList<>();
        r.stdoutText().lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(l -> out.add(l.replace("*", "")));
        return out;
    }

    /**
     * Submits a batch script.
     *
     * @param options sbatch's options, before the script
     * @return the job id
     */
    public String submit(List<String> options, Path script) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("sbatch", "--parsable"));
        cmd.addAll(options);
        cmd.add(script.toString());
        String out = run(cmd).stdoutText().strip();
        String id = out.contains(";") ? out.substring(0, out.indexOf(';')) : out;
        if (!id.matches("\\d+")) {
            throw new IOException("sbatch printed no job id: " + out);
        }
        return id;
    }

    /** @return the state (PENDING, RUNNING, COMPLETED, ...) of each of these jobs the controller still knows */
    public Map<String, String> states(Collection<String> jobs) throws IOException {
        Map<String, String> states = new HashMap<>();
        if (jobs.isEmpty()) {
            return states;
        }
        RunResult r = host.run(List.of("squeue", "-h", "--states=all", "-o", "%i|%T", "-j", String.join(",", jobs)),
                jail, Limits.of(COMMAND_LIMIT));
        if (!r.ok()) {
            // squeue refuses the whole list when one id is unknown (purged); ask one by one then.
            if (r.stderrText().contains("Invalid job id") && jobs.size() > 1) {
                for (String j : jobs) {
                    states.putAll(states(List.of(j)));
                }
                return states;
            }
            if (r.stderrText().contains("Invalid job id")) {
                return states;
            }
            throw failure(List.of("squeue"), r);
        }
        for (String line : r.stdoutText().lines().toList()) {
            String[] f = line.strip().split("\\|");
            if (f.length == 2) {
                states.put(f[0], f[1]);
            }
        }
        return states;
    }

    /** @return the job as {@code scontrol show job} describes it, or empty when the controller forgot it */
    public Optional<JobInfo> show(String job) throws IOException {
        RunResult r = host.run(List.of("scontrol", "-o", "show", "job", job), jail, Limits.of(COMMAND_LIMIT));
        if (!r.ok()) {
            if (r.stderrText().contains("Invalid job id")) {
                return Optional.empty();
            }
            throw failure(List.of("scontrol", "show", "job"), r);
        }
        Map<String, String> f = new HashMap<>();
        Matcher m = FIELD.matcher(r.stdoutText());
        while (m.find()) {
            f.putIfAbsent(m.group(1), m.group(2));
        }
        Integer exit = null;
        Integer signal = null;
        String ec = f.get("ExitCode");
        if (ec != null && ec.matches("\\d+:\\d+")) {
            exit = Integer.parseInt(ec.substring(0, ec.indexOf(':')));
            signal = Integer.parseInt(ec.substring(ec.indexOf(':') + 1));
        }
        return Optional.of(new JobInfo(f.getOrDefault("JobState", "UNKNOWN"), exit, signal,
                f.getOrDefault("Reason", "None"), f.getOrDefault("NodeList", "")));
    }

    /** Cancels a job (a running one is signalled, then killed). */
    public void cancel(String job) throws IOException {
        run(List.of("scancel", job));
    }

    private RunResult run(List<String> cmd) throws IOException {
        RunResult r = host.run(cmd, jail, Limits.of(COMMAND_LIMIT));
        if (!r.ok()) {
            throw failure(cmd, r);
        }
        return r;
    }

    private static IOException failure(List<String> cmd, RunResult r) {
        String why = r.timedOut() ? "did not answer in " + COMMAND_LIMIT.toSeconds() + " s"
                : r.exitCode() == 127 || r.stderrText().contains("No such file") ? "is not installed here"
                : "exited " + r.exitCode() + ": " + (r.stderrText() + r.stdoutText()).strip();
        return new IOException(cmd.get(0) + " " + why);
    }
}
