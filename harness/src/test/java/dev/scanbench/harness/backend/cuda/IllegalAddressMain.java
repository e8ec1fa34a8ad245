package dev.scanbench.harness.backend.cuda;

import dev.scanbench.harness.backend.BackendException;
import dev.scanbench.harness.backend.DeviceBuffer;
import dev.scanbench.harness.backend.ModuleImage;
import dev.scanbench.harness.backend.PlanRunner;
import dev.scanbench.harness.compile.Artifact;
import dev.scanbench.harness.compile.TestCompilers;
import dev.scanbench.harness.plan.CommentStyle;
import dev.scanbench.harness.plan.LaunchPlan;
import dev.scanbench.harness.plan.PlanParser;
import dev.scanbench.harness.plan.PlanValidator;
import dev.scanbench.harness.plan.ResolvedPlan;

/**
 * A kernel writing far outside every allocation, in a JVM of its own (a sticky fault poisons the process): prints
 * how the synchronisation failed and how a later call fails.
 */
public final class IllegalAddressMain {
    private IllegalAddressMain() {
    }

    public static void main(String[] args) throws Exception {
        Artifact a = TestCompilers.compileCuda("wild.cu",
                "extern \"C\" __global__ void wild(int* y) { y[(1ll << 40) + threadIdx.x] = 1; }\n");
        LaunchPlan plan = PlanParser.parse("wild.cu", "// @plan launch wild grid=1 block=32 args=(y)\n", CommentStyle.SLASHES);
        ResolvedPlan resolved = PlanValidator.resolve(plan, 32, a.signature(), a.staticSharedBytes());
        CudaBackend cuda = CudaBackend.open(0);
        DeviceBuffer dx = cuda.allocate(128);
        DeviceBuffer dy = cuda.allocate(128);
        PlanRunner runner = PlanRunner.open(cuda, ModuleImage.of(a.ptx(), a.cubin()), a.signature(), resolved);
        runner.run(dx, dy);
        report("synchronize", () -> cuda.synchronize());
        report("allocate", () -> cuda.allocate(128));
        report("close", cuda::close);
    }

    private interface Call {
        void run() throws Exception;
    }

    private static void report(String what, Call call) {
        try {
            call.run();
            System.out.println(what + ": ok");
        } catch (BackendException e) {
            System.out.println(what + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (Exception e) {
            System.out.println(what + ": unexpected " + e);
        }
    }
}
