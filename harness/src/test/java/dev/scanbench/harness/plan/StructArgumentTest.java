package dev.scanbench.harness.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scanbench.harness.backend.PackedParams;
import dev.scanbench.harness.backend.ParamPacker;
import dev.scanbench.harness.ptx.PtxEntry;
import dev.scanbench.harness.ptx.PtxSignature;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** By-value struct arguments: parsing, the C layout checked against the PTX .b8 array, and the packed bytes. */
class StructArgumentTest {

    private static final String PTX = String.join("\n",
            ".version 9.0", ".target sm_90a", ".address_size 64",
            ".visible .entry k(",
            "    .param .align 8 .b8 it[16],",
            "    .param .align 8 .b8 st[24],",
            "    .param .u32 start,",
            "    .param .align 1 .b8 op[1],",
            "    .param .align 4 .b8 pair[8],",
            "    .param .u32 count",
            ")",
            "{ ret; }",
            "");

    private static final String GOOD = "// @plan launch k grid=1 block=32"
            + " args=({x, 0:u8}, {a, b, y}, ceil_div(n, 640), {}, {n, -1}, n)";

    private static LaunchPlan plan(String... lines) throws PlanException {
        return PlanParser.parse("k.cu", String.join("\n", lines) + "\n", CommentStyle.SLASHES);
    }

    private static ResolvedPlan check(long n, String launch) throws Exception {
        return PlanValidator.resolve(plan("// @plan scratch a = 64 bytes", "// @plan scratch b = 64 bytes", launch), n,
                PtxSignature.parse(PTX), Map.of());
    }

    @Test
    void structFieldsParseAndRender() throws PlanException {
        Launch l = plan("// @plan scratch a = 64 bytes", "// @plan scratch b = 64 bytes", GOOD).launches().get(0);
        assertThat(l.args()).extracting(LaunchArg::kind).containsExactly(LaunchArg.Kind.STRUCT, LaunchArg.Kind.STRUCT,
                LaunchArg.Kind.EXPR, LaunchArg.Kind.STRUCT, LaunchArg.Kind.STRUCT, LaunchArg.Kind.SIZE);
        assertThat(l.render()).endsWith("args=({x, 0:u8}, {a, b, y}, ceil_div(n, 640), {}, {n, -1}, n)");
        assertThat(StructLayout.of(l.args().get(0)).describe()).isEqualTo("16 bytes, align 8: ptr@0, int8@8");
        assertThat(StructLayout.of(l.args().get(3)).describe()).isEqualTo("1 bytes, align 1");
        assertThat(StructLayout.of(plan("// @plan launch k grid=1 block=1 args=({1:u8, {2:i64}, 3:u16})")
                .launches().get(0).args().get(0)).describe()).isEqualTo("24 bytes, align 8: int8@0, int64@8, int16@16");
    }

    @Test
    void malformedStructsNameTheirLineAndColumn() {
        assertThatThrownBy(() -> plan("// @plan launch k grid=1 block=1 args=({x, y)"))
                .hasMessage("k.cu:1:45: expected '}' to close the struct opened at column 40, found ')'");
        assertThatThrownBy(() -> plan("// @plan launch k grid=1 block=1 args=({n:i128})"))
                .hasMessage("k.cu:1:43: unknown field type 'i128' (expected i8, i16, i32, i64, u8, u16, u32 or u64)");
        assertThatThrownBy(() -> plan("// @plan launch k grid=1 block=1 args=({x:u64})"))
                .hasMessage("k.cu:1:42: 'x' is a 64-bit pointer field; only integer fields take a :type suffix");
        assertThatThrownBy(() -> plan("// @plan launch k grid=1 block=1 args=({x, s})"))
                .hasMessage("k.cu:1:44: unknown argument 's' (expected x, y, n, an integer or a scratch buffer name;"
                        + " none is declared)");
    }

    @Test
    void layoutMismatchNamesTheLineTheParameterAndTheExpectedLayout() throws Exception {
        assertThat(check(100_000, GOOD).launches()).hasSize(1);
        assertThatThrownBy(() -> check(10, GOOD.replace("{x, 0:u8}", "{x}")))
                .hasMessage("k.cu:3:41: struct {x} does not match parameter 1 '.param .align 8 .b8 it[16]' of 'k':"
                        + " the entry expects 16 bytes, align 8; the fields lay out as 8 bytes, align 8: ptr@0"
                        + " (pointers 8 bytes, integers 4 unless given :i8 :i16 :i64 :u8 :u16 :u64, {} one byte)");
        assertThatThrownBy(() -> check(10, GOOD.replace("{n, -1}", "{n:i64}")))
                .hasMessageStartingWith("k.cu:3:" + (GOOD.indexOf("{n, -1}") + 1) + ": struct {n:i64} does not match"
                        + " parameter 5 '.param .align 4 .b8 pair[8]' of 'k': the entry expects 8 bytes, align 4;"
                        + " the fields lay out as 8 bytes, align 8: int64@0");
        assertThatThrownBy(() -> check(10, GOOD.replace(", n)", ", {n})")))
                .hasMessageContaining("cannot be passed to parameter 6 '.param .u32 count' of 'k': a scalar");
        assertThatThrownBy(() -> check(10, GOOD.replace("{}", "0")))
                .hasMessageContaining("'0' cannot be passed to parameter 4 '.param .align 1 .b8 op[1]' of 'k':"
                        + " a by-value struct of 1 bytes, align 1; write its fields as a brace list");
        assertThatThrownBy(() -> check(10, GOOD.replace("0:u8", "256:u8")))
                .hasMessage("k.cu:3:45: field '256:u8' = 256 for n = 10 does not fit its u8 slot in parameter 1"
                        + " '.param .align 8 .b8 it[16]' of 'k'");
    }

    @Test
    void structsArePackedAtTheirCLayoutOffsets() throws Exception {
        ResolvedPlan r = check(1000, GOOD);
        PtxEntry entry = PtxSignature.parse(PTX).entries().get(0);
        PackedParams p = ParamPacker.pack(entry, r.launches().get(0).decl().args(), 1000,
                Map.of("x", 0x1122334455667788L, "y", 0x30L, "a", 0x10L, "b", 0x20L));
        assertThat(p.count()).isEqualTo(6);
        assertThat(List.of(p.offset(0), p.offset(1), p.offset(2), p.offset(3), p.offset(4), p.offset(5)))
                .containsExactly(0, 16, 40, 44, 48, 56);
        assertThat(p.toString()).isEqualTo(
                "8877665544332211" + "0000000000000000"                                   // {x, 0:u8}
                        + "1000000000000000" + "2000000000000000" + "3000000000000000"    // {a, b, y}
                        + "02000000"                                                      // ceil_div(1000, 640)
                        + "00" + "000000"                                                 // {} and padding
                        + "e8030000" + "ffffffff"                                         // {n, -1}
                        + "e8030000");                                                    // n
    }
}
