package dev.scanbench.harness.session;

import dev.scanbench.harness.compile.ResourceUsage;
import dev.scanbench.sandbox.SourceDigest;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the parent knows of the candidate before it runs.
 *
 * @param kernel         the path as the user gave it
 * @param contentHash    the one SHA-256 standing for every local file the compiler read
 *                       ({@link SourceDigest#combined}): the file's own when it read no other; the file's own
 *                       when it did not compile
 * @param sources        those files with their SHA-256, the kernel first (the kernel alone when it did not
 *                       compile)
 * @param plan           the launch plan in canonical directive lines, or null when it could not be read
 * @param resources      ptxas resource usage per entry (empty when compilation failed)
 * @param staticFindings the static checks' notes (clock reads), in words
 * @param compiler       the compiler's release and flags, or null when compilation failed
 */
public record CandidateFacts(String kernel, String contentHash, List<SourceDigest> sources, String plan,
                             Map<String, ResourceUsage> resources, List<String> staticFindings,
                             CompilerFacts compiler) {
    public CandidateFacts {
        sources = List.copyOf(sources);
        resources = new TreeMap<>(resources);
        staticFindings = List.copyOf(staticFindings);
    }
}
