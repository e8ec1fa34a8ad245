package dev.scanbench.harness.ptx;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The findings of {@link StaticChecks} on one PTX module.
 *
 * @param findings every finding in PTX line order
 */
public record StaticReport(List<StaticFinding> findings) {

    public StaticReport {
        findings = List.copyOf(findings);
    }

    /** True when any finding disqualifies the candidate. */
    public boolean rejected() {
        return findings.stream().anyMatch(f -> f.kind().rejects());
    }

    /** The disqualifying findings. */
    public List<StaticFinding> rejections() {
        return findings.stream().filter(f -> f.kind().rejects()).collect(Collectors.toList());
    }

    /** The findings that are only reported. */
    public List<StaticFinding> flags() {
        return findings.stream().filter(f -> !f.kind().rejects()).collect(Collectors.toList());
    }
}
