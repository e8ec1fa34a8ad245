// Opcodes the emulator runs exactly, from real nvcc output (OpcodeCorpusTest checks each against a Java model).
// nvcc lowers most SIMD intrinsics to plain integer code (only __vabsdiffu4 / __vsadu4 stay vabsdiff4), so the
// other video forms, the carry chains, mad24, mul24.hi and elect.sync come from inline asm: still nvcc's output.
#include <cstdint>

#define VOP(name, x, y, z) ({ unsigned _d; asm(name " %0, %1, %2, %3;" : "=r"(_d) : "r"(x), "r"(y), "r"(z)); _d; })

// 40 results per element: o[40 * i + k]
extern "C" __global__ void video(const unsigned* a, const unsigned* b, const unsigned* c, unsigned* o, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= n) {
        return;
    }
    unsigned x = a[i], y = b[i], z = c[i];
    unsigned* r = o + 40 * i;
    r[0] = __vabsdiffu4(x, y);
    r[1] = __vsadu4(x, y);
    r[2] = VOP("vadd4.u32.u32.u32", x, y, z);
    r[3] = VOP("vadd4.u32.u32.u32.sat", x, y, z);
    r[4] = VOP("vadd4.s32.s32.s32.sat", x, y, z);
    r[5] = VOP("vadd4.u32.u32.u32.add", x, y, z);
    r[6] = VOP("vsub4.u32.u32.u32.sat", x, y, z);
    r[7] = VOP("vsub4.s32.s32.s32.sat", x, y, z);
    r[8] = VOP("vsub4.s32.s32.s32.add", x, y, z);
    r[9] = VOP("vavrg4.u32.u32.u32", x, y, z);
    r[10] = VOP("vavrg4.s32.s32.s32", x, y, z);
    r[11] = VOP("vabsdiff4.s32.s32.s32", x, y, z);
    r[12] = VOP("vabsdiff4.u32.s32.s32.sat", x, y, z);
    r[13] = VOP("vmin4.u32.u32.u32", x, y, z);
    r[14] = VOP("vmin4.s32.s32.s32", x, y, z);
    r[15] = VOP("vmax4.u32.u32.u32", x, y, z);
    r[16] = VOP("vmax4.s32.s32.s32.add", x, y, z);
    r[17] = VOP("vset4.u32.u32.gt", x, y, z);
    r[18] = VOP("vset4.s32.s32.le", x, y, z);
    r[19] = VOP("vset4.s32.u32.lt", x, y, z);
    r[20] = VOP("vset4.u32.u32.eq.add", x, y, z);
    r[21] = VOP("vadd4.s32.u32.s32.sat", x, y, z);
    r[22] = VOP("vadd2.u32.u32.u32", x, y, z);
    r[23] = VOP("vadd2.s32.s32.s32.sat", x, y, z);
    r[24] = VOP("vadd2.u32.u32.u32.sat", x, y, z);
    r[25] = VOP("vsub2.s32.s32.s32.sat", x, y, z);
    r[26] = VOP("vsub2.u32.u32.u32.add", x, y, z);
    r[27] = VOP("vavrg2.s32.s32.s32", x, y, z);
    r[28] = VOP("vavrg2.u32.u32.u32", x, y, z);
    r[29] = VOP("vabsdiff2.u32.u32.u32", x, y, z);
    r[30] = VOP("vabsdiff2.s32.s32.s32.add", x, y, z);
    r[31] = VOP("vmin2.s32.s32.s32", x, y, z);
    r[32] = VOP("vmin2.u32.u32.u32.add", x, y, z);
    r[33] = VOP("vmax2.u32.u32.u32", x, y, z);
    r[34] = VOP("vmax2.s32.s32.s32.sat", x, y, z);
    r[35] = VOP("vset2.u32.u32.ne", x, y, z);
    r[36] = VOP("vset2.s32.s32.ge", x, y, z);
    r[37] = VOP("vset2.s32.s32.lt.add", x, y, z);
    r[38] = VOP("vsub4.u32.u32.u32", x, y, z);
    r[39] = VOP("vset4.s32.s32.ne", x, y, z);
}

// 10 results per element
extern "C" __global__ void mul24(const int* a, const int* b, const int* c, int* o, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= n) {
        return;
    }
    int x = a[i], y = b[i], z = c[i];
    int* r = o + 10 * i;
    r[0] = __mul24(x, y);
    r[1] = (int) __umul24((unsigned) x, (unsigned) y);
    int d;
    asm("mul24.lo.s32 %0, %1, %2;" : "=r"(d) : "r"(x), "r"(y)); r[2] = d;
    asm("mul24.hi.s32 %0, %1, %2;" : "=r"(d) : "r"(x), "r"(y)); r[3] = d;
    asm("mul24.lo.u32 %0, %1, %2;" : "=r"(d) : "r"(x), "r"(y)); r[4] = d;
    asm("mul24.hi.u32 %0, %1, %2;" : "=r"(d) : "r"(x), "r"(y)); r[5] = d;
    asm("mad24.lo.s32 %0, %1, %2, %3;" : "=r"(d) : "r"(x), "r"(y), "r"(z)); r[6] = d;
    asm("mad24.hi.u32 %0, %1, %2, %3;" : "=r"(d) : "r"(x), "r"(y), "r"(z)); r[7] = d;
    asm("mad24.hi.sat.s32 %0, %1, %2, %3;" : "=r"(d) : "r"(x), "r"(y), "r"(z)); r[8] = d;
    asm("mad24.lo.u32 %0, %1, %2, %3;" : "=r"(d) : "r"(x), "r"(y), "r"(z)); r[9] = d;
}

// Element i: 128-bit x = a[4i..4i+3], y = b[4i..4i+3] (little-endian words). 16 words out per element:
// x + y (4 words + carry out), x - y (4 words + borrow out), low 96 bits of (x1:x0) * (y1:y0) via mad.cc / madc,
// a signed mad.hi.cc and madc.lo.cc with the flags (3 words); in u64 (7 words): sum with carry, difference, and
// lo/hi of u0 * v0 plus u1 / v1 through the carry. Models: OpcodeCorpusTest.carry / carry64.
extern "C" __global__ void carry(const unsigned* a, const unsigned* b, unsigned* o, unsigned long long* o64, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= n) {
        return;
    }
    const unsigned* x = a + 4 * i;
    const unsigned* y = b + 4 * i;
    unsigned* r = o + 16 * i;
    unsigned s0, s1, s2, s3, cf;
    asm("add.cc.u32 %0, %5, %9;\n\t"
        "addc.cc.u32 %1, %6, %10;\n\t"
        "addc.cc.u32 %2, %7, %11;\n\t"
        "addc.cc.u32 %3, %8, %12;\n\t"
        "addc.u32 %4, 0, 0;"
        : "=r"(s0), "=r"(s1), "=r"(s2), "=r"(s3), "=r"(cf)
        : "r"(x[0]), "r"(x[1]), "r"(x[2]), "r"(x[3]), "r"(y[0]), "r"(y[1]), "r"(y[2]), "r"(y[3]));
    r[0] = s0; r[1] = s1; r[2] = s2; r[3] = s3; r[4] = cf;
    asm("sub.cc.u32 %0, %5, %9;\n\t"
        "subc.cc.u32 %1, %6, %10;\n\t"
        "subc.cc.s32 %2, %7, %11;\n\t"
        "subc.cc.u32 %3, %8, %12;\n\t"
        "subc.u32 %4, 0, 0;"
        : "=r"(s0), "=r"(s1), "=r"(s2), "=r"(s3), "=r"(cf)
        : "r"(x[0]), "r"(x[1]), "r"(x[2]), "r"(x[3]), "r"(y[0]), "r"(y[1]), "r"(y[2]), "r"(y[3]));
    r[5] = s0; r[6] = s1; r[7] = s2; r[8] = s3; r[9] = cf;
    // (x1:x0) * (y1:y0) mod 2^64: lo = lo(x0 y0); hi = hi(x0 y0) + lo(x1 y0) + lo(x0 y1)
    unsigned lo, hi, c2;
    asm("mul.lo.u32 %0, %3, %5;\n\t"
        "mul.hi.u32 %1, %3, %5;\n\t"
        "mad.lo.cc.u32 %1, %4, %5, %1;\n\t"
        "madc.hi.u32 %2, %4, %5, 0;\n\t"
        "mad.lo.cc.u32 %1, %3, %6, %1;\n\t"
        "madc.hi.cc.u32 %2, %3, %6, %2;\n\t"
        "mad.lo.u32 %2, %4, %6, %2;"
        : "=&r"(lo), "=&r"(hi), "=&r"(c2) : "r"(x[0]), "r"(x[1]), "r"(y[0]), "r"(y[1]));
    r[10] = lo; r[11] = hi; r[12] = c2;
    // signed high half plus x3 (carry out), low half plus y3 plus that carry (carry out), the last flag
    unsigned sh, sl, sf;
    asm("mad.hi.cc.s32 %0, %3, %4, %5;\n\t"
        "madc.lo.cc.u32 %1, %3, %4, %6;\n\t"
        "addc.u32 %2, 0, 0;" : "=r"(sh), "=r"(sl), "=r"(sf) : "r"(x[2]), "r"(y[2]), "r"(x[3]), "r"(y[3]));
    r[13] = sh; r[14] = sl; r[15] = sf;
    unsigned long long u0 = ((unsigned long long) x[1] << 32) | x[0], u1 = ((unsigned long long) x[3] << 32) | x[2];
    unsigned long long v0 = ((unsigned long long) y[1] << 32) | y[0], v1 = ((unsigned long long) y[3] << 32) | y[2];
    unsigned long long w0, w1, w2, d0, d1;
    asm("add.cc.u64 %0, %3, %5;\n\t"
        "addc.cc.u64 %1, %4, %6;\n\t"
        "addc.u64 %2, 0, 0;" : "=l"(w0), "=l"(w1), "=l"(w2) : "l"(u0), "l"(u1), "l"(v0), "l"(v1));
    asm("sub.cc.s64 %0, %2, %4;\n\t"
        "subc.u64 %1, %3, %5;" : "=l"(d0), "=l"(d1) : "l"(u0), "l"(u1), "l"(v0), "l"(v1));
    unsigned long long m0, m1;
    asm("mad.lo.cc.u64 %0, %2, %3, %4;\n\t"
        "madc.hi.u64 %1, %2, %3, %5;" : "=l"(m0), "=l"(m1) : "l"(u0), "l"(v0), "l"(u1), "l"(v1));
    unsigned long long* q = o64 + 7 * i;
    q[0] = w0; q[1] = w1; q[2] = w2; q[3] = d0; q[4] = d1; q[5] = m0; q[6] = m1;
}

// Per thread 8 results: lanes group by value; an odd-lane branch runs the collectives with a partial mask.
extern "C" __global__ void match(const unsigned* a, const unsigned long long* a64, unsigned* o) {
    int t = blockIdx.x * blockDim.x + threadIdx.x;
    unsigned x = a[t];
    unsigned long long x64 = a64[t];
    unsigned* r = o + 8 * t;
    r[0] = __match_any_sync(0xffffffffu, x);
    int pred;
    r[1] = __match_all_sync(0xffffffffu, x, &pred);
    r[2] = pred;
    r[3] = __match_any_sync(0xffffffffu, x64);
    r[4] = __match_all_sync(0xffffffffu, x64 >> 40, &pred) + 2 * pred;
    if (threadIdx.x & 1) {
        unsigned odd = 0xaaaaaaaau;
        r[5] = __match_any_sync(odd, x & 3);
        r[6] = __match_all_sync(odd, x >> 31, &pred) | pred;
    } else {
        r[5] = 0;
        r[6] = 0;
    }
    // elect.sync: lanes 4..31 elect lane 4; the lanes with an odd x elect the lowest of them (sink destination)
    unsigned mine = __ballot_sync(0xffffffffu, x & 1);
    unsigned leader = 7;
    if ((threadIdx.x & 31) >= 4) {
        asm volatile("{\n\t.reg .pred p;\n\t.reg .b32 l;\n\t"
                     "elect.sync l|p, %1;\n\t"
                     "selp.u32 %0, 1, 0, p;\n\t"
                     "shl.b32 l, l, 8;\n\t"
                     "or.b32 %0, %0, l;\n\t}" : "=r"(leader) : "r"(0xfffffff0u));
    }
    if (x & 1) {
        unsigned first;
        asm volatile("{\n\t.reg .pred p;\n\t"
                     "elect.sync _|p, %1;\n\t"
                     "selp.u32 %0, 1, 0, p;\n\t}" : "=r"(first) : "r"(mine));
        leader |= first << 16;
    }
    r[7] = leader;
}
