package dev.scanbench.harness.verify;

import dev.scanbench.harness.candidate.Candidate;
import dev.scanbench.harness.candidate.CandidateLoader;
import dev.scanbench.harness.candidate.PreparedCandidate;
import dev.scanbench.harness.compile.Artifact;
import dev.scanbench.harness.compile.TestCompilers;
import dev.scanbench.harness.device.HarnessKernels;
import java.nio.file.Path;

/** The test kernels under src/test/resources/kernels, prepared with the shared test compiler. */
final class Kernels {
    static final Path DIR = Path.of("src/test/resources/kernels");
    private static Artifact harness;

    private Kernels() {
    }

    static PreparedCandidate prepare(String relative) throws Exception {
        return new CandidateLoader(TestCompilers.shared()).prepare(Candidate.read(DIR.resolve(relative)));
    }

    static synchronized Artifact harness() throws Exception {
        if (harness == null) {
            harness = HarnessKernels.compile(TestCompilers.shared());
        }
        return harness;
    }
}
