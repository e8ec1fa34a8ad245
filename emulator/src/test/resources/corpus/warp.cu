// Warp collectives: shuffle scan (up), down/idx/xor shuffles, width-limited shuffle, vote, ballot, redux,
// a 64-bit shuffle, activemask in a divergent branch, and int4 vector loads/stores.
extern "C" __global__ void shuffles(const int* in, int* out) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    int lane = threadIdx.x & 31;
    int v = in[i];
    int s = v;
    for (int d = 1; d < 32; d <<= 1) {
        int t = __shfl_up_sync(0xffffffffu, s, d);
        if (lane >= d) s += t;
    }
    int dn = __shfl_down_sync(0xffffffffu, v, 3);
    int ix = __shfl_sync(0xffffffffu, v, (lane * 7) & 31);
    int bf = __shfl_xor_sync(0xffffffffu, v, 5);
    int w8 = __shfl_down_sync(0xffffffffu, v, 1, 8);
    long long wide = ((long long) v << 32) | (unsigned) lane;
    long long wv = __shfl_sync(0xffffffffu, wide, 31 - lane);
    out[8 * i + 0] = s;
    out[8 * i + 1] = dn;
    out[8 * i + 2] = ix;
    out[8 * i + 3] = bf;
    out[8 * i + 4] = w8;
    out[8 * i + 5] = (int) (wv >> 32) + (int) wv;
    unsigned ballot = __ballot_sync(0xffffffffu, v > 0);
    int any = __any_sync(0xffffffffu, v > 90);
    int all = __all_sync(0xffffffffu, v > -100);
    out[8 * i + 6] = (int) ballot ^ (any << 1) ^ (all << 2);
    out[8 * i + 7] = __reduce_add_sync(0xffffffffu, v) + __reduce_max_sync(0xffffffffu, v) * 3
            + (int) __reduce_min_sync(0xffffffffu, (unsigned) v) + (__reduce_or_sync(0xffffffffu, (unsigned) v) & 0xff);
}

extern "C" __global__ void divergent_mask(int* out) {
    int lane = threadIdx.x & 31;
    unsigned m = 0;
    if (lane & 1) {
        m = __activemask();
        __syncwarp(m);
    }
    out[threadIdx.x] = (int) m;
}

extern "C" __global__ void vec4(const int4* in, int4* out, int n4) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n4) {
        int4 v = in[i];
        out[i] = make_int4(v.w, v.z + 1, v.y * 2, v.x ^ 0x55);
    }
}
