package dev.scanbench.harness.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scanbench.harness.compile.Artifact;
import dev.scanbench.harness.compile.CompileException;
import dev.scanbench.harness.compile.TestCompilers;
import org.junit.jupiter.api.Test;

/** {@code @plan flags}: the allow-list, its errors, and the flags reaching nvcc and the cache key. */
class PlanFlagsTest {

    private static PlanFlags flags(String text) throws PlanException {
        return PlanFlags.parse("k.cu", text, CommentStyle.SLASHES);
    }

    @Test
    void allowedFlagsAreNormalised() throws PlanException {
        PlanFlags f = flags("// @plan flags -rdc=true -maxrregcount=64\n// @plan flags -D TILE=4096 -DFAST\nint x;\n");
        assertThat(f.nvcc()).containsExactly("-rdc=true", "-maxrregcount=64", "-DTILE=4096", "-DFAST");
        assertThat(f.ptxas()).containsExactly("-maxrregcount=64");
        assertThat(flags("// @plan launch k grid=1 block=1 args=()\n").isEmpty()).isTrue();
    }

    @Test
    void anythingElseIsAPlanErrorNamingTheLine() {
        assertThatThrownBy(() -> flags("int a;\n// @plan flags -O0\n"))
                .hasMessage("k.cu:2:16: flag '-O0' is not allowed; a plan may give -rdc=true, -maxrregcount=N (16 to"
                        + " 255), -D NAME=VALUE");
        assertThatThrownBy(() -> flags("// @plan flags -maxrregcount=8\n"))
                .hasMessage("k.cu:1:16: -maxrregcount=8 is out of range (16 to 255)");
        assertThatThrownBy(() -> flags("// @plan flags -D X=$(cat)\n"))
                .hasMessageStartingWith("k.cu:1:16: '-D X=$(cat)' is not NAME or NAME=VALUE");
        assertThatThrownBy(() -> flags("// @plan flags -maxrregcount=32\n// @plan flags -maxrregcount=40\n"))
                .hasMessage("k.cu:2:4: -maxrregcount is given twice");
        assertThatThrownBy(() -> flags("// @plan flags\n")).hasMessageStartingWith("k.cu:1:9: '@plan flags' gives no flag");
        // The plan parser takes the line (and checks it) without making it a launch.
        assertThatThrownBy(() -> PlanParser.parse("k.cu", "// @plan flags --keep\n"
                + "// @plan launch k grid=1 block=1 args=()\n", CommentStyle.SLASHES))
                .hasMessageStartingWith("k.cu:1:16: flag '--keep' is not allowed");
    }

    @Test
    void flagsReachTheCompilerAndItsCacheKey() throws Exception {
        String body = "__global__ void k(int* y) { y[threadIdx.x] = VALUE; }\n";
        Artifact one = TestCompilers.compileCuda("k.cu", "// @plan flags -D VALUE=1 -maxrregcount=16\n" + body);
        Artifact two = TestCompilers.compileCuda("k.cu", "// @plan flags -D VALUE=2 -maxrregcount=16\n" + body);
        assertThat(one.flags()).contains("-DVALUE=1", "-maxrregcount=16");
        assertThat(one.cacheKey()).isNotEqualTo(two.cacheKey());
        assertThat(one.ptx()).contains("mov.u32 \t%r2, 1;").doesNotContain("mov.u32 \t%r2, 2;");
        assertThat(two.ptx()).contains("mov.u32 \t%r2, 2;");
        assertThatThrownBy(() -> TestCompilers.shared().compileCuda("k.cu", "// @plan flags -Xptxas -O0\n" + body,
                null)).isInstanceOf(CompileException.class)
                .hasMessage("k.cu:1:16: flag '-Xptxas' is not allowed; a plan may give -rdc=true, -maxrregcount=N"
                        + " (16 to 255), -D NAME=VALUE");
    }
}
