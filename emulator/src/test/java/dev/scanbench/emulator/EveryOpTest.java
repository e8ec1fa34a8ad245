package dev.scanbench.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * corpus/every_op.cu: one nvcc kernel with every video SIMD, mul24 / mad24, carry-chain, match and elect opcode,
 * exact against a Java model on edge and random inputs, with all checks on and with the packed register file.
 * every_op.cu's {@code EVERY_OP_WITH_PRINTF} is the hook for device calls: set to 1 when {@code call} / vprintf run,
 * the same kernel then also prints.
 */
class EveryOpTest {
    private static final String[] VIDEO = {"vadd4.u32.u32.u32.sat", "vsub4.s32.s32.s32.sat", "__vabsdiffu4",
        "vmin4.s32.s32.s32", "vmax4.u32.u32.u32.add", "vset4.s32.s32.gt", "vadd2.s32.s32.s32", "vsub2.u32.u32.u32.sat",
        "vabsdiff2.s32.s32.s32.add", "vmin2.u32.u32.u32", "vmax2.s32.s32.s32.sat", "vset2.u32.u32.le.add"};

    @Test
    void everyNewOpcodeInOneKernelIsExact() throws Exception {
        PtxModule m = Nvcc.load("every_op.cu");
        int[][] all = OpcodeCorpusTest.inputs(31);
        int threads = 256;
        int[][] in = new int[3][threads];
        for (int k = 0; k < 3; k++) {
            System.arraycopy(all[k], 0, in[k], 0, threads);
        }
        for (LaunchOptions opt : new LaunchOptions[] {LaunchOptions.allChecks(), LaunchOptions.defaults()}) {
            try (Device dev = new Device()) {
                DevicePointer[] p = new DevicePointer[3];
                for (int k = 0; k < 3; k++) {
                    p[k] = dev.alloc(4L * threads);
                    dev.copyIn(p[k], in[k]);
                }
                DevicePointer o = dev.alloc(4L * 32 * threads);
                Run.cleanWith(dev, m, "every_op", Dim3.of(2), Dim3.of(128), 0, opt, p[0], p[1], p[2], o);
                int[] out = new int[32 * threads];
                dev.copyOut(o, out);
                for (int t = 0; t < threads; t++) {
                    int[] want = expected(in, t);
                    for (int k = 0; k < 32; k++) {
                        assertThat(out[32 * t + k]).as("r[%d] of thread %d (x=0x%08x y=0x%08x z=0x%08x)", k, t,
                                in[0][t], in[1][t], in[2][t]).isEqualTo(want[k]);
                    }
                }
            }
        }
    }

    private static int[] expected(int[][] in, int t) {
        int x = in[0][t];
        int y = in[1][t];
        int z = in[2][t];
        long ux = Integer.toUnsignedLong(x);
        long uy = Integer.toUnsignedLong(y);
        long uz = Integer.toUnsignedLong(z);
        int[] r = new int[32];
        for (int k = 0; k < VIDEO.length; k++) {
            r[k] = OpcodeCorpusTest.video(VIDEO[k], x, y, z);
        }
        int[] m24 = OpcodeCorpusTest.mul24(x, y, z);
        r[12] = m24[0];
        r[13] = m24[5];
        r[14] = m24[9];
        r[15] = (int) (((long) (x << 8 >> 8) * (y << 8 >> 8)) >> 16) + z;
        long s = ux + uy;
        long s1 = uz + ux + (s >>> 32);
        r[16] = (int) s;
        r[17] = (int) s1;
        r[18] = (int) (s1 >>> 32);
        long borrow0 = ux < uy ? 1 : 0;
        long d1 = uz - uy - borrow0;
        r[19] = x - y;
        r[20] = (int) d1;
        r[21] = d1 < 0 ? -1 : 0;
        long p = ux * uy;
        long lo = (p & 0xFFFFFFFFL) + uz;
        r[22] = (int) lo;
        r[23] = (int) ((p >>> 32) + (lo >>> 32));
        int base = t & ~31;
        int any = 0;
        int any64 = 0;
        boolean all = true;
        boolean all64 = true;
        int members = 0;
        for (int l = 0; l < 32; l++) {
            int ox = in[0][base + l];
            int oy = in[1][base + l];
            int oz = in[2][base + l];
            any |= (ox & 3) == (x & 3) ? 1 << l : 0;
            long w = ((long) (oy & 1) << 32) | (ox & 3);
            long mine = ((long) (y & 1) << 32) | (x & 3);
            any64 |= w == mine ? 1 << l : 0;
            all &= (oz >>> 30) == (in[2][base] >>> 30);
            all64 &= (w >>> 33) == 0;
            members |= (oy & 2) != 0 || l == 31 ? 1 << l : 0;
        }
        r[24] = any;
        r[25] = all ? -1 : 0;
        r[26] = any64;
        r[27] = all64 ? ~1 : 0;
        int lane = t & 31;
        int leader = Integer.numberOfTrailingZeros(members);
        r[28] = (members >>> lane & 1) != 0 ? leader | (lane == leader ? 256 : 0) : 0xdead;
        r[29] = r[22] ^ r[0] ^ r[12] ^ r[24];
        long hi = (p >>> 32) + uz;
        r[30] = (int) hi;
        r[31] = (int) ((p & 0xFFFFFFFFL) + uz + (hi >>> 32));
        return r;
    }
}
