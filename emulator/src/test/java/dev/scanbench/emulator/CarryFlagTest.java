package dev.scanbench.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The carry flag is a per-thread register of its own: hand-written PTX in which a chain spans a loop full of
 * short-lived registers. The packed register file (liveness packing, initcheck off) must keep the flag's slot
 * alive from add.cc to addc; every lane keeps its own flag.
 */
class CarryFlagTest {
    private static final String PTX = """
            .version 9.0
            .target sm_90a
            .address_size 64
            .visible .entry k(
            \t.param .u64 k_param_0
            )
            {
            \t.reg .pred %p<3>;
            \t.reg .b32 %r<20>;
            \t.reg .b64 %rd<5>;
            \tld.param.u64 %rd1, [k_param_0];
            \tmov.u32 %r1, %tid.x;
            \tsub.u32 %r2, 0, %r1;
            \tadd.cc.u32 %r3, %r2, 16;
            \tmov.u32 %r4, 0;
            $L_loop:
            \tadd.u32 %r5, %r4, 3;
            \tmul24.lo.u32 %r6, %r5, %r5;
            \tmad24.hi.u32 %r7, %r6, 65536, %r5;
            \txor.b32 %r8, %r7, %r6;
            \tadd.u32 %r4, %r4, 1;
            \tsetp.lt.u32 %p1, %r4, 5;
            \t@%p1 bra $L_loop;
            \taddc.cc.u32 %r9, %r8, 0;
            \taddc.u32 %r10, 0, 0;
            \tmul.wide.u32 %rd2, %r1, 8;
            \tadd.s64 %rd3, %rd1, %rd2;
            \tst.global.v2.u32 [%rd3], {%r9, %r10};
            \tret;
            }
            """;

    @Test
    void aChainAcrossALoopKeepsEachLanesFlagInThePackedRegisterFile() throws Exception {
        PtxModule m = Emulator.load(PTX);
        assertThat(m.registerSlots("k", true)).as("packing reuses slots").isLessThan(m.registerSlots("k", false));
        for (LaunchOptions opt : new LaunchOptions[] {LaunchOptions.defaults(), LaunchOptions.allChecks()}) {
            try (Device dev = new Device()) {
                DevicePointer out = dev.alloc(8L * 32);
                Run.cleanWith(dev, m, "k", Dim3.of(1), Dim3.of(32), 0, opt, out);
                int[] o = new int[64];
                dev.copyOut(out, o);
                for (int t = 0; t < 32; t++) {
                    // -t + 16 carries out of 32 bits exactly for t = 1..16 (and not for t = 0: 0 + 16)
                    int carry = t >= 1 && t <= 16 ? 1 : 0;
                    int r5 = 7;
                    int r6 = r5 * r5;
                    int r7 = (int) (((long) r6 * 65536) >>> 16) + r5;
                    int r8 = r7 ^ r6;
                    assertThat(o[2 * t]).as("lane %d", t).isEqualTo(r8 + carry);
                    assertThat(o[2 * t + 1]).as("carry out of lane %d", t).isZero();
                }
            }
        }
    }

    private static String poll(String carrySource) {
        return """
                .version 9.0
                .target sm_90a
                .address_size 64
                .visible .entry k(
                \t.param .u64 k_param_0
                )
                {
                \t.reg .pred %p<3>;
                \t.reg .b32 %r<20>;
                \t.reg .b64 %rd<5>;
                \tld.param.u64 %rd1, [k_param_0];
                \tmov.u32 %r4, 0;
                $L_spin:
                \tld.global.u32 %r1, [%rd1];
                \tadd.u32 %r4, %r4, 1;
                \tadd.cc.u32 %r2, %r1, SRC;
                \taddc.u32 %r3, 0, 0;
                \tsetp.eq.u32 %p1, %r3, 0;
                \t@%p1 bra $L_spin;
                \tret;
                }
                """.replace("SRC", carrySource);
    }

    /** The static analyses follow the flag: a loop that waits on a weak load through a carry is a weak poll. */
    @Test
    void theWeakPollAnalysisSeesAValueThroughTheCarryFlag() {
        // the exit depends only on the weak load, by way of add.cc's carry into addc: a poll
        assertThat(Emulator.weakPolls(poll("1"))).hasSize(1).allMatch(d -> d.ptxLine() == 14);
        // a counter in the carry's sum lets the loop end by itself: not a poll
        assertThat(Emulator.weakPolls(poll("%r4"))).isEmpty();
        assertThat(Emulator.endlessLoops(poll("1"))).as("the exit predicate is written in the loop").isEmpty();
    }
}
