// Example 2 of the ladder: reduce-then-scan with warp shuffles and 128-bit accesses.
//
// Idea: the same three passes as example 1, but each pass is built for bandwidth. A tile is 4096 elements,
// 256 threads x 4 int4: row k of the tile is int4 k * 256 + t, so every load instruction of a warp reads 512
// contiguous bytes. Each thread folds its four elements of a row into one summary; warps scan the rows with
// __shfl_up_sync (no shared memory, no barriers); one warp scans the 32 warp totals. The partial pass scans
// 24415 summaries (n = 10^8) in one block. Still two reads of x: the price of not waiting on predecessors.
//
// Global traffic per element: reduce 4 R; scan 4 R + 4 W = 12 B, plus 4 x 12 B of partials per 4096 elements.
// Claimed global traffic: 12 bytes/element
// Model H100 time at n = 10^8 (docs/figures.md bandwidths, 1.2 GB): 0.358 ms at 3.35 TB/s, 0.414 ms at 2.9 TB/s,
// 0.460 ms at 2.61 TB/s.
//
// @plan scratch partials = 12 * ceil_div(n, 4096) bytes
// @plan launch reduce_tiles grid=ceil_div(n, 4096) block=256 args=(x, n, partials)
// @plan launch scan_partials grid=1 block=1024 args=(partials, n)
// @plan launch scan_tiles grid=ceil_div(n, 4096) block=256 args=(x, y, n, partials)

#define THREADS 256
#define WARPS (THREADS / 32)
#define VECS 4
#define TILE (THREADS * VECS * 4)
#define PARTIAL_THREADS 1024
#define FULL 0xffffffffu

struct Seg {
    unsigned p, a0, a1;  // parity of positives; conditional sums given incoming parity 0 / 1 (mod 2^32)
};

__device__ __forceinline__ Seg identity() { return Seg{0u, 0u, 0u}; }

__device__ __forceinline__ Seg element(int v) { return Seg{v > 0 ? 1u : 0u, 0u, (unsigned) v}; }

__device__ __forceinline__ Seg combine(Seg l, Seg r) {
    return Seg{l.p ^ r.p, l.a0 + (l.p ? r.a1 : r.a0), l.a1 + (l.p ? r.a0 : r.a1)};
}

__device__ __forceinline__ Seg shfl_up(Seg s, int d) {
    return Seg{__shfl_up_sync(FULL, s.p, d), __shfl_up_sync(FULL, s.a0, d), __shfl_up_sync(FULL, s.a1, d)};
}

__device__ __forceinline__ Seg shfl_idx(Seg s, int lane) {
    return Seg{__shfl_sync(FULL, s.p, lane), __shfl_sync(FULL, s.a0, lane), __shfl_sync(FULL, s.a1, lane)};
}

__device__ __forceinline__ Seg warp_inclusive(Seg v, int lane) {
#pragma unroll
    for (int d = 1; d < 32; d <<= 1) {
        Seg o = shfl_up(v, d);
        if (lane >= d) v = combine(o, v);
    }
    return v;
}

__device__ __forceinline__ Seg fold4(int4 v) {
    return combine(combine(element(v.x), element(v.y)), combine(element(v.z), element(v.w)));
}

// The tile's int4s of this thread; the tail is padded with zeros, the identity element.
__device__ __forceinline__ void load_tile(const int* x, long long base, int n, int t, int4 (&v)[VECS]) {
    if (base + TILE <= n) {
        const int4* x4 = reinterpret_cast<const int4*>(x + base);
#pragma unroll
        for (int k = 0; k < VECS; k++) v[k] = x4[k * THREADS + t];
    } else {
#pragma unroll
        for (int k = 0; k < VECS; k++) {
            long long i = base + 4ll * (k * THREADS + t);
            v[k] = make_int4(i < n ? x[i] : 0, i + 1 < n ? x[i + 1] : 0, i + 2 < n ? x[i + 2] : 0,
                             i + 3 < n ? x[i + 3] : 0);
        }
    }
}

// Block-wide: each thread's exclusive prefix within its warp row, and each (row, warp)'s prefix within the
// tile in warp_prefix; returns the tile's summary to every thread.
__device__ Seg scan_tile(const int4 (&v)[VECS], Seg (&excl)[VECS], Seg (*warp_total)[WARPS],
                         Seg (*warp_prefix)[WARPS], int t) {
    __shared__ Seg aggregate;
    int lane = t & 31, warp = t >> 5;
#pragma unroll
    for (int k = 0; k < VECS; k++) {
        Seg inc = warp_inclusive(fold4(v[k]), lane);
        Seg ex = shfl_up(inc, 1);
        excl[k] = lane == 0 ? identity() : ex;
        if (lane == 31) warp_total[k][warp] = inc;
    }
    __syncthreads();
    if (warp == 0) {
        // Lane k * WARPS + w is warp w of row k: lane order is sequence order.
        Seg inc = warp_inclusive(warp_total[lane / WARPS][lane % WARPS], lane);
        Seg ex = shfl_up(inc, 1);
        warp_prefix[lane / WARPS][lane % WARPS] = lane == 0 ? identity() : ex;
        if (lane == 31) aggregate = inc;
    }
    __syncthreads();
    return aggregate;
}

extern "C" __global__ void __launch_bounds__(THREADS) reduce_tiles(const int* __restrict__ x, int n, Seg* partials) {
    __shared__ Seg warp_total[VECS][WARPS], warp_prefix[VECS][WARPS];
    int4 v[VECS];
    Seg excl[VECS];
    load_tile(x, (long long) blockIdx.x * TILE, n, threadIdx.x, v);
    Seg total = scan_tile(v, excl, warp_total, warp_prefix, threadIdx.x);
    if (threadIdx.x == 0) partials[blockIdx.x] = total;
}

// Replaces each tile summary with its exclusive prefix, 1024 summaries per step with a running carry.
extern "C" __global__ void __launch_bounds__(PARTIAL_THREADS) scan_partials(Seg* partials, int n) {
    __shared__ Seg warp_total[32];
    int tiles = (int) ((n + (long long) TILE - 1) / TILE);
    int t = threadIdx.x, lane = t & 31, warp = t >> 5;
    Seg carry = identity();
    for (int base = 0; base < tiles; base += PARTIAL_THREADS) {
        int i = base + t;
        Seg inc = warp_inclusive(i < tiles ? partials[i] : identity(), lane);
        if (lane == 31) warp_total[warp] = inc;
        __syncthreads();
        Seg wt = warp_inclusive(warp_total[lane], lane);  // every warp scans the 32 totals itself
        Seg warp_before = shfl_up(wt, 1);
        Seg thread_before = shfl_up(inc, 1);
        Seg before = combine(warp == 0 ? identity() : shfl_idx(warp_before, warp),
                             lane == 0 ? identity() : thread_before);
        if (i < tiles) partials[i] = combine(carry, before);
        carry = combine(carry, shfl_idx(wt, 31));
        __syncthreads();  // the next step rewrites warp_total
    }
}

extern "C" __global__ void __launch_bounds__(THREADS) scan_tiles(const int* __restrict__ x, int* __restrict__ y,
        int n, const Seg* partials) {
    __shared__ Seg warp_total[VECS][WARPS], warp_prefix[VECS][WARPS];
    __shared__ Seg tile_before;
    const int t = threadIdx.x, warp = t >> 5;
    const long long base = (long long) blockIdx.x * TILE;
    if (t == 0) tile_before = partials[blockIdx.x];  // published by scan_tile's barriers
    int4 v[VECS];
    Seg excl[VECS];
    load_tile(x, base, n, t, v);
    scan_tile(v, excl, warp_total, warp_prefix, t);
    int4 out[VECS];
#pragma unroll
    for (int k = 0; k < VECS; k++) {
        Seg pre = combine(combine(tile_before, warp_prefix[k][warp]), excl[k]);
        unsigned odd = pre.p, s = pre.a0;
        int in[4] = {v[k].x, v[k].y, v[k].z, v[k].w};
        int o[4];
#pragma unroll
        for (int e = 0; e < 4; e++) {
            s += odd ? (unsigned) in[e] : 0u;
            o[e] = (int) s;
            odd ^= in[e] > 0 ? 1u : 0u;
        }
        out[k] = make_int4(o[0], o[1], o[2], o[3]);
    }
    if (base + TILE <= n) {
        int4* y4 = reinterpret_cast<int4*>(y + base);
#pragma unroll
        for (int k = 0; k < VECS; k++) y4[k * THREADS + t] = out[k];
    } else {
#pragma unroll
        for (int k = 0; k < VECS; k++) {
            long long i = base + 4ll * (k * THREADS + t);
            if (i < n) y[i] = out[k].x;
            if (i + 1 < n) y[i + 1] = out[k].y;
            if (i + 2 < n) y[i + 2] = out[k].z;
            if (i + 3 < n) y[i + 3] = out[k].w;
        }
    }
}
