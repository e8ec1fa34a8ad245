package dev.scanbench.harness.worker;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One kind of work the worker process can do (score, verify, run a kernel). Implementations are registered
 * for {@link java.util.ServiceLoader} in {@code META-INF/services/dev.scanbench.harness.worker.WorkerJob},
 * need a public no-argument constructor, and must keep it cheap: the worker instantiates every registered
 * job to find the one named in the request.
 */
public interface WorkerJob {

    /** @return the name requests use to select this job; unique among registered jobs */
    String name();

    /**
     * Runs the job in the worker process. Each candidate call (a launch of the candidate's plan) should be
     * bracketed by {@link WorkerChannel#call}, so the parent's watchdog can time it and name it if it hangs.
     *
     * @param request the job's request, as the parent gave it
     * @param channel where progress and call events go
     * @return the result, sent to the parent as {@link WorkerOutcome.Completed}
     * @throws JobFailure for a failure the job recognised (a device fault, a mismatch), with its kind
     * @throws Exception  anything else, reported to the parent as {@link WorkerOutcome.Failed} of kind
     *                    {@link FailureKinds#EXCEPTION} (or {@link FailureKinds#OUT_OF_MEMORY})
     */
    JsonNode run(JsonNode request, WorkerChannel channel) throws Exception;
}
