package dev.scanbench.harness.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scanbench.harness.Defaults;
import dev.scanbench.harness.backend.emulator.EmulatorSupport;
import dev.scanbench.harness.backend.emulator.UnsupportedOnEmulatorException;
import dev.scanbench.harness.candidate.Candidate;
import dev.scanbench.harness.candidate.UnsupportedCandidateException;
import dev.scanbench.harness.compile.NvccCompiler;
import dev.scanbench.harness.compile.ToolchainException;
import dev.scanbench.harness.session.BackendRequest;
import dev.scanbench.harness.worker.WorkerLauncher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * What the kernel commands share: reading a KERNEL argument, the compiler, the worker launcher and the options
 * {@code --backend} and {@code --timeout}, with the CLI's exit codes for what can go wrong.
 */
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

    /** The worker launcher, its heap from {@code WORKBENCH_HEAP}; a value -Xmx refuses is a usage error. */
    static WorkerLauncher launcher() throws CliFailure {
        try {
            return WorkerLauncher.standard();
        } catch (IllegalArgumentException e) {
            throw new CliFailure(ExitCode.USAGE, e.getMessage());
        }
    }

    /** The value of {@code --backend}. */
    static BackendRequest backend(String value) throws CliFailure {
        try {
            return BackendRequest.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CliFailure(ExitCode.USAGE, "--backend must be auto, cuda or emulator, not " + value);
        }
    }

    /** The value of {@code --timeout S}, or null when not given (the backend's default applies). */
    static Duration timeout(Double seconds) throws CliFailure {
        // A limit below the watchdog's resolution (it looks every 0.1 s) could not be kept.
        return Seconds.parse("--timeout", seconds, Defaults.WORKER_POLL_INTERVAL, Defaults.WORKER_JOB_TIMEOUT, null);
    }


    /** The emulator cannot run the candidate: exit 3, every instruction listed. */
    static CliFailure unsupported(Path kernel, UnsupportedOnEmulatorException e) {
        ObjectNode details = Json.object();
        details.put("kernel", kernel.toString());
        details.set("unsupported", EmulatorSupport.toJson(e.instructions()));
        return new CliFailure(ExitCode.ENVIRONMENT, "unsupported", e.getMessage(), details);
    }
}
