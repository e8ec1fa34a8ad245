package dev.scanbench.harness.ptx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scanbench.harness.compile.TestCompilers;
import java.util.List;
import org.junit.jupiter.api.Test;

class PtxSignatureTest {

    private static final String KERNELS = String.join("\n",
            "struct Pair { long long a; long long b; };",
            "__device__ int twice(int v, int w) { return v * 2 + w; }",
            "__global__ void scan(const int* __restrict__ x, int* y, int n) {",
            "    int i = blockIdx.x * blockDim.x + threadIdx.x;",
            "    if (i < n) y[i] = twice(x[i], n);",
            "}",
            "__global__ void mixed(Pair p, char c, short s, double d, unsigned long long u, int* out) {",
            "    out[0] = (int)(p.a + p.b + c + s + (long long)d + u);",
            "}",
            "extern \"C\" __global__ void __launch_bounds__(256) bounded(unsigned* out) { out[threadIdx.x] = 1u; }",
            "__global__ void empty() {}",
            "");

    @Test
    void readsRealNvccOutput() throws PtxFormatException {
        String ptx = TestCompilers.compileCuda("sig.cu", KERNELS).ptx();
        PtxSignature sig = PtxSignature.parse(ptx);
        assertThat(sig.entries()).extracting(PtxEntry::name)
                .containsExactly("_Z4scanPKiPii", "_Z5mixed4PaircsdyPi", "bounded", "_Z5emptyv");

        PtxEntry scan = sig.resolve("scan").orElseThrow();
        assertThat(scan.params()).extracting(PtxParam::type).containsExactly(PtxType.U64, PtxType.U64, PtxType.U32);
        assertThat(scan.params()).extracting(PtxParam::name)
                .containsExactly("_Z4scanPKiPii_param_0", "_Z4scanPKiPii_param_1", "_Z4scanPKiPii_param_2");
        assertThat(ptx.lines().skip(scan.line() - 1).findFirst().orElseThrow()).contains(".entry _Z4scanPKiPii");

        List<PtxParam> mixed = sig.resolve("mixed").orElseThrow().params();
        assertThat(mixed).extracting(PtxParam::type)
                .containsExactly(PtxType.B8, PtxType.U8, PtxType.U16, PtxType.F64, PtxType.U64, PtxType.U64);
        PtxParam pair = mixed.get(0);
        assertThat(pair.isScalar()).isFalse();
        assertThat(pair.arrayLength()).isEqualTo(16);
        assertThat(pair.alignment()).isEqualTo(8);
        assertThat(pair.sizeBytes()).isEqualTo(16);
        assertThat(pair.render()).isEqualTo(".param .align 8 .b8 _Z5mixed4PaircsdyPi_param_0[16]");
        assertThat(mixed.get(3).alignment()).isEqualTo(8);

        assertThat(sig.resolve("bounded").orElseThrow().maxntid()).containsExactly(256L, 1L, 1L);
        assertThat(sig.resolve("empty").orElseThrow().params()).isEmpty();
        assertThat(sig.resolve("twice")).as("device functions are not entries").isEmpty();
    }

    @Test
    void readsHandWrittenPtx() throws PtxFormatException {
        String ptx = String.join("\n",
                ".version 8.8",
                ".target sm_90a",
                ".address_size 64",
                "/* a block comment with .entry fake(.param .u32 nope) inside */",
                ".extern .entry elsewhere(.param .u64 p);",
                ".entry plain(",
                "    .param .u64 .ptr .global .align 16 in,   // pointer attributes",
                "    /* split */ .param .s32",
                "        count",
                ")",
                ".reqntid 128",
                "{",
                "    { .reg .b32 inner; }",
                "    ret;",
                "}",
                ".weak .entry weak_one(.param .b64 a, .param .f32 f)",
                ".maxntid 64, 2",
                "{ ret; }",
                ".visible .entry no_list",
                "{ ret; }",
                ".func (.param .b32 r) helper(.param .b32 a) { ret; }",
                "");
        PtxSignature sig = PtxSignature.parse(ptx);
        assertThat(sig.entries()).extracting(PtxEntry::name).containsExactly("plain", "weak_one", "no_list");
        PtxEntry plain = sig.entries().get(0);
        assertThat(plain.line()).isEqualTo(6);
        // ".align" after ".ptr" is the pointee's alignment: the parameter keeps its natural 8 bytes.
        assertThat(plain.params()).containsExactly(
                new PtxParam("in", PtxType.U64, 0, 0, 7),
                new PtxParam("count", PtxType.S32, 0, 0, 9));
        assertThat(plain.params().get(0).alignment()).isEqualTo(8);
        assertThat(plain.reqntid()).containsExactly(128L);
        assertThat(sig.entries().get(1).maxntid()).containsExactly(64L, 2L);
        assertThat(sig.entries().get(1).params().get(1).type().isInteger()).isFalse();
        assertThat(sig.describeEntries()).isEqualTo("plain, weak_one, no_list");
    }

    @Test
    void simpleNamesResolveOnlyWhenUnambiguous() throws PtxFormatException {
        PtxSignature sig = PtxSignature.parse(".entry _Z1kPi(.param .u64 a) { ret; }\n"
                + ".entry _Z1kPf(.param .u64 a) { ret; }\n.entry _Z4scanv() { ret; }\n");
        assertThat(sig.resolve("k")).isEmpty();
        assertThat(sig.resolve("_Z1kPf")).isPresent();
        assertThat(sig.resolve("scan").orElseThrow().name()).isEqualTo("_Z4scanv");
        assertThat(sig.describeEntries()).isEqualTo("_Z1kPi (k), _Z1kPf (k), _Z4scanv (scan)");
    }

    @Test
    void malformedHeadersNameTheLine() {
        assertThatThrownBy(() -> PtxSignature.parse(".version 9.0\n.entry f(\n  .param .u64\n)\n{ ret; }\n"))
                .isInstanceOf(PtxFormatException.class)
                .hasMessage("PTX line 4: expected a parameter name, found ')'");
        assertThatThrownBy(() -> PtxSignature.parse(".entry f(.param .u64 a, .param .vec b) { }"))
                .hasMessage("PTX line 1: unexpected '.vec' in a kernel parameter");
        assertThatThrownBy(() -> PtxSignature.parse(".entry f(.param .u64 a\n"))
                .hasMessage("PTX line 1: unexpected end of PTX, expected ')' to close the parameter list of f");
    }

    @Test
    void integerRangesOfParameterTypes() {
        assertThat(PtxType.U32.holds(4294967295L)).isTrue();
        assertThat(PtxType.U32.holds(-1)).isFalse();
        assertThat(PtxType.S32.holds(2147483648L)).isFalse();
        assertThat(PtxType.B32.holds(-1)).isTrue();
        assertThat(PtxType.B32.holds(4294967296L)).isFalse();
        assertThat(PtxType.U64.holds(-1)).isFalse();
        assertThat(PtxType.S64.holds(Long.MIN_VALUE)).isTrue();
        assertThat(PtxType.F32.holds(0)).isFalse();
        assertThat(PtxType.of(".bf16")).contains(PtxType.BF16);
    }
}
