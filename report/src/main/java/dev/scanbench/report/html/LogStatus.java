package dev.scanbench.report.html;

import java.util.List;

/**
 * What the report says about the log's integrity: the chain's verification and the stored sources' audit.
 *
 * @param ok             whether the chain and every recorded source check out
 * @param entries        entries in the chain (all of them when ok)
 * @param headHash       the last verified entry's hash
 * @param chain          the chain verification in one sentence
 * @param sources        the source audit in one sentence
 * @param problems       every failure and warning, one sentence each
 */
public record LogStatus(boolean ok, long entries, String headHash, String chain, String sources,
                        List<String> problems) {
    public LogStatus {
        problems = List.copyOf(problems);
    }
}
