// Less frequent spellings, each through inline PTX so that nvcc validates the syntax: isspacep, cvta.to,
// bar.arrive (producer / consumer named barriers), mbarrier expect_tx + token wait + inval, vote.uni,
// redux and/xor, atom.dec, shared cas, 64-bit bit ops, cvt.sat, mul.hi.u64, mad.wide.
extern "C" __global__ void misc(const int* in, long long* out) {
    __shared__ int s[64];
    __shared__ __align__(8) unsigned long long bar;
    int t = threadIdx.x;
    int v = in[t];
    long long* o = out + 16 * t;
    unsigned sp = (unsigned) __cvta_generic_to_shared(&s[t]);
    int is_shared, is_global;
    asm("{ .reg .pred p; isspacep.shared p, %1; selp.u32 %0, 1, 0, p; }" : "=r"(is_shared) : "l"(&s[t]));
    asm("{ .reg .pred p; isspacep.global p, %1; selp.u32 %0, 1, 0, p; }" : "=r"(is_global) : "l"(in));
    o[0] = is_shared * 10 + is_global;
    unsigned long long back;
    asm("cvta.shared.u64 %0, %1;" : "=l"(back) : "l"((unsigned long long) sp));
    o[1] = back == (unsigned long long) &s[t];
    // warps 0 produces into s, warp 1 consumes after a named barrier (bar.arrive + bar.sync)
    if (t < 32) {
        s[t] = v * 3;
        asm volatile("bar.arrive 1, 64;" ::: "memory");
    } else {
        asm volatile("bar.sync 1, 64;" ::: "memory");
        o[2] = s[t - 32];
    }
    unsigned uni, andv, xorv;
    asm("{ .reg .pred p, q; setp.ne.s32 p, %1, 12345; vote.sync.uni.pred q, p, -1; selp.u32 %0, 1, 0, q; }"
        : "=r"(uni) : "r"(v));
    asm("redux.sync.and.b32 %0, %1, -1;" : "=r"(andv) : "r"(v | 0x100));
    asm("redux.sync.xor.b32 %0, %1, -1;" : "=r"(xorv) : "r"(v));
    o[3] = uni;
    o[4] = andv;
    o[5] = xorv;
    unsigned long long x = (unsigned long long) (long long) v * 0x9E3779B97F4A7C15ull;
    unsigned long long brev, hi;
    int pop, lz, bf;
    asm("brev.b64 %0, %1;" : "=l"(brev) : "l"(x));
    asm("popc.b64 %0, %1;" : "=r"(pop) : "l"(x));
    asm("clz.b64 %0, %1;" : "=r"(lz) : "l"(x >> (t & 63)));
    asm("bfind.s64 %0, %1;" : "=r"(bf) : "l"((long long) x));
    asm("mul.hi.u64 %0, %1, %2;" : "=l"(hi) : "l"(x), "l"(x + 12345));
    o[6] = (long long) brev;
    o[7] = pop + 100 * lz + 10000 * bf;
    o[8] = (long long) hi;
    long long wide;
    asm("mad.wide.s32 %0, %1, %2, %3;" : "=l"(wide) : "r"(v), "r"(v - 7), "l"(1LL << 40));
    o[9] = wide;
    short sat;
    asm("cvt.sat.s16.s32 %0, %1;" : "=h"(sat) : "r"(v * 1000));
    o[10] = sat;
    __syncthreads();
    if (t == 0) {
        s[0] = 5;
        unsigned sb = (unsigned) __cvta_generic_to_shared(&bar);
        asm volatile("mbarrier.init.shared.b64 [%0], 2;" :: "r"(sb));
        unsigned long long tok1, tok2;
        int done_early, still, final_;
        asm volatile("mbarrier.arrive.shared.b64 %0, [%1];" : "=l"(tok1) : "r"(sb));
        asm volatile("{ .reg .pred p; mbarrier.test_wait.shared.b64 p, [%1], %2; selp.u32 %0, 1, 0, p; }"
                     : "=r"(done_early) : "r"(sb), "l"(tok1));
        asm volatile("mbarrier.expect_tx.relaxed.cta.shared::cta.b64 [%0], 16;" :: "r"(sb));
        asm volatile("mbarrier.arrive.expect_tx.shared::cta.b64 %0, [%1], 0;" : "=l"(tok2) : "r"(sb));
        asm volatile("{ .reg .pred p; mbarrier.test_wait.shared.b64 p, [%1], %2; selp.u32 %0, 1, 0, p; }"
                     : "=r"(still) : "r"(sb), "l"(tok2));
        asm volatile("mbarrier.complete_tx.relaxed.cta.shared::cta.b64 [%0], 16;" :: "r"(sb));
        asm volatile("{ .reg .pred p; mbarrier.test_wait.shared.b64 p, [%1], %2; selp.u32 %0, 1, 0, p; }"
                     : "=r"(final_) : "r"(sb), "l"(tok1));
        asm volatile("mbarrier.inval.shared.b64 [%0];" :: "r"(sb));
        unsigned dec = atomicDec((unsigned*) &s[1], 3u);
        int cas = atomicCAS(&s[0], 5, 9);
        o[11] = done_early;
        o[12] = still;
        o[13] = final_;
        o[14] = (int) dec;
        o[15] = cas * 100 + s[0];
    }
}
