// Memory-order and cache qualifiers, fences, and bit operations spelled through inline PTX exactly as the
// census saw them, each feeding a result the test checks.
#include <cub/block/block_scan.cuh>

extern "C" __global__ void memory_orders(int* g, int* out) {
    int t = threadIdx.x;
    int v, w, x, y, z;
    asm volatile("ld.relaxed.gpu.global.b32 %0, [%1];" : "=r"(v) : "l"(g + t));
    asm volatile("ld.volatile.global.u32 %0, [%1];" : "=r"(w) : "l"(g + t));
    asm volatile("ld.global.acquire.gpu.b32 %0, [%1];" : "=r"(x) : "l"(g + t));   // Triton's qualifier order
    asm volatile("ld.global.nc.u32 %0, [%1];" : "=r"(y) : "l"(g + t));
    asm volatile("ld.global.cg.u32 %0, [%1];" : "=r"(z) : "l"(g + t));
    asm volatile("membar.cta;");
    asm volatile("fence.sc.gpu;");
    asm volatile("fence.acq_rel.sys;");
    asm volatile("st.release.gpu.global.b32 [%0], %1;" :: "l"(out + 4 * t), "r"(v + 1));
    asm volatile("st.volatile.global.u32 [%0], %1;" :: "l"(out + 4 * t + 1), "r"(w + x));
    asm volatile("st.global.cs.u32 [%0], %1;" :: "l"(out + 4 * t + 2), "r"(y * z));
    int old;
    asm volatile("atom.acq_rel.gpu.global.add.u32 %0, [%1], %2;" : "=r"(old) : "l"(g + 64), "r"(1));
    asm volatile("red.release.gpu.global.add.u32 [%0], %1;" :: "l"(g + 65), "r"(t));
    asm volatile("st.relaxed.gpu.global.b32 [%0], %1;" :: "l"(out + 4 * t + 3), "r"((int) (old >= 0)));
}

extern "C" __global__ void bit_ops(const unsigned* a, unsigned* out) {
    unsigned x = a[threadIdx.x], y = a[threadIdx.x + 32];
    unsigned r0, r1, r2, r3, r4, r5, r6, r7;
    asm("lop3.b32 %0, %1, %2, %3, 0x96;" : "=r"(r0) : "r"(x), "r"(y), "r"(x >> 3));
    asm("bfe.u32 %0, %1, %2, %3;" : "=r"(r1) : "r"(x), "r"(y & 31), "r"(7));
    asm("bfe.s32 %0, %1, %2, %3;" : "=r"(r2) : "r"(x), "r"(5), "r"(y & 15));
    asm("bfi.b32 %0, %1, %2, %3, %4;" : "=r"(r3) : "r"(x), "r"(y), "r"(4), "r"(y & 15));
    asm("bfind.u32 %0, %1;" : "=r"(r4) : "r"(x >> (y & 31)));
    asm("bfind.shiftamt.s32 %0, %1;" : "=r"(r5) : "r"(x));
    asm("cnot.b32 %0, %1;" : "=r"(r6) : "r"(x & 3));
    asm("prmt.b32 %0, %1, %2, %3;" : "=r"(r7) : "r"(x), "r"(y), "r"(0x8d31));
    unsigned* o = out + 8 * threadIdx.x;
    o[0] = r0; o[1] = r1; o[2] = r2; o[3] = r3; o[4] = r4; o[5] = r5; o[6] = r6; o[7] = r7;
}

// A library kernel: CUB's BlockScan (warp-scans, shared memory, barriers) as real projects use it.
extern "C" __global__ void cub_block_scan(const int* in, int* out) {
    using Scan = cub::BlockScan<int, 128>;
    __shared__ typename Scan::TempStorage tmp;
    int items[4];
    for (int k = 0; k < 4; k++) items[k] = in[blockIdx.x * 512 + threadIdx.x * 4 + k];
    int aggregate;
    Scan(tmp).ExclusiveSum(items, items, aggregate);
    for (int k = 0; k < 4; k++) out[blockIdx.x * 512 + threadIdx.x * 4 + k] = items[k] + aggregate;
}
