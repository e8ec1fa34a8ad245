// One kernel with every opcode of issue 15 item 4 (part 1) that the emulator runs exactly: the video SIMD ops in
// both widths, mul24 / mad24, the carry chains, match.any / match.all (b32, b64) and elect.sync. EveryOpTest checks
// all 32 words per thread against a Java model. nvcc keeps inline asm verbatim; __vabsdiffu4 is its own vabsdiff4.
#include <cstdio>

// Hook for the device-call support (`call` / vprintf, done by another change): set to 1 once the emulator runs
// printf, and EveryOpTest can then also check the kernel's output line.
#define EVERY_OP_WITH_PRINTF 0

#define VOP(name, x, y, z) ({ unsigned _d; asm(name " %0, %1, %2, %3;" : "=r"(_d) : "r"(x), "r"(y), "r"(z)); _d; })

extern "C" __global__ void every_op(const unsigned* a, const unsigned* b, const unsigned* c, unsigned* o) {
    int t = blockIdx.x * blockDim.x + threadIdx.x;
    unsigned x = a[t], y = b[t], z = c[t];
    unsigned* r = o + 32 * t;
    r[0] = VOP("vadd4.u32.u32.u32.sat", x, y, z);
    r[1] = VOP("vsub4.s32.s32.s32.sat", x, y, z);
    r[2] = __vabsdiffu4(x, y);
    r[3] = VOP("vmin4.s32.s32.s32", x, y, z);
    r[4] = VOP("vmax4.u32.u32.u32.add", x, y, z);
    r[5] = VOP("vset4.s32.s32.gt", x, y, z);
    r[6] = VOP("vadd2.s32.s32.s32", x, y, z);
    r[7] = VOP("vsub2.u32.u32.u32.sat", x, y, z);
    r[8] = VOP("vabsdiff2.s32.s32.s32.add", x, y, z);
    r[9] = VOP("vmin2.u32.u32.u32", x, y, z);
    r[10] = VOP("vmax2.s32.s32.s32.sat", x, y, z);
    r[11] = VOP("vset2.u32.u32.le.add", x, y, z);
    int d;
    asm("mul24.lo.s32 %0, %1, %2;" : "=r"(d) : "r"(x), "r"(y)); r[12] = d;
    asm("mul24.hi.u32 %0, %1, %2;" : "=r"(d) : "r"(x), "r"(y)); r[13] = d;
    asm("mad24.lo.u32 %0, %1, %2, %3;" : "=r"(d) : "r"(x), "r"(y), "r"(z)); r[14] = d;
    asm("mad24.hi.s32 %0, %1, %2, %3;" : "=r"(d) : "r"(x), "r"(y), "r"(z)); r[15] = d;
    unsigned s0, s1, s2;
    asm("add.cc.u32 %0, %3, %4;\n\taddc.cc.u32 %1, %5, %3;\n\taddc.u32 %2, 0, 0;"
        : "=r"(s0), "=r"(s1), "=r"(s2) : "r"(x), "r"(y), "r"(z));
    r[16] = s0; r[17] = s1; r[18] = s2;
    asm("sub.cc.u32 %0, %3, %4;\n\tsubc.cc.u32 %1, %5, %4;\n\tsubc.u32 %2, 0, 0;"
        : "=r"(s0), "=r"(s1), "=r"(s2) : "r"(x), "r"(y), "r"(z));
    r[19] = s0; r[20] = s1; r[21] = s2;
    asm("mad.lo.cc.u32 %0, %2, %3, %4;\n\tmadc.hi.u32 %1, %2, %3, 0;" : "=r"(s0), "=r"(s1) : "r"(x), "r"(y), "r"(z));
    r[22] = s0; r[23] = s1;
    r[24] = __match_any_sync(0xffffffffu, x & 3);
    int pred;
    r[25] = __match_all_sync(0xffffffffu, z >> 30, &pred) | pred;
    unsigned long long w = ((unsigned long long) (y & 1) << 32) | (x & 3);
    r[26] = __match_any_sync(0xffffffffu, w);
    r[27] = __match_all_sync(0xffffffffu, w >> 33, &pred) ^ pred;
    bool member = (y & 2) || (threadIdx.x & 31) == 31;
    unsigned members = __ballot_sync(0xffffffffu, member);
    unsigned leader = 0xdead;
    if (member) {
        asm volatile("{\n\t.reg .pred p;\n\t.reg .b32 l;\n\telect.sync l|p, %1;\n\tselp.u32 %0, 256, 0, p;\n\t"
                     "or.b32 %0, %0, l;\n\t}" : "=r"(leader) : "r"(members));
    }
    r[28] = leader;
    r[29] = s0 ^ r[0] ^ r[12] ^ r[24];
    unsigned u, v;
    asm("mad.hi.cc.u32 %0, %2, %3, %4;\n\tmadc.lo.u32 %1, %2, %3, %4;" : "=r"(u), "=r"(v) : "r"(x), "r"(y), "r"(z));
    r[30] = u;
    r[31] = v;
#if EVERY_OP_WITH_PRINTF
    if (t == 0) {
        printf("every_op: %u %u\n", r[0], r[29]);
    }
#endif
}
