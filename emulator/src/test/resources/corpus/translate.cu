// Straight runs of integer instructions, as the block translator takes them (BlockCompiler): every operation and
// operand kind it emits, in inline PTX so that nvcc keeps each one, then a branch whose lanes agree in some warps
// and diverge in others. Each thread writes every result; TranslationTest checks them against a Java model and
// against the interpreter alone (the same memory and the same instruction counts).
#define R 40

extern "C" __global__ void blocks(const int* a, const int* b, int* out, long long* wide) {
    int t = blockIdx.x * blockDim.x + threadIdx.x;
    int x = a[t], y = b[t];
    int r[R];
    long long w[8];
    asm("{\n\t"
        ".reg .pred p, q, s;\n\t"
        "add.s32 %0, %20, %21;\n\t"
        "sub.s32 %1, %20, %21;\n\t"
        "mul.lo.s32 %2, %20, %21;\n\t"
        "mad.lo.s32 %3, %20, %21, %0;\n\t"
        "and.b32 %4, %20, -252645136;\n\t"
        "or.b32 %5, %20, %21;\n\t"
        "xor.b32 %6, %5, %2;\n\t"
        "shl.b32 %7, %20, 7;\n\t"
        "shr.u32 %8, %20, 9;\n\t"
        "shr.s32 %9, %20, 9;\n\t"
        "shl.b32 %10, %20, 32;\n\t"
        "shr.u32 %11, %20, 40;\n\t"
        "shr.s32 %12, %20, 40;\n\t"
        "setp.lt.s32 p, %20, %21;\n\t"
        "setp.hi.u32 q|s, %20, 1000;\n\t"
        "selp.b32 %13, %20, %21, p;\n\t"
        "selp.b32 %14, 1, 0, q;\n\t"
        "selp.b32 %15, %0, 5, s;\n\t"
        "selp.b32 %16, 7, %1, !p;\n\t"
        "setp.ne.s32 p, %0, %1;\n\t"
        "selp.b32 %17, %6, %7, p;\n\t"
        "mov.b32 %18, %3;\n\t"
        "mov.b32 %19, -123456;\n\t"
        "}"
        : "=r"(r[0]), "=r"(r[1]), "=r"(r[2]), "=r"(r[3]), "=r"(r[4]), "=r"(r[5]), "=r"(r[6]), "=r"(r[7]),
          "=r"(r[8]), "=r"(r[9]), "=r"(r[10]), "=r"(r[11]), "=r"(r[12]), "=r"(r[13]), "=r"(r[14]), "=r"(r[15]),
          "=r"(r[16]), "=r"(r[17]), "=r"(r[18]), "=r"(r[19])
        : "r"(x), "r"(y));
    // every comparison, register against register and against an immediate (bit k of the word: comparison k)
    asm("{\n\t"
        ".reg .pred p;\n\t"
        ".reg .b32 v;\n\t"
        "setp.eq.s32 p, %1, %2;\n\tselp.b32 %0, 1, 0, p;\n\t"
        "setp.ne.s32 p, %1, %2;\n\tselp.b32 v, 2, 0, p;\n\tor.b32 %0, %0, v;\n\t"
        "setp.lt.s32 p, %1, %2;\n\tselp.b32 v, 4, 0, p;\n\tor.b32 %0, %0, v;\n\t"
        "setp.le.s32 p, %1, %2;\n\tselp.b32 v, 8, 0, p;\n\tor.b32 %0, %0, v;\n\t"
        "setp.gt.s32 p, %1, %2;\n\tselp.b32 v, 16, 0, p;\n\tor.b32 %0, %0, v;\n\t"
        "setp.ge.s32 p, %1, %2;\n\tselp.b32 v, 32, 0, p;\n\tor.b32 %0, %0, v;\n\t"
        "setp.lo.u32 p, %1, %2;\n\tselp.b32 v, 64, 0, p;\n\tor.b32 %0, %0, v;\n\t"
        "setp.ls.u32 p, %1, %2;\n\tselp.b32 v, 128, 0, p;\n\tor.b32 %0, %0, v;\n\t"
        "setp.hi.u32 p, %1, %2;\n\tselp.b32 v, 256, 0, p;\n\tor.b32 %0, %0, v;\n\t"
        "setp.hs.u32 p, %1, %2;\n\tselp.b32 v, 512, 0, p;\n\tor.b32 %0, %0, v;\n\t"
        "setp.lt.u32 p, %1, %2;\n\tselp.b32 v, 1024, 0, p;\n\tor.b32 %0, %0, v;\n\t"
        "setp.ge.u32 p, %1, %2;\n\tselp.b32 v, 2048, 0, p;\n\tor.b32 %0, %0, v;\n\t"
        "setp.lt.s32 p, %1, -5;\n\tselp.b32 v, 4096, 0, p;\n\tor.b32 %0, %0, v;\n\t"
        "setp.gt.s32 p, %1, -5;\n\tselp.b32 v, 8192, 0, p;\n\tor.b32 %0, %0, v;\n\t"
        "setp.eq.s32 p, %1, -5;\n\tselp.b32 v, 16384, 0, p;\n\tor.b32 %0, %0, v;\n\t"
        "setp.hi.u32 p, %1, -5;\n\tselp.b32 v, 32768, 0, p;\n\tor.b32 %0, %0, v;\n\t"
        "setp.lo.u32 p, %1, 7;\n\tselp.b32 v, 65536, 0, p;\n\tor.b32 %0, %0, v;\n\t"
        "setp.le.s32 p, %1, 7;\n\tselp.b32 v, 131072, 0, p;\n\tor.b32 %0, %0, v;\n\t"
        "setp.ne.u32 p, %1, 7;\n\tselp.b32 v, 262144, 0, p;\n\tor.b32 %0, %0, v;\n\t"
        "setp.hs.u32 p, %1, 7;\n\tselp.b32 v, 524288, 0, p;\n\tor.b32 %0, %0, v;\n\t"
        "}"
        : "=r"(r[20]) : "r"(x), "r"(y));
    // 64-bit and widening operations
    asm("{\n\t"
        "mul.wide.s32 %0, %8, %9;\n\t"
        "mul.wide.u32 %1, %8, %9;\n\t"
        "mad.wide.s32 %2, %8, %9, %0;\n\t"
        "add.s64 %3, %0, %1;\n\t"
        "shl.b64 %4, %3, 13;\n\t"
        "shr.s64 %5, %0, 3;\n\t"
        "shr.u64 %6, %0, 3;\n\t"
        "xor.b64 %7, %4, -81985529216486895;\n\t"
        "}"
        : "=l"(w[0]), "=l"(w[1]), "=l"(w[2]), "=l"(w[3]), "=l"(w[4]), "=l"(w[5]), "=l"(w[6]), "=l"(w[7])
        : "r"(x), "r"(y));
    // a block that ends in a branch: all lanes take it, none do, or they diverge, by the warp's inputs
    int z;
    asm("{\n\t"
        ".reg .pred p;\n\t"
        "add.s32 %0, %1, 1;\n\t"
        "add.s32 %0, %0, %2;\n\t"
        "setp.gt.s32 p, %1, %2;\n\t"
        "@p bra SKIP;\n\t"
        "add.s32 %0, %0, 100;\n\t"
        "xor.b32 %0, %0, 3;\n\t"
        "SKIP:\n\t"
        "}"
        : "=r"(z) : "r"(x), "r"(y));
    r[21] = z;
    // guarded instructions in a block: an inactive lane keeps its register
    r[24] = t;
    r[25] = -t;
    asm("{\n\t"
        ".reg .pred p, q;\n\t"
        "setp.lt.s32 p, %4, %5;\n\t"
        "setp.hi.u32 q, %4, %5;\n\t"
        "mov.b32 %0, %4;\n\t"
        "@p add.s32 %0, %0, %5;\n\t"
        "@!q xor.b32 %0, %0, 255;\n\t"
        "mov.b32 %1, 17;\n\t"
        "@q selp.b32 %1, %4, %5, p;\n\t"
        "@p mul.lo.s32 %2, %4, 3;\n\t"
        "@!p shl.b32 %3, %5, 2;\n\t"
        "}"
        : "=r"(r[22]), "=r"(r[23]), "+r"(r[24]), "+r"(r[25]) : "r"(x), "r"(y));
    // 64-bit comparisons (bit k of r[26]: comparison k), of the widened product and the unsigned one
    asm("{\n\t"
        ".reg .pred p;\n\t"
        ".reg .b32 v;\n\t"
        "setp.lt.s64 p, %1, %2;\n\tselp.b32 %0, 1, 0, p;\n\t"
        "setp.hi.u64 p, %1, %2;\n\tselp.b32 v, 2, 0, p;\n\tor.b32 %0, %0, v;\n\t"
        "setp.ge.s64 p, %1, -4294967296;\n\tselp.b32 v, 4, 0, p;\n\tor.b32 %0, %0, v;\n\t"
        "setp.eq.u64 p, %1, %2;\n\tselp.b32 v, 8, 0, p;\n\tor.b32 %0, %0, v;\n\t"
        "setp.le.u64 p, %1, %2;\n\tselp.b32 v, 16, 0, p;\n\tor.b32 %0, %0, v;\n\t"
        "setp.ne.s64 p, %1, 0;\n\tselp.b32 v, 32, 0, p;\n\tor.b32 %0, %0, v;\n\t"
        "setp.lo.u64 p, %1, 4294967296;\n\tselp.b32 v, 64, 0, p;\n\tor.b32 %0, %0, v;\n\t"
        "setp.gt.s64 p, %1, %2;\n\tselp.b32 v, 128, 0, p;\n\tor.b32 %0, %0, v;\n\t"
        "}"
        : "=r"(r[26]) : "l"(w[0]), "l"(w[1]));
    for (int i = 27; i < R; i++) r[i] = 0;
    for (int i = 0; i < R; i++) out[R * t + i] = r[i];
    for (int i = 0; i < 8; i++) wide[8 * t + i] = w[i];
}

// Clock reads around long straight runs: %clock64 is the emulator's count of warp-instructions so far, so the values
// show how the warps' turns interleaved. A block must not run past its warp's quantum, or the turns shift.
extern "C" __global__ void turns(const int* a, long long* out) {
    int t = blockIdx.x * blockDim.x + threadIdx.x;
    unsigned x = a[t];
    long long c[4];
#pragma unroll
    for (int k = 0; k < 4; k++) {
        c[k] = clock64();
#pragma unroll
        for (int i = 0; i < 9; i++) x = (x * 2654435761u + k) ^ (x >> 7);
    }
    for (int k = 0; k < 4; k++) out[5 * t + k] = c[k];
    out[5 * t + 4] = x;
}

// initcheck through a block: the first warp's inputs are defined (its blocks run translated), the second warp's were
// never written (each instruction propagates them lane by lane), and both then branch on and store the result.
extern "C" __global__ void undefined_flow(const int* in, int* out) {
    int t = threadIdx.x;
    unsigned x = in[t];
#pragma unroll
    for (int i = 0; i < 9; i++) x = (x * 2654435761u + 1) ^ (x >> 7);
    if (x & 1) {
        asm volatile("add.u32 %0, %0, 5;" : "+r"(x));
    }
    out[t] = x;
}

// One guard predicate set, used, set again and used again in a straight run: each guarded instruction runs in the
// lanes its own setting of q allows (the counts of active lanes tell them apart).
extern "C" __global__ void rewritten_guard(const int* a, int* out, int lanes) {
    int t = blockIdx.x * blockDim.x + threadIdx.x;
    unsigned lane = threadIdx.x & 31;
    int x = a[t], r0 = t, r1 = -t, r2 = 2 * t;
    asm("{\n\t"
        ".reg .pred q;\n\t"
        "setp.lt.u32 q, %3, %4;\n\t"
        "@q add.s32 %0, %0, %5;\n\t"
        "setp.ge.u32 q, %3, %4;\n\t"
        "@q sub.s32 %1, %1, %5;\n\t"
        "setp.lt.u32 q, %3, 7;\n\t"
        "@q xor.b32 %2, %2, %5;\n\t"
        "}"
        : "+r"(r0), "+r"(r1), "+r"(r2) : "r"(lane), "r"(lanes), "r"(x));
    out[3 * t] = r0;
    out[3 * t + 1] = r1;
    out[3 * t + 2] = r2;
}

// Divergence: lanes with x < 0 branch to NEG, the others run on and jump to DONE, where the two paths meet. Each
// path's block runs for its lanes only, while the other path's lanes wait at DONE or NEG.
extern "C" __global__ void diverge(const int* a, int* out) {
    int t = blockIdx.x * blockDim.x + threadIdx.x;
    int x = a[t], y;
    asm("{\n\t"
        ".reg .pred p;\n\t"
        "setp.lt.s32 p, %1, 0;\n\t"
        "@p bra NEG;\n\t"
        "mul.lo.s32 %0, %1, 3;\n\t"
        "add.s32 %0, %0, 7;\n\t"
        "xor.b32 %0, %0, 85;\n\t"
        "bra.uni DONE;\n\t"
        "NEG:\n\t"
        "sub.s32 %0, 0, %1;\n\t"
        "shl.b32 %0, %0, 2;\n\t"
        "add.s32 %0, %0, 1;\n\t"
        "DONE:\n\t"
        "add.s32 %0, %0, %1;\n\t"
        "mul.lo.s32 %0, %0, 5;\n\t"
        "}"
        : "=r"(y) : "r"(x));
    out[t] = y;
}

// Integer conversions in a block: widening by sign and by zero, narrowing, and through a 16-bit register.
extern "C" __global__ void conversions(const int* a, long long* out) {
    int t = blockIdx.x * blockDim.x + threadIdx.x;
    int x = a[t];
    long long w = (long long) x * 3 - 7;
    long long o0, o1;
    int o2, o3, o4;
    asm("{\n\t"
        ".reg .b16 h;\n\t"
        "cvt.s64.s32 %0, %5;\n\t"
        "cvt.u64.u32 %1, %5;\n\t"
        "cvt.u32.u64 %2, %6;\n\t"
        "cvt.s16.s32 h, %5;\n\t"
        "cvt.s32.s16 %3, h;\n\t"
        "cvt.u32.u16 %4, h;\n\t"
        "}"
        : "=l"(o0), "=l"(o1), "=r"(o2), "=r"(o3), "=r"(o4) : "r"(x), "l"(w));
    out[5 * t] = o0;
    out[5 * t + 1] = o1;
    out[5 * t + 2] = o2;
    out[5 * t + 3] = o3;
    out[5 * t + 4] = o4;
}
