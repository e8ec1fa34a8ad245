package dev.scanbench.harness.candidate;

import dev.scanbench.harness.compile.Artifact;
import dev.scanbench.harness.ptx.StaticReport;

/**
 * A candidate compiled and statically checked, its plan not yet read.
 *
 * @param candidate the file as read
 * @param artifact  PTX, cubin, entries and resource usage
 * @param checks    the static findings (none rejecting: those throw {@link StaticCheckException})
 */
public record CompiledCandidate(Candidate candidate, Artifact artifact, StaticReport checks) {
}
