// Integer arithmetic and bit operations: each thread writes 24 results for its pair (a, b).
extern "C" __global__ void intops(const int* a, const int* b, int* o, long long* o64, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= n) return;
    int x = a[i], y = b[i];
    unsigned ux = x, uy = y;
    int* r = o + 24 * i;
    r[0] = __popc(x);
    r[1] = __clz(y);
    r[2] = __brev(x);
    r[3] = x / (y | 1);
    r[4] = x % (y | 1);
    r[5] = ux / (uy | 1u);
    r[6] = ux % (uy | 1u);
    r[7] = __mulhi(x, y);
    r[8] = __umulhi(ux, uy);
    r[9] = min(x, y) ^ (max(x, y) << 1);
    r[10] = (int) min(ux, uy) + (int) max(ux, uy);
    r[11] = __ffs(x) + 32 * __fns(ux, 3, 2);
    r[12] = (ux >> (uy & 31)) | (x >> (y & 31));
    r[13] = x << (y & 31);
    r[14] = __byte_perm(x, y, 0x5140);
    r[15] = abs(x) - (-y);
    r[16] = ~x & (y | 0x0f0f0f0f);
    r[17] = x * y + 3 * x;
    r[18] = __sad(x, y, 5);
    r[19] = (x > y) + 2 * (ux > uy) + 4 * (x == y) + 8 * (x <= 0);
    r[20] = __clzll((long long) x * y) + __popcll((unsigned long long) ux * uy);
    r[21] = (int) ((ux >> 4) & 0xfff) ^ (int) (((unsigned) y >> 7) & 0x3f);
    r[22] = __funnelshift_l(ux, uy, y & 31) ^ __funnelshift_rc(ux, uy, (y >> 8) & 63);
    r[23] = (x < 0) ? y : x;
    long long wx = x, wy = y;
    o64[3 * i] = wx * wy + (wx << 20);
    o64[3 * i + 1] = (wx * 1000003LL) / (wy | 1) + (wx * 77) % (wy | 1);
    o64[3 * i + 2] = (long long) ((unsigned long long) (wx * wy) >> 7) ^ ((wx * wy) >> 9);
}
