package dev.scanbench.harness.kernels;

import dev.scanbench.harness.compile.Artifact;
import dev.scanbench.harness.compile.CompileException;
import dev.scanbench.harness.compile.TestCompilers;
import dev.scanbench.harness.plan.PlanException;
import dev.scanbench.harness.plan.PlanParser;
import dev.scanbench.harness.plan.PlanValidator;
import dev.scanbench.harness.plan.ResolvedPlan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A kernel file the project ships (the GPU starting solution, the reference, the example ladder), read from
 * the repository by path as the workbench reads it, with the traffic its header claims.
 *
 * @param file the kernel file, relative to the harness module (the test working directory)
 */
record ShippedKernel(Path file) {
    /** The header line every shipped kernel carries; the traffic test holds the kernel to it. */
    private static final Pattern CLAIM = Pattern.compile("Claimed global traffic: ([0-9]+(?:\\.[0-9]+)?) bytes/element");

    private static final Path ROOT = Path.of("..");

    /** Every shipped kernel: the starting solution, the reference, then the examples by name. */
    static List<ShippedKernel> all() {
        List<ShippedKernel> out = new ArrayList<>();
        out.add(new ShippedKernel(ROOT.resolve("baseline/cuda/starting_solution.cu")));
        out.add(new ShippedKernel(ROOT.resolve("reference/decoupled_lookback.cu")));
        try (Stream<Path> s = Files.list(ROOT.resolve("kernels"))) {
            s.filter(p -> p.toString().endsWith(".cu")).sorted().map(ShippedKernel::new).forEach(out::add);
            // -Dshipped.only=REGEX runs the kernel tests on some files only (e.g. one being worked on).
            out.removeIf(k -> !k.name().matches(System.getProperty("shipped.only", ".*")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The header line of a kernel whose tiles wait on lower block indices (taken by blockIdx, not a ticket). */
    static final String BLOCK_ORDER = "Requires: forward progress in blockIdx order";

    /**
     * True for a kernel whose header says it needs lower block indices to run first or alongside (CUB's own
     * DeviceScanKernel): the emulator runs it under reversed and random dispatch with the whole grid resident.
     */
    boolean needsBlockOrder() {
        return text().contains(BLOCK_ORDER);
    }

    /** The file name, e.g. {@code decoupled_lookback.cu}, for test names. */
    String name() {
        return file.getFileName().toString();
    }

    @Override
    public String toString() {
        return name();
    }

    /** The file's text. */
    String text() {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Global bytes per element the header claims (the line {@code Claimed global traffic: B bytes/element}). */
    double claimedBytesPerElement() {
        Matcher m = CLAIM.matcher(text());
        if (!m.find()) {
            throw new AssertionError(file + ": no 'Claimed global traffic: B bytes/element' line in the header");
        }
        return Double.parseDouble(m.group(1));
    }

    /** Compiles the file with the tests' shared nvcc (cached per test run). */
    Artifact compile() {
        try {
            return TestCompilers.shared().compile(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (CompileException e) {
            throw new AssertionError(file + " does not compile: " + e.getMessage(), e);
        }
    }

    /** The file's plan resolved for {@code n} against the compiled module. */
    ResolvedPlan plan(Artifact artifact, long n) throws IOException, PlanException {
        return PlanValidator.resolve(PlanParser.parse(file), n, artifact.signature(), artifact.staticSharedBytes());
    }
}
