package dev.scanbench.service.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Locale;

/**
 * A submission's state as kept in its {@code state.json}; every change writes a new one.
 *
 * @param id        the submission's id, also the score log entry's {@code submission}
 * @param status    where it is
 * @param client    the name of the token that submitted it
 * @param fileName  the kernel's file name
 * @param options   {@code score}'s options ({@link SubmissionRequest#optionsJson})
 * @param lane      {@code gpu} or {@code emulator}: which of the queue's lanes runs it
 * @param submitted when it was accepted
 * @param started   when its last attempt started, or null
 * @param finished  when it ended, or null
 * @param attempts  how many times a child was started for it (more than 1 after a restart of the service)
 * @param exitCode  the child's exit code, or null
 * @param error     why it failed or was requeued, or null
 * @param logSeq    the seq of its entry in the score log, or null
 * @param engineJob the queue engine's own id of its current attempt (a Slurm job id), or null
 */
public record SubmissionState(String id, JobStatus status, String client, String fileName, ObjectNode options,
        String lane, Instant submitted, Instant started, Instant finished, int attempts, Integer exitCode,
        String error, Long logSeq, String engineJob) {

    SubmissionState with(JobStatus s) {
        return new SubmissionState(id, s, client, fileName, options, lane, submitted, started, finished, attempts,
                exitCode, error, logSeq, engineJob);
    }

    /** The engine took an attempt (a Slurm job id); it counts as an attempt from now, waiting or running. */
    SubmissionState handedTo(String job) {
        return new SubmissionState(id, status, client, fileName, options, lane, submitted, started, null,
                attempts + 1, null, null, null, job);
    }

    /** Its engine job started running. */
    SubmissionState runningSince(Instant t) {
        return new SubmissionState(id, JobStatus.RUNNING, client, fileName, options, lane, submitted, t, null,
                attempts, null, null, null, engineJob);
    }

    SubmissionState startedAt(Instant t) {
        return new SubmissionState(id, JobStatus.RUNNING, client, fileName, options, lane, submitted, t, null,
                attempts + 1, null, null, null, engineJob);
    }

    SubmissionState endedAt(JobStatus s, Instant t, Integer exit, String why, Long seq) {
        return new SubmissionState(id, s, client, fileName, options, lane, submitted, started, t, attempts, exit, why,
                seq, engineJob);
    }

    SubmissionState requeued(String why) {
        return new SubmissionState(id, JobStatus.QUEUED, client, fileName, options, lane, submitted, started, null,
                attempts, null, why, null, null);
    }

    /** @return the state as stored and served */
    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("id", id).put("status", status.apiName()).put("client", client).put("file_name", fileName);
        o.set("options", options.deepCopy());
        o.put("lane", lane).put("submitted", submitted.toString())
                .put("started", started == null ? null : started.toString())
                .put("finished", finished == null ? null : finished.toString()).put("attempts", attempts)
                .put("exit_code", exitCode).put("error", error).put("log_seq", logSeq).put("engine_job", engineJob);
        return o;
    }

    /** Reads a stored state back. */
    static SubmissionState fromJson(JsonNode o) {
        return new SubmissionState(o.get("id").asText(), JobStatus.valueOf(o.get("status").asText()
                .toUpperCase(Locale.ROOT)), o.get("client").asText(), o.get("file_name").asText(),
                (ObjectNode) o.get("options"), o.get("lane").asText(), Instant.parse(o.get("submitted").asText()),
                instant(o.get("started")), instant(o.get("finished")), o.path("attempts").asInt(0),
                o.hasNonNull("exit_code") ? o.get("exit_code").asInt() : null,
                o.hasNonNull("error") ? o.get("error").asText() : null,
                o.hasNonNull("log_seq") ? o.get("log_seq").asLong() : null,
                o.hasNonNull("engine_job") ? o.get("engine_job").asText() : null);
    }

    private static Instant instant(JsonNode v) {
        return v == null || v.isNull() ? null : Instant.parse(v.asText());
    }
}
