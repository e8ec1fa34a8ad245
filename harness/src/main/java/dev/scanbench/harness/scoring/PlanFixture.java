package dev.scanbench.harness.scoring;

import dev.scanbench.harness.backend.Backend;
import dev.scanbench.harness.backend.BackendException;
import dev.scanbench.harness.backend.ModuleImage;
import dev.scanbench.harness.backend.PlanRunner;
import dev.scanbench.harness.device.HarnessKernels;
import dev.scanbench.harness.plan.ResolvedPlan;
import dev.scanbench.harness.ptx.PtxSignature;
import dev.scanbench.harness.verify.ExpectedOutput;
import dev.scanbench.harness.verify.OracleExpectedOutput;
import dev.scanbench.harness.verify.Verifier;

/**
 * The candidate loaded for one size: its plan runner (module, scratch) and a verifier (x, y, expected) over it,
 * opened and closed together.
 *
 * @param runner   runs the plan
 * @param verifier prepares inputs and checks outputs for that plan's n
 * @param expected computes the expected outputs (the fixture closes it)
 */
public record PlanFixture(PlanRunner runner, Verifier verifier, ExpectedOutput expected) implements AutoCloseable {

    /**
     * Loads the candidate and allocates everything for {@code plan}'s size; on failure releases what was taken.
     *
     * @throws BackendException when loading or allocating fails
     */
    public static PlanFixture open(Backend backend, HarnessKernels kernels, ModuleImage image, PtxSignature signature,
                                   ResolvedPlan plan) throws BackendException {
        return open(backend, kernels, image, signature, plan, new OracleExpectedOutput());
    }

    /**
     * As {@link #open(Backend, HarnessKernels, ModuleImage, PtxSignature, ResolvedPlan)}, with the expected output
     * computed by {@code expected}; the plan's launches are built here, once, outside any timed region. The fixture
     * owns {@code expected} from here on, also when opening fails.
     */
    public static PlanFixture open(Backend backend, HarnessKernels kernels, ModuleImage image, PtxSignature signature,
                                   ResolvedPlan plan, ExpectedOutput expected) throws BackendException {
        PlanRunner runner;
        try {
            runner = PlanRunner.open(backend, image, signature, plan);
        } catch (BackendException | RuntimeException e) {
            try {
                expected.close();
            } catch (BackendException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        try {
            Verifier verifier = Verifier.open(backend, kernels, runner, expected);
            runner.commands(verifier.x(), verifier.y());
            return new PlanFixture(runner, verifier, expected);
        } catch (BackendException | RuntimeException e) {
            try {
                runner.close();
                expected.close();
            } catch (BackendException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** Frees the verifier's buffers, then the runner's scratch and module. */
    @Override
    public void close() throws BackendException {
        try {
            verifier.close();
        } finally {
            try {
                runner.close();
            } finally {
                expected.close();
            }
        }
    }
}
