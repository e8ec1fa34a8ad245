package dev.scanbench.harness.verify;

import dev.scanbench.harness.candidate.Candidate;
import dev.scanbench.harness.candidate.CandidateLoader;
import dev.scanbench.harness.candidate.CompiledCandidate;
import dev.scanbench.harness.candidate.PreparedCandidate;
import dev.scanbench.harness.compile.Artifact;
import dev.scanbench.harness.compile.TestCompilers;
import dev.scanbench.harness.device.HarnessKernels;
import dev.scanbench.harness.ptx.StaticReport;
import java.nio.file.Path;
import java.util.List;

/** The test kernels under src/test/resources/kernels, prepared with the shared test compiler. */
final class Kernels {
    static final Path DIR = Path.of("src/test/resources/kernels");
    private static Artifact harness;

    private Kernels() {
    }

    static PreparedCandidate prepare(String relative) throws Exception {
        return new CandidateLoader(TestCompilers.shared()).prepare(Candidate.read(DIR.resolve(relative)));
    }

    /**
     * A test kernel compiled and its plan read, without the static checks: what the battery itself does with a
     * kernel whose flaw the static checks would refuse first.
     */
    static PreparedCandidate prepareUnchecked(String relative) throws Exception {
        Candidate c = Candidate.read(DIR.resolve(relative));
        Artifact a = TestCompilers.shared().compileCuda(c.path().toString(), c.text(),
                c.path().toAbsolutePath().getParent());
        CompiledCandidate compiled = new CompiledCandidate(c, a, new StaticReport(List.of()));
        return new PreparedCandidate(compiled, compiled.plan());
    }

    /** The 1-based line of a test kernel that ends with {@code marker}. */
    static int line(String relative, String marker) throws Exception {
        List<String> lines = java.nio.file.Files.readAllLines(DIR.resolve(relative));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).endsWith(marker)) {
                return i + 1;
            }
        }
        throw new AssertionError(relative + " has no line ending with " + marker);
    }

    static synchronized Artifact harness() throws Exception {
        if (harness == null) {
            harness = HarnessKernels.compile(TestCompilers.shared());
        }
        return harness;
    }
}
