package dev.scanbench.harness.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scanbench.harness.compile.Artifact;
import dev.scanbench.harness.compile.TestCompilers;
import org.junit.jupiter.api.Test;

/** Entries named by their demangled names (c++filt run once per compile), on real nvcc output. */
class DemangledEntryTest {

    private static final String KERNEL = String.join("\n",
            "template <int K> __global__ void step(int* y, int n) { if (threadIdx.x == 0) y[0] = K + n; }",
            "template __global__ void step<1>(int*, int);",
            "template __global__ void step<2>(int*, int);",
            "namespace tools { __global__ void clear_all(int* y) { y[threadIdx.x] = 0; } }",
            "");

    private static String launch(String entry, String args) {
        return "// @plan launch " + entry + " grid=1 block=32 args=(" + args + ")\n";
    }

    private static String resolve(Artifact a, String entry, String args) throws PlanException {
        LaunchPlan plan = PlanParser.parse("k.cu", launch(entry, args), CommentStyle.SLASHES);
        return PlanValidator.resolve(plan, 10, a.signature(), a.staticSharedBytes()).launches().get(0).entry();
    }

    @Test
    void demangledNamesAndUnambiguousPrefixesSelectAnEntry() throws Exception {
        Artifact a = TestCompilers.compileCuda("k.cu", KERNEL);
        assertThat(a.signature().demangled()).containsEntry("_Z4stepILi1EEvPii", "void step<1>(int*, int)")
                .containsEntry("_ZN5tools9clear_allEPi", "tools::clear_all(int*)");
        assertThat(resolve(a, "step<1>", "y, n")).isEqualTo("_Z4stepILi1EEvPii");
        assertThat(resolve(a, "step< 2 >", "y, n")).isEqualTo("_Z4stepILi2EEvPii");
        assertThat(resolve(a, "step<2>(int*, int)", "y, n")).isEqualTo("_Z4stepILi2EEvPii");
        assertThat(resolve(a, "tools::clear_all", "y")).isEqualTo("_ZN5tools9clear_allEPi");
        assertThat(resolve(a, "clear", "y")).isEqualTo("_ZN5tools9clear_allEPi");
        assertThat(resolve(a, "_Z4stepILi1EEvPii", "y, n")).isEqualTo("_Z4stepILi1EEvPii");
    }

    @Test
    void ambiguousOrUnknownNamesListTheCandidates() {
        Artifact a = TestCompilers.compileCuda("k.cu", KERNEL);
        assertThatThrownBy(() -> resolve(a, "step", "y, n"))
                .hasMessage("k.cu:1:4: entry 'step' is ambiguous: it matches 2 entries; write more of the name, or the"
                        + " PTX name:\n    _Z4stepILi1EEvPii (void step<1>(int*, int))"
                        + "\n    _Z4stepILi2EEvPii (void step<2>(int*, int))");
        assertThatThrownBy(() -> resolve(a, "ools::clear_all", "y"))
                .hasMessageStartingWith("k.cu:1:4: unknown entry 'ools::clear_all'; the module defines: ")
                .hasMessageContaining("_ZN5tools9clear_allEPi (tools::clear_all(int*))");
    }
}
