/**
 * Worker-process isolation (DESIGN.md §3): the candidate's device code runs in a child JVM under a watchdog,
 * so that a hang, a crash, a device fault or an out-of-memory never takes the caller down.
 *
 * <p>Parent side: {@link dev.scanbench.harness.worker.WorkerLauncher} starts a
 * {@link dev.scanbench.harness.worker.WorkerProcess}, whose {@code await()} returns a
 * {@link dev.scanbench.harness.worker.WorkerOutcome}. Child side:
 * {@link dev.scanbench.harness.worker.WorkerMain} runs the {@link dev.scanbench.harness.worker.WorkerJob}
 * named in the request (registered with {@link java.util.ServiceLoader}), which reports through a
 * {@link dev.scanbench.harness.worker.WorkerChannel}.
 *
 * <p>Protocol: the parent writes one JSON request on the child's stdin, {@code {"job":NAME,"token":T,
 * "request":{...}}}, and closes it. The child writes one event per line on its original stdout, each line
 * {@code T} followed by a JSON object whose {@code "event"} is {@code progress}, {@code call-start},
 * {@code call-end}, and last {@code result} or {@code failure}. Everything else on stdout (a native
 * {@code printf}, a device-side {@code printf}, a JVM crash banner) is printed output, kept with stderr.
 */
package dev.scanbench.harness.worker;
