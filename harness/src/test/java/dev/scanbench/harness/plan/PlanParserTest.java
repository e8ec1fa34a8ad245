package dev.scanbench.harness.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanParserTest {

    private static final String GOOD = String.join("\n",
            "#include <cstdint>",
            "// A three-pass scan.",
            "//   @plan scratch partials = 12 * ceil_div(n, 1024) bytes zero",
            "// @plan scratch flags = 4*ceil_div(n,1024) bytes",
            "// @plan launch reduce grid=ceil_div(n, 1024) block=256 smem=3*256*4 args=(x, n, partials)",
            "// @plan launch spine grid=1 block=1024,1,1 args=(partials, flags, n, -1)",
            "\t//@plan launch downsweep grid=ceil_div(n,1024),1 block=256 args=(x, y, n, partials, 0x10)",
            "__global__ void reduce(const int* x, int n, int* partials) {}",
            "");

    private static LaunchPlan parse(String text) throws PlanException {
        return PlanParser.parse("kernels/k.cu", text, CommentStyle.SLASHES);
    }

    @Test
    void parsesScratchAndLaunchesInOrder() throws PlanException {
        LaunchPlan plan = parse(GOOD);
        assertThat(plan.scratch()).extracting(ScratchBuffer::name).containsExactly("partials", "flags");
        assertThat(plan.scratch().get(0).zero()).isTrue();
        assertThat(plan.scratch().get(1).zero()).isFalse();
        assertThat(plan.scratch().get(0).pos()).isEqualTo(new SourcePos("kernels/k.cu", 3, 6));
        assertThat(plan.launches()).extracting(Launch::entry).containsExactly("reduce", "spine", "downsweep");
        Launch spine = plan.launches().get(1);
        assertThat(spine.block()).hasSize(3);
        assertThat(spine.args()).extracting(LaunchArg::kind).containsExactly(
                LaunchArg.Kind.SCRATCH, LaunchArg.Kind.SCRATCH, LaunchArg.Kind.SIZE, LaunchArg.Kind.LITERAL);
        assertThat(spine.args().get(3).value()).isEqualTo(-1);
        assertThat(spine.sharedBytes().render()).isEqualTo("0");
        Launch down = plan.launches().get(2);
        assertThat(down.pos()).isEqualTo(new SourcePos("kernels/k.cu", 7, 4));
        assertThat(down.args().get(4).value()).isEqualTo(16);
        assertThat(down.grid()).hasSize(2);
    }

    @Test
    void rendersCanonicalDirectives() throws PlanException {
        assertThat(parse(GOOD).render()).isEqualTo(String.join("\n",
                "@plan scratch partials = 12 * ceil_div(n, 1024) bytes zero",
                "@plan scratch flags = 4 * ceil_div(n, 1024) bytes",
                "@plan launch reduce grid=ceil_div(n, 1024) block=256 smem=3 * 256 * 4 args=(x, n, partials)",
                "@plan launch spine grid=1 block=1024,1,1 smem=0 args=(partials, flags, n, -1)",
                "@plan launch downsweep grid=ceil_div(n, 1024),1 block=256 smem=0 args=(x, y, n, partials, 16)",
                ""));
    }

    @Test
    void settingsMayComeInAnyOrderAndArgsMayBeEmpty() throws PlanException {
        LaunchPlan plan = parse("// @plan launch k args=() block=32 smem=0 grid=1\n");
        assertThat(plan.launches().get(0).args()).isEmpty();
    }

    @Test
    void pythonFilesUseHashComments(@TempDir Path dir) throws Exception {
        Path py = dir.resolve("scan.py");
        Files.writeString(py, "import triton\n# @plan launch scan_kernel grid=ceil_div(n, 2048) block=128 args=(x, y, n)\n");
        LaunchPlan plan = PlanParser.parse(py);
        assertThat(plan.launches()).extracting(Launch::entry).containsExactly("scan_kernel");
        assertThat(plan.file()).isEqualTo(py.toString());
        Files.writeString(py, "# @plan launch k grid=1 block=1 args=()\n// @plan launch k grid=1 block=1 args=()\n");
        assertThatThrownBy(() -> PlanParser.parse(py))
                .hasMessage(py + ":2:4: a @plan directive must be alone on a line comment starting with '#'");
    }

    @Test
    void fileWithoutPlanShowsAnExample() {
        assertThatThrownBy(() -> parse("__global__ void k() {}\n// @planet is not a directive\n"))
                .isInstanceOf(PlanException.class)
                .hasMessageStartingWith("kernels/k.cu: no launch plan found.")
                .hasMessageContaining("// @plan scratch tile_state = 16 * ceil_div(n, 4096) bytes zero\n")
                .hasMessageContaining("// @plan launch scan_tiles grid=ceil_div(n, 4096) block=256 args=(x, y, n, tile_state)");
        assertThatThrownBy(() -> PlanParser.parse("s.py", "", CommentStyle.HASH))
                .hasMessageContaining("# @plan launch scan_tiles");
        assertThatThrownBy(() -> parse("// @plan scratch a = 4 bytes\n"))
                .hasMessageStartingWith("kernels/k.cu: the launch plan declares no launch.");
    }

    @Test
    void misplacedDirectivesAreRefusedNotIgnored() {
        assertThatThrownBy(() -> parse("int a; // @plan launch k grid=1 block=1 args=()\n"))
                .hasMessage("kernels/k.cu:1:11: a @plan directive must be alone on a line comment starting with '//'");
        assertThatThrownBy(() -> parse("/*\n   @plan scratch s = 4 bytes\n*/\n"))
                .hasMessageStartingWith("kernels/k.cu:2:4: a @plan directive must be alone");
    }

    @Test
    void errorsNameLineAndColumn() {
        String launch = "// @plan launch k grid=1 block=32 args=(x, y, n)\n";
        assertThatThrownBy(() -> parse("\n// @plan scatter s = 4 bytes\n"))
                .hasMessage("kernels/k.cu:2:10: unknown directive 'scatter' (expected 'scratch' or 'launch')");
        assertThatThrownBy(() -> parse("// @plan scratch s = 4 * n\n" + launch))
                .hasMessage("kernels/k.cu:1:27: expected 'bytes' after the size of scratch 's', found end of line");
        assertThatThrownBy(() -> parse("// @plan scratch x = 4 bytes\n" + launch))
                .hasMessage("kernels/k.cu:1:18: 'x' is reserved and cannot name a scratch buffer");
        assertThatThrownBy(() -> parse("// @plan scratch s = 4 bytes\n// @plan scratch s = 8 bytes zero\n" + launch))
                .hasMessage("kernels/k.cu:2:4: scratch 's' is already declared at line 1");
        assertThatThrownBy(() -> parse("// @plan launch k grid=1 args=(x)\n"))
                .hasMessage("kernels/k.cu:1:17: launch of 'k' is missing block=");
        assertThatThrownBy(() -> parse("// @plan launch k grid=1 block=1 block=2 args=(x)\n"))
                .hasMessage("kernels/k.cu:1:34: 'block' is given twice");
        assertThatThrownBy(() -> parse("// @plan launch k grid=1,1,1,1 block=1 args=(x)\n"))
                .hasMessage("kernels/k.cu:1:29: 'grid' takes at most 3 dimensions (x, y, z)");
        assertThatThrownBy(() -> parse("// @plan launch k grid=1 block=1 stream=2 args=(x)\n"))
                .hasMessage("kernels/k.cu:1:34: unknown launch setting 'stream' (expected grid, block, smem, args or cooperative)");
        assertThatThrownBy(() -> parse("// @plan launch k grid=1 block=1 args=(x, y\n"))
                .hasMessage("kernels/k.cu:1:44: expected ')' to close the argument list, found end of line");
        assertThatThrownBy(() -> parse("// @plan launch k grid=1 block=1 args=(x, y) extra\n"))
                .hasMessage("kernels/k.cu:1:51: expected '=' after 'extra', found end of line");
        assertThatThrownBy(() -> parse("// @plan scratch s = 4 bytes zero please\n" + launch))
                .hasMessage("kernels/k.cu:1:35: unexpected 'please' at the end of the directive");
    }

    @Test
    void unknownArgumentsListTheDeclaredScratch() {
        assertThatThrownBy(() -> parse("// @plan scratch a = 4 bytes\n// @plan scratch b = 4 bytes\n"
                + "// @plan launch k grid=1 block=32 args=(x, y, n, c)\n"))
                .hasMessage("kernels/k.cu:3:50: unknown argument 'c' (expected x, y, n, an integer or a scratch"
                        + " buffer name; declared: a, b)");
        assertThatThrownBy(() -> parse("// @plan launch k grid=1 block=32 args=(x, (y))\n"))
                .hasMessage("kernels/k.cu:1:45: unknown name 'y' in an expression (expected n, an integer, ceil_div(a,b),"
                        + " min(a,b) or max(a,b))");
    }

    @Test
    void windowsLineEndingsAreAccepted() throws PlanException {
        LaunchPlan plan = parse("// @plan launch k grid=1 block=32 args=(x, y, n)\r\n__global__ void k() {}\r\n");
        assertThat(plan.launches().get(0).args()).hasSize(3);
    }
}
