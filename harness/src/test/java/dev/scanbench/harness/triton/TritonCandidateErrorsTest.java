package dev.scanbench.harness.triton;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scanbench.harness.candidate.Candidate;
import dev.scanbench.harness.compile.CompileException;
import dev.scanbench.harness.compile.ToolchainException;
import dev.scanbench.harness.plan.PlanException;
import dev.scanbench.tritonbridge.MissingKernelException;
import dev.scanbench.tritonbridge.TritonCache;
import dev.scanbench.tritonbridge.TritonCompiler;
import dev.scanbench.tritonbridge.TritonDefaults;
import dev.scanbench.tritonbridge.TritonEnvironment;
import dev.scanbench.tritonbridge.TritonEnvironmentException;
import dev.scanbench.tritonbridge.TritonKernelException;
import dev.scanbench.tritonbridge.TritonSourceException;
import dev.scanbench.harness.candidate.CandidateLoader;
import dev.scanbench.harness.compile.TestCompilers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bad Triton candidate is refused before anything runs, with the file, the line and the reason. */
class TritonCandidateErrorsTest {
    private static final String HEADER = "import triton\nimport triton.language as tl\n";
    private static final String COPY = "@triton.jit\n"
            + "def copy(x_ptr, y_ptr, n, BLOCK: tl.constexpr):\n"
            + "    offs = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)\n"
            + "    tl.store(y_ptr + offs, tl.load(x_ptr + offs, mask=offs < n), mask=offs < n)\n";
    private static final String PLAN = "# @plan triton copy num_warps=4 constexprs=(BLOCK=512)\n"
            + "# @plan launch copy grid=ceil_div(n, 512) block=128 args=(x, y, n)\n";

    @TempDir
    Path dir;

    private Candidate write(String text) throws Exception {
        return Candidate.read(Files.writeString(dir.resolve("cand.py"), text));
    }

    @Test
    void aWellFormedCandidateGetsTheHiddenParametersAppended() throws Exception {
        var p = TestTriton.loader().prepare(write(HEADER + PLAN + COPY));
        var launch = p.plan().launches().get(0);
        assertThat(launch.render()).isEqualTo("launch copy grid=ceil_div(n, 512) block=128 smem=0 args=(x, y, n, 0, 0)");
        assertThat(p.resolve(1000).launches().get(0).block().x()).isEqualTo(128);
        assertThat(p.artifact().sourceHash()).isEqualTo(p.compiled().candidate().contentHash());
    }

    @Test
    void malformedPythonNamesTheFileAndLine() throws Exception {
        Candidate c = write(HEADER + PLAN + COPY.replace("tl.arange(0, BLOCK)", "tl.arange(0, BLOCK"));
        assertThatThrownBy(() -> TestTriton.loader().compile(c))
                .isInstanceOf(CompileException.class)
                .hasMessageContaining(c.path() + ":7")
                .hasCauseInstanceOf(TritonSourceException.class)
                .satisfies(e -> assertThat(((CompileException) e).diagnostics().get(0).line()).isEqualTo(7));
    }

    @Test
    void aKernelTritonRefusesCarriesTritonsMessage() throws Exception {
        Candidate c = write(HEADER + PLAN + COPY.replace("tl.load(", "tl.lode("));
        assertThatThrownBy(() -> TestTriton.loader().compile(c))
                .isInstanceOf(CompileException.class)
                .hasMessageContaining(c.path() + ":8: Triton could not compile kernel copy")
                .hasMessageContaining("lode")
                .hasCauseInstanceOf(TritonKernelException.class);
    }

    @Test
    void aPlanNamingAMissingKernelListsTheKernelsThere() throws Exception {
        Candidate c = write(HEADER + PLAN.replace("launch copy", "launch scan") .replace("triton copy", "triton scan") + COPY);
        assertThatThrownBy(() -> TestTriton.loader().compile(c))
                .isInstanceOf(CompileException.class)
                .hasMessageContaining(c.path() + ":3: the plan names kernel 'scan'")
                .hasMessageContaining("(found: copy)")
                .hasCauseInstanceOf(MissingKernelException.class);
    }

    @Test
    void aTritonDirectiveForAKernelNoLaunchRunsIsRefused() throws Exception {
        Candidate c = write(HEADER + "# @plan triton copy_v2 num_warps=4\n" + PLAN + COPY);
        assertThatThrownBy(() -> TestTriton.loader().compile(c))
                .isInstanceOf(CompileException.class)
                .hasMessageContaining(c.path() + ":3: '@plan triton copy_v2' names a kernel no '@plan launch' runs");
    }

    @Test
    void aBlockThatIsNot32TimesNumWarpsIsAPlanError() throws Exception {
        Candidate c = write(HEADER + PLAN.replace("block=128", "block=256") + COPY);
        assertThatThrownBy(() -> TestTriton.loader().prepare(c))
                .isInstanceOf(PlanException.class)
                .hasMessage(c.path() + ":4:3: kernel copy is compiled for num_warps=4, so its block must be 128"
                        + " threads (32 * num_warps), not 256");
        Candidate smem = write(HEADER + PLAN.replace("block=128", "block=128 smem=1024") + COPY);
        assertThatThrownBy(() -> TestTriton.loader().prepare(smem))
                .isInstanceOf(PlanException.class)
                .hasMessageContaining("a Triton launch takes its dynamic shared memory from the compiled kernel");
    }

    @Test
    void aMissingPythonIsAnEnvironmentErrorSayingHowToFixIt() throws Exception {
        TritonEnvironment none = new TritonEnvironment(dir.resolve("venv"), dir.resolve("no-python").toString(),
                TritonDefaults.TRITON_VERSION);
        CandidateLoader loader = new CandidateLoader(TestCompilers.shared(), () -> new TritonCompiler(none,
                Optional.of(new TritonCache(dir.resolve("cache"))), TritonDefaults.COMPILE_TIMEOUT, line -> { }));
        Candidate c = write(HEADER + PLAN + COPY);
        assertThatThrownBy(() -> loader.compile(c))
                .isInstanceOf(ToolchainException.class)
                .hasMessageContaining("To fix it, run:")
                .hasCauseInstanceOf(TritonEnvironmentException.class);
    }
}
