package dev.scanbench.harness.session;

import dev.scanbench.harness.compile.ResourceUsage;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the parent knows of the candidate before it runs.
 *
 * @param kernel         the path as the user gave it
 * @param contentHash    SHA-256 of the file's content
 * @param plan           the launch plan in canonical directive lines, or null when it could not be read
 * @param resources      ptxas resource usage per entry (empty when compilation failed)
 * @param staticFindings the static checks' notes (clock reads), in words
 * @param compiler       the compiler's release and flags, or null when compilation failed
 */
public record CandidateFacts(String kernel, String contentHash, String plan, Map<String, ResourceUsage> resources,
                             List<String> staticFindings, CompilerFacts compiler) {
    public CandidateFacts {
        resources = new TreeMap<>(resources);
        staticFindings = List.copyOf(staticFindings);
    }

    /** Facts without compiler details (a candidate refused before or during compilation). */
    public CandidateFacts(String kernel, String contentHash, String plan, Map<String, ResourceUsage> resources,
                          List<String> staticFindings) {
        this(kernel, contentHash, plan, resources, staticFindings, null);
    }
}
