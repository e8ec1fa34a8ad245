package dev.scanbench.emulator;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Anything the emulator does not implement is refused at load time, naming the opcode and PTX line. */
class UnsupportedPtxTest {
    private static final String HEAD = ".version 9.0\n.target sm_90a\n.address_size 64\n";

    private static String kernel(String body) {
        return HEAD + ".visible .entry k(\n\t.param .u64 k_param_0\n)\n{\n\t.reg .pred %p<3>;\n\t.reg .b32 %r<9>;\n"
                + "\t.reg .f32 %f<5>;\n\t.reg .b64 %rd<5>;\n\t.reg .b16 %rs<3>;\n" + body + "\n\tret;\n}\n";
    }

    /** Line of the body's first instruction in {@link #kernel}. */
    private static final int BODY_LINE = 13;

    private static void refused(String body, String... fragments) {
        var t = assertThatThrownBy(() -> Emulator.load(kernel(body))).isInstanceOf(UnsupportedPtxException.class)
                .hasMessageContaining("PTX line " + BODY_LINE);
        for (String f : fragments) {
            t.hasMessageContaining(f);
        }
    }

    @Test
    void unknownOpcode() {
        refused("\ttex.1d.v4.s32.s32 {%r1, %r2, %r3, %r4}, [%rd1, {%r5}];", "texture / tensor-map");
        refused("\tsuld.b.1d.b32.trap {%r1}, [%rd1, {%r5}];", "texture / tensor-map");
        refused("\ttanh.approx.f32 %f1, %f2;", "opcode tanh");
    }

    @Test
    void approximateFloatDivisionIsNotReproducible() {
        refused("\tdiv.approx.f32 %f1, %f2, %f3;", "qualifier .approx");
        refused("\tdiv.full.f32 %f1, %f2, %f3;", "qualifier .full");
        refused("\tex2.approx.ftz.f32 %f1, %f2;", "opcode ex2");
    }

    @Test
    void halfPrecisionTypes() {
        refused("\tadd.rn.f16 %rs1, %rs2, %rs2;", "type .f16");
    }

    @Test
    void unknownRegisterTypeIsRefusedAtItsDeclaration() {
        assertThatThrownBy(() -> Emulator.load(HEAD + ".visible .entry k()\n{\n\t.reg .f16x4 %h<2>;\n\tret;\n}\n"))
                .isInstanceOf(UnsupportedPtxException.class).hasMessageContaining("PTX line 6")
                .hasMessageContaining("type .f16x4");
    }

    @Test
    void directedRoundingOfArithmetic() {
        refused("\tadd.rz.f32 %f1, %f2, %f3;", "qualifier .rz");
    }

    @Test
    void unknownQualifierOnAKnownOpcode() {
        refused("\tld.global.mmio.relaxed.sys.u32 %r1, [%rd1];", "qualifier .mmio");
        refused("\tmul.lo.sat.s32 %r1, %r2, %r3;", "qualifier .sat of mul");
        refused("\tvshl.u32.u32.u32.clamp %r1, %r2, %r3, %r4;", "opcode vshl");
    }

    /** The supported video / carry / match forms take only what the emulator implements. */
    @Test
    void formsOfTheSimdCarryAndMatchOpsThatAreNotImplemented() {
        refused("\tvadd4.u32.u32.u32.sat.add %r1, %r2, %r3, %r4;", ".sat with the .add accumulate");
        refused("\tvadd4.u32.u32 %r1, %r2, %r3, %r4;", "needs 3 type qualifiers");
        refused("\tvset4.u32.u32.lo %r1, %r2, %r3, %r4;", "qualifier .lo of vset4");
        refused("\tvadd4.u32.u32.u32 %r1, %r2.b0123, %r3, %r4;", "operand selector .b0123");
        refused("\tvmax2.u32.u32.u32 %r1.h0, %r2, %r3, %r4;", "destination mask .h0");
        refused("\tadd.cc.u16 %rs1, %rs2, %rs2;", "qualifier .u16 of add");
        refused("\tmad24.lo.sat.s32 %r1, %r2, %r3, %r4;", ".sat is only mad24.hi.sat.s32");
        refused("\tmatch.any.sync.b32 %r1|%p1, %r2, %r3;", "match.any with a predicate destination");
        refused("\tmatch.any.b32 %r1, %r2, %r3;", "non-.sync");
        refused("\telect.sync %r1, %r2;", "d|p destination");
    }

    @Test
    void tensorBulkCopies() {
        refused("\tcp.async.bulk.tensor.1d.shared::cluster.global.mbarrier::complete_tx::bytes [%r1], [%rd1, {%r2}], [%r3];",
                "tensor");
    }

    @Test
    void jumpTablesOfDenseSwitches() {
        refused("\t$L_brx_0: .branchtargets $L1, $L2;", "directive .branchtargets");
    }

    @Test
    void preVoltaCollectives() {
        refused("\tshfl.up.b32 %r1, %r2, 1, 0;", "non-.sync");
    }

    @Test
    void syntaxErrorsNameTheLine() {
        assertThatThrownBy(() -> Emulator.load(kernel("\tadd.s32 %r1, %r2 %r3;")))
                .isInstanceOf(PtxSyntaxException.class).hasMessageContaining("PTX line " + BODY_LINE);
    }

    @Test
    void realNvccOutputWithACallOrApproximateMathIsRefused() {
        assertThatThrownBy(() -> Nvcc.load("unsupported.cu")).isInstanceOf(UnsupportedPtxException.class)
                .hasMessageMatching("(?s)PTX line \\d+: unsupported: (opcode ex2|qualifier .approx.*"
                        + "|call to external function malloc).*");
    }

    @Test
    void theScanListsEveryUnsupportedInstructionNotOnlyTheFirst() throws Exception {
        String ptx = kernel("\ttanh.approx.f32 %f1, %f2;\n\tadd.s32 %r1, %r2, %r3;\n\tex2.approx.f32 %f1, %f2;\n"
                + "\tadd.rz.f32 %f1, %f2, %f3;");
        java.util.List<UnsupportedInstruction> found = Emulator.unsupported(ptx);
        org.assertj.core.api.Assertions.assertThat(found).extracting(UnsupportedInstruction::ptxLine)
                .containsExactly(BODY_LINE, BODY_LINE + 2, BODY_LINE + 3);
        org.assertj.core.api.Assertions.assertThat(found.get(0).why()).isEqualTo("opcode tanh");
        org.assertj.core.api.Assertions.assertThat(found.get(0).entry()).isEqualTo("k");
        org.assertj.core.api.Assertions.assertThat(found.get(1).text()).isEqualTo("ex2.approx.f32 %f1, %f2;");
        org.assertj.core.api.Assertions.assertThat(Emulator.unsupported(kernel("\tadd.s32 %r1, %r2, %r3;"))).isEmpty();
    }

    @Test
    void theScanOfRealNvccOutputNamesTheCudaLineOfEachUnsupportedOp() throws Exception {
        java.util.List<UnsupportedInstruction> found = Emulator.unsupported(Nvcc.ptx("unsupported_ops.cu"));
        org.assertj.core.api.Assertions.assertThat(found).extracting(UnsupportedInstruction::source)
                .contains("unsupported_ops.cu:4", "unsupported_ops.cu:8");
        org.assertj.core.api.Assertions.assertThat(found).extracting(UnsupportedInstruction::why)
                .anyMatch(w -> w.contains("ex2")).anyMatch(w -> w.contains(".approx"));
    }

    @Test
    void integerDivisionByZeroIsFlaggedAsMachineSpecific() throws Exception {
        PtxModule m = Emulator.load(kernel("\tld.param.u64 %rd1, [k_param_0];\n\tmov.u32 %r1, 7;\n\tmov.u32 %r2, 0;\n"
                + "\tdiv.u32 %r3, %r1, %r2;\n\tst.global.u32 [%rd1], %r3;"));
        try (Device dev = new Device()) {
            DevicePointer out = dev.alloc(4);
            LaunchResult r = dev.launch(m, "k", Dim3.of(1), Dim3.of(1), 0, LaunchOptions.defaults(), out);
            org.assertj.core.api.Assertions.assertThat(r.status()).isEqualTo(LaunchResult.Status.COMPLETED);
            Diagnostic d = r.of(Check.FAULT).get(0);
            org.assertj.core.api.Assertions.assertThat(d.error()).isFalse();
            org.assertj.core.api.Assertions.assertThat(d.ptxLine()).isEqualTo(BODY_LINE + 3);
            org.assertj.core.api.Assertions.assertThat(d.message()).contains("division by zero");
        }
    }
}
