package dev.scanbench.tritonbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TritonDirectivesTest {

    @Test
    void readsEverySettingAndSkipsOtherDirectives() throws Exception {
        String text = "import triton\n"
                + "# @plan scratch s = 4 bytes\n"
                + "#   @plan triton scan  num_warps=8 num_stages=2 signature=(*i32, *i32,i32, *i64) constexprs=(BLOCK=4096, STEP=0x10)\n"
                + "# @plan launch scan grid=1 block=256 args=(x, y, n, s)\n"
                + "# @plan triton other\n";
        List<KernelSpec> specs = TritonDirectives.parse("k.py", text);
        assertThat(specs).hasSize(2);
        KernelSpec scan = specs.get(0);
        assertThat(scan.name()).isEqualTo("scan");
        assertThat(scan.numWarps()).isEqualTo(8);
        assertThat(scan.numStages()).isEqualTo(2);
        assertThat(scan.signature()).containsExactly("*i32", "*i32", "i32", "*i64");
        assertThat(scan.constexprs()).containsExactly(Map.entry("BLOCK", 4096L), Map.entry("STEP", 16L));
        assertThat(scan.line()).isEqualTo(3);
        KernelSpec other = specs.get(1);
        assertThat(other.hasSignature()).isFalse();
        assertThat(other.numWarps()).isEqualTo(TritonDefaults.NUM_WARPS);
        assertThat(other.render()).isEqualTo("@plan triton other num_warps=4 num_stages=3");
    }

    @Test
    void namesTheLineAndColumnOfAMistake() {
        assertThatThrownBy(() -> TritonDirectives.parse("k.py", "\n# @plan triton scan num_warps=3\n"))
                .isInstanceOf(TritonPlanException.class)
                .hasMessage("k.py:2:21: num_warps must be a power of two from 1 to 32, not 3");
        assertThatThrownBy(() -> TritonDirectives.parse("k.py", "# @plan triton scan signature=(*i32, int)\n"))
                .hasMessageStartingWith("k.py:1:38: expected a Triton type such as *i32, i32, *i64, found 'int)'");
        assertThatThrownBy(() -> TritonDirectives.parse("k.py", "# @plan triton scan warps=4\n"))
                .hasMessageStartingWith("k.py:1:21: unknown setting 'warps'");
        assertThatThrownBy(() -> TritonDirectives.parse("k.py", "# @plan triton scan constexprs=(B=1, B=2)\n"))
                .hasMessageStartingWith("k.py:1:38: constexpr B is given twice");
        assertThatThrownBy(() -> TritonDirectives.parse("k.py", "# @plan triton\n"))
                .hasMessageStartingWith("k.py:1:15: expected a kernel name");
    }

    @Test
    void refusesTwoDirectivesForOneKernel() {
        assertThatThrownBy(() -> TritonDirectives.parse("k.py", "# @plan triton a\n# @plan triton a num_warps=2\n"))
                .isInstanceOf(TritonPlanException.class)
                .hasMessage("k.py:2: kernel a already has a '@plan triton' directive at line 1");
    }
}
