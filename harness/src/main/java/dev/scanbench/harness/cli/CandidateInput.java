package dev.scanbench.harness.cli;

import dev.scanbench.harness.candidate.Candidate;
import dev.scanbench.harness.candidate.UnsupportedCandidateException;
import dev.scanbench.harness.compile.NvccCompiler;
import dev.scanbench.harness.compile.ToolchainException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reading a KERNEL argument and locating the compiler, with the CLI's exit codes for what can go wrong. */
final class CandidateInput {
    private CandidateInput() {
    }

    /** The candidate file, read once; an unknown or unsupported type is a usage error (exit 2). */
    static Candidate read(Path kernel) throws IOException, CliFailure {
        if (!Files.isRegularFile(kernel)) {
            throw new CliFailure(ExitCode.IO, kernel + ": no such kernel file");
        }
        try {
            return Candidate.read(kernel);
        } catch (UnsupportedCandidateException e) {
            throw new CliFailure(ExitCode.USAGE, e.getMessage());
        }
    }

    /** The nvcc-backed compiler with its cache; no CUDA toolkit is an environment problem (exit 3). */
    static NvccCompiler compiler() throws CliFailure {
        try {
            return NvccCompiler.withDefaults();
        } catch (ToolchainException e) {
            throw new CliFailure(ExitCode.ENVIRONMENT, e.getMessage());
        }
    }
}
