// 32-bit float arithmetic, conversions and comparisons with IEEE round-to-nearest semantics.
extern "C" __global__ void floats(const float* a, const float* b, float* o, int* oi, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= n) return;
    float x = a[i], y = b[i];
    o[8 * i + 0] = x + y;
    o[8 * i + 1] = __fsub_rn(__fmul_rn(x, y), y);
    o[8 * i + 2] = __fmaf_rn(x, y, 1.25f);
    o[8 * i + 3] = __fdiv_rn(x, y);
    o[8 * i + 4] = __fadd_rn(fminf(x, y), __fmul_rn(fmaxf(x, y), 0.5f));
    o[8 * i + 5] = __fsqrt_rn(fabsf(x)) - (-y);
    o[8 * i + 6] = (float) (int) x + (float) (unsigned) (int) fabsf(y) + __int2float_rn(i);
    o[8 * i + 7] = __frcp_rn(y) + (float) ((double) x * 0.25) + __fmul_rn(x, 0.1f);
    oi[4 * i + 0] = __float2int_rn(x) + __float2int_rz(y) * 3;
    oi[4 * i + 1] = (x < y) + 2 * (x >= y) + 4 * (x != x) + 8 * (x == y);
    oi[4 * i + 2] = __float2int_rd(x) ^ __float2int_ru(y);
    oi[4 * i + 3] = (int) __float2uint_rz(__fmul_rn(x, 1000.0f)) + (int) __float_as_int(truncf(y) + rintf(x));
}
