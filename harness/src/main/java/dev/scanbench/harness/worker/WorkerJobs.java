package dev.scanbench.harness.worker;

import java.util.Optional;
import java.util.ServiceLoader;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The registry of {@link WorkerJob}s: every implementation listed in a
 * {@code META-INF/services/dev.scanbench.harness.worker.WorkerJob} file on the class path. ServiceLoader
 * rather than a map in code so that the glue, the tests and the shaded jar (whose build merges the service
 * files) each register their jobs where they are defined.
 */
public final class WorkerJobs {

    private WorkerJobs() {
    }

    /** @return the registered job called {@code name}, if any */
    public static Optional<WorkerJob> find(String name) {
        for (WorkerJob job : ServiceLoader.load(WorkerJob.class, WorkerJobs.class.getClassLoader())) {
            if (job.name().equals(name)) {
                return Optional.of(job);
            }
        }
        return Optional.empty();
    }

    /** @return the names of every registered job, sorted */
    public static SortedSet<String> names() {
        SortedSet<String> names = new TreeSet<>();
        ServiceLoader.load(WorkerJob.class, WorkerJobs.class.getClassLoader()).forEach(job -> names.add(job.name()));
        return names;
    }
}
