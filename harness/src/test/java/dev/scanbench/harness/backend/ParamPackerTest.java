package dev.scanbench.harness.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scanbench.harness.plan.LaunchArg;
import dev.scanbench.harness.plan.SourcePos;
import dev.scanbench.harness.ptx.PtxEntry;
import dev.scanbench.harness.ptx.PtxFormatException;
import dev.scanbench.harness.ptx.PtxSignature;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParamPackerTest {
    private static final SourcePos AT = new SourcePos("k.cu", 1, 1);
    private static final Map<String, Long> POINTERS = Map.of("x", 0x7f00_0000_1000L, "y", 0x7f00_0000_2000L, "tiles", 0x10L);

    private static PtxEntry entry(String params) throws PtxFormatException {
        return PtxSignature.parse(".entry k(" + params + ") { ret; }").entries().get(0);
    }

    private static LaunchArg ptr(String name) {
        LaunchArg.Kind kind = name.equals("x") ? LaunchArg.Kind.INPUT : name.equals("y") ? LaunchArg.Kind.OUTPUT
                : LaunchArg.Kind.SCRATCH;
        return new LaunchArg(kind, name, 0, AT);
    }

    private static LaunchArg lit(long v) {
        return new LaunchArg(LaunchArg.Kind.LITERAL, Long.toString(v), v, AT);
    }

    private static final LaunchArg N = new LaunchArg(LaunchArg.Kind.SIZE, "n", 0, AT);

    @Test
    void pointersAndSizeInTheCudaLayout() throws PtxFormatException {
        PackedParams p = ParamPacker.pack(entry(".param .u64 a, .param .u64 b, .param .u32 c"),
                List.of(ptr("x"), ptr("y"), N), 1_000_000, POINTERS);
        assertThat(p.count()).isEqualTo(3);
        assertThat(p.offset(2)).isEqualTo(16);
        assertThat(p).hasToString("00100000007f0000" + "00200000007f0000" + "40420f00");
        assertThat(p.value(2)).containsExactly(0x40, 0x42, 0x0f, 0x00);
    }

    @Test
    void smallParametersArePaddedToTheNextAlignment() throws PtxFormatException {
        PackedParams p = ParamPacker.pack(entry(".param .u8 a, .param .u64 b, .param .s16 c, .param .s32 d, .param .b64 e"),
                List.of(lit(255), ptr("tiles"), lit(-2), lit(-1), N), 3, POINTERS);
        assertThat(p.offset(0)).isZero();
        assertThat(p.offset(1)).isEqualTo(8);
        assertThat(p.offset(2)).isEqualTo(16);
        assertThat(p.offset(3)).isEqualTo(20);
        assertThat(p.offset(4)).isEqualTo(24);
        assertThat(p).hasToString("ff00000000000000" + "1000000000000000" + "feff" + "0000" + "ffffffff" + "0300000000000000");
    }

    @Test
    void declaredAlignmentIsHonoured() throws PtxFormatException {
        PackedParams p = ParamPacker.pack(entry(".param .u32 a, .param .align 16 .u64 b"), List.of(N, ptr("x")), 7, POINTERS);
        assertThat(p.offset(1)).isEqualTo(16);
        assertThat(p.buffer()).hasSize(24);
    }

    @Test
    void mismatchesAreProgrammingErrors() throws PtxFormatException {
        PtxEntry e = entry(".param .u64 a, .param .u32 b");
        assertThatThrownBy(() -> ParamPacker.pack(e, List.of(ptr("x")), 1, POINTERS))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("k takes 2 parameters, got 1");
        assertThatThrownBy(() -> ParamPacker.pack(e, List.of(ptr("x"), ptr("y")), 1, POINTERS))
                .hasMessage("no 64-bit slot or no address for pointer argument y");
        assertThatThrownBy(() -> ParamPacker.pack(e, List.of(ptr("x"), lit(-1)), 1, POINTERS))
                .hasMessage("-1 does not fit .param .u32 b");
        assertThatThrownBy(() -> ParamPacker.pack(e, List.of(ptr("nowhere"), N), 1, POINTERS))
                .hasMessage("no 64-bit slot or no address for pointer argument nowhere");
    }
}
