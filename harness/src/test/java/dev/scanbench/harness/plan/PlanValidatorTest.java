package dev.scanbench.harness.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scanbench.harness.ptx.PtxFormatException;
import dev.scanbench.harness.ptx.PtxSignature;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanValidatorTest {

    private static final String PTX = String.join("\n",
            ".version 9.0",
            ".target sm_90a",
            ".address_size 64",
            ".visible .entry _Z4scanPKiPii(",
            "    .param .u64 p0,",
            "    .param .u64 p1,",
            "    .param .u32 p2",
            ")",
            "{ ret; }",
            ".visible .entry narrow(.param .u64 a, .param .u32 b, .param .s16 c, .param .b8 d)",
            "{ ret; }",
            ".visible .entry flt(.param .f32 f)",
            "{ ret; }",
            ".visible .entry fixed(.param .u64 a) .reqntid 128, 1, 1",
            "{ ret; }",
            ".visible .entry capped(.param .u64 a) .maxntid 256",
            "{ ret; }",
            ".visible .entry agg(.param .align 8 .b8 s[16])",
            "{ ret; }",
            "");

    private static PtxSignature signature() throws PtxFormatException {
        return PtxSignature.parse(PTX);
    }

    private static LaunchPlan plan(String... lines) throws PlanException {
        return PlanParser.parse("k.cu", String.join("\n", lines) + "\n", CommentStyle.SLASHES);
    }

    private static ResolvedPlan check(long n, String... lines) throws Exception {
        return PlanValidator.resolve(plan(lines), n, signature(), Map.of());
    }

    @Test
    void resolvesShapesScratchAndMangledEntries() throws Exception {
        ResolvedPlan r = check(1_000_000,
                "// @plan scratch tiles = 16 * ceil_div(n, 4096) bytes zero",
                "// @plan launch scan grid=ceil_div(n, 4096) block=256 smem=4096*4 args=(x, y, n)");
        assertThat(r.n()).isEqualTo(1_000_000);
        assertThat(r.scratch()).singleElement().extracting(ResolvedPlan.Scratch::bytes).isEqualTo(16L * 245);
        ResolvedPlan.ResolvedLaunch l = r.launches().get(0);
        assertThat(l.entry()).isEqualTo("_Z4scanPKiPii");
        assertThat(l.grid()).isEqualTo(new Dim3(245, 1, 1));
        assertThat(l.block()).isEqualTo(new Dim3(256, 1, 1));
        assertThat(l.sharedBytes()).isEqualTo(16384);
    }

    @Test
    void gridAndBlockLimitsOfSm90() throws Exception {
        assertThatThrownBy(() -> check(100, "// @plan launch scan grid=n/1000 block=256 args=(x, y, n)"))
                .hasMessage("k.cu:1:27: grid dimension x = 'n / 1000' evaluates to 0 for n = 100; sm_90 allows 1 to 2147483647");
        assertThatThrownBy(() -> check(100, "// @plan launch scan grid=1,65536 block=256 args=(x, y, n)"))
                .hasMessageStartingWith("k.cu:1:29: grid dimension y = '65536' evaluates to 65536 for n = 100; sm_90 allows 1 to 65535");
        assertThatThrownBy(() -> check(100, "// @plan launch scan grid=1 block=1,1,65 args=(x, y, n)"))
                .hasMessageStartingWith("k.cu:1:39: block dimension z = '65' evaluates to 65");
        assertThatThrownBy(() -> check(100, "// @plan launch scan grid=1 block=512,4 args=(x, y, n)"))
                .hasMessage("k.cu:1:35: block (512, 4, 1) has 2048 threads for n = 100, over the sm_90 limit of 1024");
        assertThat(check(100, "// @plan launch scan grid=2147483647 block=1024 args=(x, y, n)").launches().get(0).grid().x())
                .isEqualTo(2147483647L);
        assertThatThrownBy(() -> check(1L << 40, "// @plan launch scan grid=ceil_div(n, 256) block=256 args=(x, y, 0)"))
                .hasMessageContaining("grid dimension x = 'ceil_div(n, 256)' evaluates to 4294967296");
    }

    @Test
    void sharedMemoryCountsStaticPlusDynamic() throws Exception {
        LaunchPlan p = plan("// @plan launch scan grid=1 block=256 smem=232448 args=(x, y, n)");
        assertThat(PlanValidator.resolve(p, 10, signature(), Map.of()).launches().get(0).sharedBytes()).isEqualTo(232448);
        assertThatThrownBy(() -> PlanValidator.resolve(p, 10, signature(), Map.of("_Z4scanPKiPii", 1024L)))
                .hasMessage("k.cu:1:44: shared memory per block 232448 dynamic + 1024 static = 233472 bytes for n = 10,"
                        + " over the sm_90 limit of 232448 bytes (227 KiB)");
        assertThatThrownBy(() -> check(10, "// @plan launch scan grid=1 block=256 smem=n-11 args=(x, y, n)"))
                .hasMessage("k.cu:1:44: smem evaluates to -1 for n = 10");
    }

    @Test
    void scratchAllowanceIsFourBytesPerElementPlus64MiB() throws Exception {
        long n = 1_000_000;
        String launch = "// @plan launch scan grid=1 block=32 args=(x, y, n)";
        assertThat(check(n, "// @plan scratch a = 4*n + 64*1024*1024 bytes", launch).scratchBytes())
                .isEqualTo(4 * n + (64L << 20));
        assertThatThrownBy(() -> check(n, "// @plan scratch a = 4*n bytes", "// @plan scratch b = 64*1024*1024 + 1 bytes", launch))
                .hasMessage("k.cu:2:4: scratch 'b' (67108865 bytes) brings the total scratch over the allowance"
                        + " 4*n + 64 MiB = 71108864 bytes for n = 1000000");
        assertThatThrownBy(() -> check(n, "// @plan scratch huge = 100 * n bytes", launch))
                .hasMessageStartingWith("k.cu:1:4: scratch 'huge' (100000000 bytes) brings the total scratch over");
        assertThatThrownBy(() -> check(n, "// @plan scratch neg = 4 - n bytes", launch))
                .hasMessage("k.cu:1:4: scratch 'neg' has negative size -999996 for n = 1000000");
        assertThatThrownBy(() -> PlanValidator.resolve(plan(launch), 0))
                .hasMessage("k.cu: problem size n = 0 must be at least 1");
    }

    @Test
    void unknownEntryListsTheModulesEntries() {
        assertThatThrownBy(() -> check(10, "// @plan launch scna grid=1 block=32 args=(x, y, n)"))
                .hasMessage("k.cu:1:4: unknown entry 'scna'; the module defines: _Z4scanPKiPii (scan), narrow, flt, fixed, capped, agg");
    }

    @Test
    void arityMismatchShowsTheParameters() {
        assertThatThrownBy(() -> check(10, "// @plan launch scan grid=1 block=32 args=(x, y)"))
                .hasMessage("k.cu:1:4: entry '_Z4scanPKiPii' takes 3 parameter(s) but the plan passes 2:"
                        + "\n    .param .u64 p0\n    .param .u64 p1\n    .param .u32 p2");
    }

    @Test
    void argumentTypesAreChecked() throws Exception {
        assertThat(check(10, "// @plan launch narrow grid=1 block=32 args=(x, n, -32768, 255)").launches()).hasSize(1);
        assertThat(check(10, "// @plan launch narrow grid=1 block=32 args=(x, 4294967295, 32767, -128)").launches()).hasSize(1);
        assertThatThrownBy(() -> check(10, "// @plan launch scan grid=1 block=32 args=(x, y, y)"))
                .hasMessage("k.cu:1:50: 'y' is a 64-bit device pointer but parameter 3 '.param .u32 p2' of"
                        + " '_Z4scanPKiPii' is 32-bit");
        assertThatThrownBy(() -> check(5_000_000_000L, "// @plan launch scan grid=1 block=32 args=(x, y, n)"))
                .hasMessage("k.cu:1:50: 'n' = 5000000000 (n) does not fit parameter 3 '.param .u32 p2' of '_Z4scanPKiPii'");
        assertThatThrownBy(() -> check(10, "// @plan launch narrow grid=1 block=32 args=(x, n, 32768, 0)"))
                .hasMessageStartingWith("k.cu:1:52: '32768' = 32768 does not fit parameter 3 '.param .s16 c'");
        assertThatThrownBy(() -> check(10, "// @plan launch narrow grid=1 block=32 args=(x, -1, 0, 0)"))
                .hasMessageStartingWith("k.cu:1:49: '-1' = -1 does not fit parameter 2 '.param .u32 b'");
        assertThatThrownBy(() -> check(10, "// @plan launch narrow grid=1 block=32 args=(x, n, 0, 256)"))
                .hasMessageStartingWith("k.cu:1:55: '256' = 256 does not fit parameter 4 '.param .b8 d'");
        assertThatThrownBy(() -> check(10, "// @plan launch flt grid=1 block=32 args=(1)"))
                .hasMessage("k.cu:1:43: '1' cannot be passed to parameter 1 '.param .f32 f' of 'flt':"
                        + " only integer scalars and by-value structs can be bound from a plan");
        assertThatThrownBy(() -> check(10, "// @plan launch agg grid=1 block=32 args=(x)"))
                .hasMessageStartingWith("k.cu:1:43: 'x' cannot be passed to parameter 1 '.param .align 8 .b8 s[16]'");
    }

    @Test
    void blockShapeDirectivesOfTheEntryAreHonoured() throws Exception {
        assertThat(check(10, "// @plan launch fixed grid=1 block=128 args=(x)").launches()).hasSize(1);
        assertThatThrownBy(() -> check(10, "// @plan launch fixed grid=1 block=64,2 args=(x)"))
                .hasMessage("k.cu:1:36: entry 'fixed' requires block (128, 1, 1) (.reqntid), the plan gives (64, 2, 1)");
        assertThat(check(10, "// @plan launch capped grid=1 block=16,16 args=(x)").launches()).hasSize(1);
        assertThatThrownBy(() -> check(10, "// @plan launch capped grid=1 block=512 args=(x)"))
                .hasMessage("k.cu:1:37: entry 'capped' allows at most 256 threads per block (.maxntid), the plan gives 512");
    }

    @Test
    void limitsAloneNeedNoSignature() throws Exception {
        ResolvedPlan r = PlanValidator.resolve(plan("// @plan launch anything grid=n block=1 args=(x, 3)"), 7);
        assertThat(r.launches().get(0).entry()).isEqualTo("anything");
        assertThat(r.launches().get(0).grid().x()).isEqualTo(7);
    }
}
