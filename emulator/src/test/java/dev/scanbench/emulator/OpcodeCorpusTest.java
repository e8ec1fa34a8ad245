package dev.scanbench.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * corpus/opcodes.cu: the SIMD video instructions, 24-bit multiplies, carry chains, match.any / match.all and
 * elect.sync against Java models written from the PTX ISA, on many random and edge-case inputs. Each kernel runs
 * twice: with every check on (initcheck, so one slot per virtual register) and with the packed register file
 * (liveness packing must keep the hidden carry flag of a chain alive).
 */
class OpcodeCorpusTest {
    /** Values at the byte / half / word edges. */
    static final int[] EDGES = {0, -1, 0x80808080, 0x7F7F7F7F, 0x80000000, 0x7FFFFFFF, 0x00FF00FF, 0xFF00FF00,
        0x01010101, 0x80007FFF, 0x7FFF8000, 0xFF01807F, 0x00800080, 0xFFFF0001};
    private static final int N = EDGES.length * EDGES.length + 236;

    /** Every edge paired with every edge (and a third operand cycling), then random words and bytes. */
    static int[][] inputs(long seed) {
        Random rnd = new Random(seed);
        int[][] v = new int[3][N];
        for (int i = 0; i < N; i++) {
            if (i < EDGES.length * EDGES.length) {
                v[0][i] = EDGES[i / EDGES.length];
                v[1][i] = EDGES[i % EDGES.length];
                v[2][i] = EDGES[(i * 7) % EDGES.length];
            } else {
                for (int k = 0; k < 3; k++) {
                    v[k][i] = switch (i % 3) {
                        case 0 -> rnd.nextInt();
                        case 1 -> rnd.nextInt() & 0x81818181; // bytes near 0, 1, 0x80, 0x81
                        default -> rnd.nextInt(1 << 24) - (1 << 23);
                    };
                }
            }
        }
        return v;
    }

    private static final List<String> VIDEO = List.of("__vabsdiffu4", "__vsadu4", "vadd4.u32.u32.u32",
            "vadd4.u32.u32.u32.sat", "vadd4.s32.s32.s32.sat", "vadd4.u32.u32.u32.add", "vsub4.u32.u32.u32.sat",
            "vsub4.s32.s32.s32.sat", "vsub4.s32.s32.s32.add", "vavrg4.u32.u32.u32", "vavrg4.s32.s32.s32",
            "vabsdiff4.s32.s32.s32", "vabsdiff4.u32.s32.s32.sat", "vmin4.u32.u32.u32", "vmin4.s32.s32.s32",
            "vmax4.u32.u32.u32", "vmax4.s32.s32.s32.add", "vset4.u32.u32.gt", "vset4.s32.s32.le", "vset4.s32.u32.lt",
            "vset4.u32.u32.eq.add", "vadd4.s32.u32.s32.sat", "vadd2.u32.u32.u32", "vadd2.s32.s32.s32.sat",
            "vadd2.u32.u32.u32.sat", "vsub2.s32.s32.s32.sat", "vsub2.u32.u32.u32.add", "vavrg2.s32.s32.s32",
            "vavrg2.u32.u32.u32", "vabsdiff2.u32.u32.u32", "vabsdiff2.s32.s32.s32.add", "vmin2.s32.s32.s32",
            "vmin2.u32.u32.u32.add", "vmax2.u32.u32.u32", "vmax2.s32.s32.s32.sat", "vset2.u32.u32.ne",
            "vset2.s32.s32.ge", "vset2.s32.s32.lt.add", "vsub4.u32.u32.u32", "vset4.s32.s32.ne");

    @Test
    void videoInstructionsMatchThePtxIsa() throws Exception {
        PtxModule m = Nvcc.load("opcodes.cu");
        int[][] in = inputs(21);
        for (boolean packed : new boolean[] {false, true}) {
            try (Device dev = new Device()) {
                DevicePointer[] p = upload(dev, in);
                DevicePointer o = dev.alloc(4L * 40 * N);
                launch(dev, m, "video", packed, p[0], p[1], p[2], o, N);
                int[] out = new int[40 * N];
                dev.copyOut(o, out);
                for (int i = 0; i < N; i++) {
                    for (int k = 0; k < 40; k++) {
                        int want = video(VIDEO.get(k), in[0][i], in[1][i], in[2][i]);
                        assertThat(out[40 * i + k]).as("%s(0x%08x, 0x%08x, 0x%08x) packed=%s", VIDEO.get(k),
                                in[0][i], in[1][i], in[2][i], packed).isEqualTo(want);
                    }
                }
            }
        }
    }

    /** The model: a spelling as in the .cu, evaluated per the PTX ISA's pseudocode for vop4 / vop2 / vset. */
    static int video(String spelling, int x, int y, int z) {
        if (spelling.equals("__vabsdiffu4")) {
            int r = 0;
            for (int i = 0; i < 32; i += 8) {
                r |= Math.abs((x >>> i & 0xFF) - (y >>> i & 0xFF)) << i;
            }
            return r;
        }
        if (spelling.equals("__vsadu4")) {
            int s = 0;
            for (int i = 0; i < 32; i += 8) {
                s += Math.abs((x >>> i & 0xFF) - (y >>> i & 0xFF));
            }
            return s;
        }
        List<String> q = List.of(spelling.split("\\."));
        String op = q.get(0);
        boolean set = op.startsWith("vset");
        int bits = op.endsWith("2") ? 16 : 8;
        int lanes = 32 / bits;
        int t0 = set ? 0 : 1;
        boolean dSigned = !set && q.get(1).equals("s32");
        boolean aSigned = q.get(1 + t0).equals("s32");
        boolean bSigned = q.get(2 + t0).equals("s32");
        boolean sat = q.contains("sat");
        boolean acc = q.contains("add");
        long sum = z;
        int merged = 0;
        for (int i = 0; i < lanes; i++) {
            long va = field(x, i, bits, aSigned);
            long vb = field(y, i, bits, bSigned);
            long t = switch (op.substring(0, op.length() - 1)) {
                case "vadd" -> va + vb;
                case "vsub" -> va - vb;
                case "vavrg" -> Math.floorDiv(va + vb + (va + vb >= 0 ? 1 : 0), 2);
                case "vabsdiff" -> Math.abs(va - vb);
                case "vmin" -> Math.min(va, vb);
                case "vmax" -> Math.max(va, vb);
                default -> switch (q.get(3)) {
                    case "eq" -> va == vb ? 1 : 0;
                    case "ne" -> va != vb ? 1 : 0;
                    case "lt" -> va < vb ? 1 : 0;
                    case "le" -> va <= vb ? 1 : 0;
                    case "gt" -> va > vb ? 1 : 0;
                    default -> va >= vb ? 1 : 0;
                };
            };
            if (sat) {
                long hi = dSigned ? (1L << (bits - 1)) - 1 : (1L << bits) - 1;
                long lo = dSigned ? -(1L << (bits - 1)) : 0;
                t = t > hi ? hi : t < lo ? lo : t;
            }
            sum += t;
            merged |= (int) ((t & ((1L << bits) - 1)) << (i * bits));
        }
        return acc ? (int) sum : merged;
    }

    private static long field(int v, int i, int bits, boolean signed) {
        long f = (Integer.toUnsignedLong(v) >>> (i * bits)) & ((1L << bits) - 1);
        return signed ? (f << (64 - bits)) >> (64 - bits) : f;
    }

    @Test
    void twentyFourBitMultipliesMatchThePtxIsa() throws Exception {
        PtxModule m = Nvcc.load("opcodes.cu");
        int[][] in = inputs(22);
        for (boolean packed : new boolean[] {false, true}) {
            try (Device dev = new Device()) {
                DevicePointer[] p = upload(dev, in);
                DevicePointer o = dev.alloc(4L * 10 * N);
                launch(dev, m, "mul24", packed, p[0], p[1], p[2], o, N);
                int[] out = new int[10 * N];
                dev.copyOut(o, out);
                for (int i = 0; i < N; i++) {
                    int[] want = mul24(in[0][i], in[1][i], in[2][i]);
                    for (int k = 0; k < 10; k++) {
                        assertThat(out[10 * i + k]).as("mul24 r[%d] of 0x%08x 0x%08x 0x%08x packed=%s", k, in[0][i],
                                in[1][i], in[2][i], packed).isEqualTo(want[k]);
                    }
                }
            }
        }
    }

    static int[] mul24(int x, int y, int z) {
        BigInteger s = BigInteger.valueOf((long) (x << 8 >> 8) * (y << 8 >> 8));
        BigInteger u = BigInteger.valueOf((long) (x & 0xFFFFFF) * (y & 0xFFFFFF));
        int sLo = s.intValue();
        int sHi = s.shiftRight(16).intValue();
        int uLo = u.intValue();
        int uHi = u.shiftRight(16).intValue();
        long satSum = (long) sHi + z;
        int sat = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, satSum));
        return new int[] {sLo, uLo, sLo, sHi, uLo, uHi, sLo + z, uHi + z, sat, uLo + z};
    }

    @Test
    void carryChainsMatchMultiWordArithmetic() throws Exception {
        PtxModule m = Nvcc.load("opcodes.cu");
        int[][] in = inputs(23);
        int n = N / 4;
        for (boolean packed : new boolean[] {false, true}) {
            try (Device dev = new Device()) {
                DevicePointer[] p = upload(dev, in);
                DevicePointer o = dev.alloc(4L * 16 * n);
                DevicePointer o64 = dev.alloc(8L * 7 * n);
                launch(dev, m, "carry", packed, p[0], p[1], o, o64, n);
                int[] out = new int[16 * n];
                long[] out64 = new long[7 * n];
                dev.copyOut(o, out);
                dev.copyOut(o64, out64);
                for (int i = 0; i < n; i++) {
                    int[] x = java.util.Arrays.copyOfRange(in[0], 4 * i, 4 * i + 4);
                    int[] y = java.util.Arrays.copyOfRange(in[1], 4 * i, 4 * i + 4);
                    int[] want = carry(x, y);
                    for (int k = 0; k < 16; k++) {
                        assertThat(out[16 * i + k]).as("carry r[%d] of element %d packed=%s", k, i, packed)
                                .isEqualTo(want[k]);
                    }
                    long[] want64 = carry64(x, y);
                    for (int k = 0; k < 7; k++) {
                        assertThat(out64[7 * i + k]).as("carry q[%d] of element %d packed=%s", k, i, packed)
                                .isEqualTo(want64[k]);
                    }
                }
            }
        }
    }

    private static final BigInteger TWO_128 = BigInteger.ONE.shiftLeft(128);

    private static BigInteger words(int[] w, int from, int count) {
        BigInteger v = BigInteger.ZERO;
        for (int i = from + count - 1; i >= from; i--) {
            v = v.shiftLeft(32).or(BigInteger.valueOf(Integer.toUnsignedLong(w[i])));
        }
        return v;
    }

    private static int word(BigInteger v, int i) {
        return v.shiftRight(32 * i).intValue();
    }

    static int[] carry(int[] x, int[] y) {
        BigInteger bx = words(x, 0, 4);
        BigInteger by = words(y, 0, 4);
        BigInteger sum = bx.add(by);
        BigInteger diff = bx.subtract(by);
        BigInteger prod = words(x, 0, 2).multiply(words(y, 0, 2));
        int[] r = new int[16];
        for (int i = 0; i < 4; i++) {
            r[i] = word(sum, i);
            r[5 + i] = word(diff.mod(TWO_128), i);
        }
        r[4] = sum.testBit(128) ? 1 : 0;
        r[9] = diff.signum() < 0 ? -1 : 0; // subc.u32 0 - 0 - borrow
        r[10] = word(prod, 0);
        r[11] = word(prod, 1);
        r[12] = word(prod, 2);
        long sHi = ((long) x[2] * y[2]) >> 32;
        long add = (sHi & 0xFFFFFFFFL) + Integer.toUnsignedLong(x[3]);
        r[13] = (int) add;
        long low = (((long) x[2] * y[2]) & 0xFFFFFFFFL) + Integer.toUnsignedLong(y[3]) + (add >>> 32);
        r[14] = (int) low;
        r[15] = (int) (low >>> 32);
        return r;
    }

    static long[] carry64(int[] x, int[] y) {
        BigInteger bx = words(x, 0, 4);
        BigInteger by = words(y, 0, 4);
        BigInteger sum = bx.add(by);
        BigInteger diff = bx.subtract(by).mod(TWO_128);
        BigInteger u0 = words(x, 0, 2);
        BigInteger v0 = words(y, 0, 2);
        BigInteger p = u0.multiply(v0);
        BigInteger two64 = BigInteger.ONE.shiftLeft(64);
        BigInteger lo = p.mod(two64).add(words(x, 2, 2));
        long m0 = lo.longValue();
        long carry = lo.testBit(64) ? 1 : 0;
        long m1 = p.shiftRight(64).longValue() + words(y, 2, 2).longValue() + carry;
        return new long[] {sum.longValue(), sum.shiftRight(64).longValue(), sum.testBit(128) ? 1 : 0,
            diff.longValue(), diff.shiftRight(64).longValue(), m0, m1};
    }

    @Test
    void matchAndElectGroupTheLanesOfAWarp() throws Exception {
        PtxModule m = Nvcc.load("opcodes.cu");
        int warps = 24;
        int threads = 32 * warps;
        Random rnd = new Random(24);
        int[] x = new int[threads];
        long[] x64 = new long[threads];
        for (int w = 0; w < warps; w++) {
            int kind = w % 4;
            int same = rnd.nextInt();
            for (int l = 0; l < 32; l++) {
                int t = 32 * w + l;
                x[t] = switch (kind) {
                    case 0 -> same;
                    case 1 -> rnd.nextInt(4) | (rnd.nextInt(2) << 31);
                    case 2 -> rnd.nextInt();
                    default -> l == 9 ? same ^ 0x80000000 : same;
                };
                long hi = kind == 0 ? 0x1234L : rnd.nextInt(2);
                x64[t] = (hi << 40) | Integer.toUnsignedLong(x[t]);
            }
        }
        for (boolean packed : new boolean[] {false, true}) {
            try (Device dev = new Device()) {
                DevicePointer a = dev.alloc(4L * threads);
                DevicePointer a64 = dev.alloc(8L * threads);
                DevicePointer o = dev.alloc(4L * 8 * threads);
                dev.copyIn(a, x);
                dev.copyIn(a64, x64);
                LaunchOptions opt = packed ? LaunchOptions.defaults() : LaunchOptions.allChecks();
                Run.cleanWith(dev, m, "match", Dim3.of(warps / 4), Dim3.of(128), 0, opt, a, a64, o);
                int[] out = new int[8 * threads];
                dev.copyOut(o, out);
                for (int t = 0; t < threads; t++) {
                    int[] want = match(x, x64, t);
                    for (int k = 0; k < 8; k++) {
                        assertThat(out[8 * t + k]).as("match r[%d] of thread %d packed=%s", k, t, packed)
                                .isEqualTo(want[k]);
                    }
                }
            }
        }
    }

    static int[] match(int[] x, long[] x64, int t) {
        int base = t & ~31;
        int lane = t & 31;
        int any = 0;
        int any64 = 0;
        int anyOdd = 0;
        boolean all = true;
        boolean all64 = true;
        boolean allOdd = true;
        int odd = 0;
        int firstOdd = -1;
        for (int l = 0; l < 32; l++) {
            any |= x[base + l] == x[t] ? 1 << l : 0;
            any64 |= x64[base + l] == x64[t] ? 1 << l : 0;
            all &= x[base + l] == x[base];
            all64 &= (x64[base + l] >>> 40) == (x64[base] >>> 40);
            if ((l & 1) != 0) {
                anyOdd |= (x[base + l] & 3) == (x[t] & 3) ? 1 << l : 0;
                allOdd &= (x[base + l] >>> 31) == (x[base + 1] >>> 31);
            }
            if ((x[base + l] & 1) != 0) {
                odd |= 1 << l;
                firstOdd = firstOdd < 0 ? l : firstOdd;
            }
        }
        int[] r = new int[8];
        r[0] = any;
        r[1] = all ? -1 : 0;
        r[2] = all ? 1 : 0;
        r[3] = any64;
        r[4] = all64 ? -1 + 2 : 0;
        if ((lane & 1) != 0) {
            r[5] = anyOdd;
            r[6] = (allOdd ? 0xaaaaaaaa : 0) | (allOdd ? 1 : 0);
        }
        int leader = lane >= 4 ? (4 << 8) | (lane == 4 ? 1 : 0) : 7;
        if ((x[t] & 1) != 0) {
            leader |= (lane == firstOdd ? 1 : 0) << 16;
        }
        r[7] = leader;
        return r;
    }

    /**
     * initcheck through the new ops: a result is undefined where an input it depends on is, and the carry flag
     * carries undefinedness up a chain (an undefined low word makes every higher word of the sum undefined) but not
     * down it, nor into an unrelated chain; a match is undefined in every lane if one lane's value is.
     */
    @Test
    void undefinedInputsFollowTheCarryFlagAndTheCollectives() throws Exception {
        PtxModule m = Nvcc.load("opcodes.cu");
        LaunchOptions initcheck = LaunchOptions.defaults().withChecks(java.util.EnumSet.of(Check.INITCHECK));
        int[][] in = inputs(25);
        try (Device dev = new Device()) {
            DevicePointer[] p = upload(dev, in);
            dev.poison(p[0].plus(4L * 4), (byte) 0x5a, 4);     // element 1: x0
            dev.poison(p[0].plus(4L * (4 * 2 + 3)), (byte) 0x5a, 4); // element 2: x3
            DevicePointer o = dev.alloc(4L * 16 * 4);
            DevicePointer o64 = dev.alloc(8L * 7 * 4);
            LaunchResult r = dev.launch(m, "carry", Dim3.of(1), Dim3.of(32), 0, initcheck, p[0], p[1], o, o64, 4);
            assertThat(r.diagnostics()).isEmpty();
            boolean[][] undefined = new boolean[4][16];
            for (int i = 0; i < 4; i++) {
                for (int k = 0; k < 16; k++) {
                    undefined[i][k] = dev.firstUndefined(o.plus(4L * (16 * i + k)), 4).isPresent();
                }
            }
            assertThat(undefined[0]).as("all defined").doesNotContain(true);
            boolean[] x0 = new boolean[16];
            java.util.Arrays.fill(x0, 0, 13, true);
            assertThat(undefined[1]).as("undefined x0: sums, differences, product; not the x2/x3 chain").isEqualTo(x0);
            boolean[] x3 = new boolean[16];
            x3[3] = x3[4] = x3[8] = x3[9] = x3[13] = x3[14] = x3[15] = true;
            assertThat(undefined[2]).as("undefined x3: top words and flags only").isEqualTo(x3);
            assertThat(dev.firstUndefined(o64.plus(8L * 7), 8L * 7)).as("u64 chain of element 1").isPresent();
            assertThat(dev.firstUndefined(o64, 8L * 7)).as("u64 chain of element 0").isEmpty();

            DevicePointer ov = dev.alloc(4L * 40 * 32);
            dev.launch(m, "video", Dim3.of(1), Dim3.of(32), 0, initcheck, p[0], p[1], p[2], ov, 32);
            for (int k = 0; k < 40; k++) {
                assertThat(dev.firstUndefined(ov.plus(4L * (160 + k)), 4)).as("video %s of a[4]", VIDEO.get(k))
                        .isPresent();
                assertThat(dev.firstUndefined(ov.plus(4L * (120 + k)), 4)).as("video %s", VIDEO.get(k)).isEmpty();
            }
        }
        try (Device dev = new Device()) {
            DevicePointer a = dev.alloc(4L * 64);
            DevicePointer a64 = dev.alloc(8L * 64);
            DevicePointer o = dev.alloc(4L * 8 * 64);
            dev.copyIn(a, new int[64]);
            dev.copyIn(a64, new long[64]);
            dev.poison(a64.plus(8L * 3), (byte) 0, 8); // thread 3 of warp 0
            LaunchResult r = dev.launch(m, "match", Dim3.of(1), Dim3.of(64), 0, initcheck, a, a64, o);
            assertThat(r.diagnostics()).isEmpty();
            for (int t = 0; t < 64; t++) {
                for (int k = 0; k < 8; k++) {
                    boolean want = t < 32 && (k == 3 || k == 4);
                    assertThat(dev.firstUndefined(o.plus(4L * (8 * t + k)), 4).isPresent()).as("match r[%d] of %d", k,
                            t).isEqualTo(want);
                }
            }
        }
    }

    /** CUTLASS's spelling: {@code elect.sync _|p, 0xffffffff} with an immediate mask elects lane 0 of each warp. */
    @Test
    void electWithAnImmediateMaskAndASinkDestination() throws Exception {
        PtxModule m = Emulator.load(".version 9.0\n.target sm_90a\n.address_size 64\n.visible .entry k(\n"
                + "\t.param .u64 k_param_0\n)\n{\n\t.reg .pred %p<2>;\n\t.reg .b32 %r<4>;\n\t.reg .b64 %rd<4>;\n"
                + "\tld.param.u64 %rd1, [k_param_0];\n\tmov.u32 %r1, %tid.x;\n\telect.sync _|%p1, 0xffffffff;\n"
                + "\tselp.u32 %r2, 1, 0, %p1;\n\tmul.wide.u32 %rd2, %r1, 4;\n\tadd.s64 %rd3, %rd1, %rd2;\n"
                + "\tst.global.u32 [%rd3], %r2;\n\tret;\n}\n");
        try (Device dev = new Device()) {
            DevicePointer o = dev.alloc(4L * 64);
            Run.clean(dev, m, "k", Dim3.of(1), Dim3.of(64), 0, o);
            int[] out = new int[64];
            dev.copyOut(o, out);
            for (int t = 0; t < 64; t++) {
                assertThat(out[t]).as("thread %d", t).isEqualTo(t % 32 == 0 ? 1 : 0);
            }
        }
    }

    private static DevicePointer[] upload(Device dev, int[][] in) throws Exception {
        DevicePointer[] p = new DevicePointer[in.length];
        for (int k = 0; k < in.length; k++) {
            p[k] = dev.alloc(4L * in[k].length);
            dev.copyIn(p[k], in[k]);
        }
        return p;
    }

    private static void launch(Device dev, PtxModule m, String entry, boolean packed, Object... args)
            throws Exception {
        LaunchOptions opt = packed ? LaunchOptions.defaults() : LaunchOptions.allChecks();
        Run.cleanWith(dev, m, entry, Dim3.of(4), Dim3.of(128), 0, opt, args);
    }
}
