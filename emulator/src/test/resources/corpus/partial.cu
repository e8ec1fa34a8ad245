// Integer operations of a partial warp: each is guarded by a predicate true in lanes [0, lanes) only, so it runs
// with that many lanes active (IntegerUnit lane by lane below BLEND_LANES, over all 32 lanes and blended from it).
// Every destination starts as a value of the thread's own; an inactive lane must keep it.
#define GUARDED(op, d, ...) asm("{\n\t.reg .pred q;\n\tsetp.lt.u32 q, %1, %2;\n\t@q " op "\n\t}" : "+r"(d) : "r"(lane), "r"(lanes), __VA_ARGS__)

extern "C" __global__ void partial_ops(const int* a, const int* b, int* out, int lanes) {
    int t = blockIdx.x * blockDim.x + threadIdx.x;
    unsigned lane = threadIdx.x & 31;
    int x = a[t], y = b[t];
    int r[12];
    for (int i = 0; i < 12; i++) r[i] = 1000 * i + t;
    GUARDED("add.s32 %0, %3, %4;", r[0], "r"(x), "r"(y));
    GUARDED("sub.s32 %0, %3, %4;", r[1], "r"(x), "r"(y));
    GUARDED("mul.lo.s32 %0, %3, %4;", r[2], "r"(x), "r"(y));
    GUARDED("and.b32 %0, %3, %4;", r[3], "r"(x), "r"(y));
    GUARDED("or.b32 %0, %3, %4;", r[4], "r"(x), "r"(y));
    GUARDED("xor.b32 %0, %3, 1431655765;", r[5], "r"(x));
    GUARDED("shl.b32 %0, %3, 3;", r[6], "r"(x));
    GUARDED("shr.u32 %0, %3, 5;", r[7], "r"(x));
    GUARDED("mov.b32 %0, %3;", r[8], "r"(y));
    GUARDED("mov.b32 %0, -7;", r[9], "r"(x));
    asm("{\n\t.reg .pred q, s;\n\tsetp.lt.u32 q, %1, %2;\n\tsetp.lt.s32 s, %3, %4;\n\t@q selp.b32 %0, %3, %4, s;\n\t}"
        : "+r"(r[10]) : "r"(lane), "r"(lanes), "r"(x), "r"(y));
    asm("{\n\t.reg .pred q, s;\n\tsetp.lt.u32 q, %1, %2;\n\tsetp.lt.s32 s, %3, %4;\n\t@q selp.b32 %0, 9, %4, s;\n\t}"
        : "+r"(r[11]) : "r"(lane), "r"(lanes), "r"(x), "r"(y));
    for (int i = 0; i < 12; i++) out[12 * t + i] = r[i];
}
