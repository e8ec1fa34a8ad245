package dev.scanbench.harness.doctor;

import dev.scanbench.harness.compile.Toolchain;
import dev.scanbench.harness.compile.ToolchainException;
import dev.scanbench.harness.doctor.Finding.Status;
import dev.scanbench.harness.worker.Spares;
import dev.scanbench.sandbox.Sandbox;
import dev.scanbench.tritonbridge.TritonEnvironment;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Inspects this machine for what the workbench can use: the JVM, nvcc, a CUDA driver and GPUs, Python and Triton.
 * Nothing here is fatal: each missing piece only disables the features that need it, and the finding says which.
 */
public final class Doctor {

    private Doctor() {
    }

    /** Every finding, in a stable order. */
    public static List<Finding> examine() {
        List<Finding> findings = new ArrayList<>();
        findings.add(java());
        findings.add(nvcc());
        findings.add(sandbox());
        findings.addAll(CudaDriverProbe.probe());
        Optional<String> python = CommandProbe.which("python3");
        findings.add(python(python));
        findings.add(triton(python));
        // Only a long-lived parent (workbench mcp) keeps a spare worker; a one-shot command has none to report.
        Spares.describe().ifPresent(d -> findings.add(new Finding("spare worker",
                d.startsWith("not ready") ? Status.WARN : Status.OK, d)));
        return findings;
    }

    private static Finding java() {
        Runtime runtime = Runtime.getRuntime();
        String detail = String.format("%s (%s), max heap %d MiB, %d cores",
                Runtime.version(), System.getProperty("java.home"), runtime.maxMemory() >> 20,
                runtime.availableProcessors());
        Status status = Runtime.version().feature() >= 17 ? Status.OK : Status.WARN;
        return new Finding("java", status, detail);
    }

    /** Asks the same {@link Toolchain} lookup the compiler uses, so doctor and compile never disagree. */
    private static Finding nvcc() {
        try {
            Toolchain toolchain = Toolchain.locate();
            return new Finding("nvcc", Status.OK, toolchain.release() + " (" + toolchain.nvcc() + ")");
        } catch (ToolchainException e) {
            return new Finding("nvcc", Status.MISSING, e.getMessage() + "; CUDA candidates cannot be compiled");
        }
    }

    /** Whether candidate code can run contained: without it Triton candidates are refused (see README, threat model). */
    private static Finding sandbox() {
        Sandbox s = Sandbox.detect();
        if (s.contained()) {
            return new Finding("sandbox", Status.OK, s.describe());
        }
        return new Finding("sandbox", Status.MISSING, s.whyUncontained().orElse("unavailable")
                + "; Triton candidates are refused, nvcc and the worker run uncontained");
    }

    private static Finding python(Optional<String> python) {
        if (python.isEmpty()) {
            return new Finding("python", Status.MISSING, "python3 not on PATH; Triton candidates are unavailable");
        }
        String version = CommandProbe.output(List.of(python.get(), "--version")).orElse("version query failed");
        return new Finding("python", Status.OK, version + " (" + python.get() + ")");
    }

    /** The workbench's own Triton environment (not the system Python's packages): what Triton candidates use. */
    private static Finding triton(Optional<String> python) {
        TritonEnvironment env = TritonEnvironment.atDefaultLocation();
        if (env.isReady()) {
            Optional<String> version = env.installedVersion();
            return version.map(v -> new Finding("triton", v.equals(env.version()) ? Status.OK : Status.WARN,
                            "triton " + v + " in " + env.directory()))
                    .orElseGet(() -> new Finding("triton", Status.WARN, env.directory() + " cannot import triton;"
                            + " recreate it: " + env.fixCommand()));
        }
        if (python.isEmpty()) {
            return new Finding("triton", Status.MISSING, "needs python3 to create " + env.directory());
        }
        String state = Files.exists(env.directory()) ? "an incomplete environment is at " + env.directory()
                + " (it is redone on first use)" : "not installed yet";
        return new Finding("triton", Status.WARN, state + "; the first Triton candidate creates it with triton "
                + env.version() + " (about 250 MB, once per machine), or now: " + env.fixCommand());
    }
}
