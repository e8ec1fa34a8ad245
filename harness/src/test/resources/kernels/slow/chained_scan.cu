// Deliberately slow (issue 16): a chained scan. Each CTA scans its 2048-element tile as kernel 04 does, then
// thread 0 waits until its predecessor has published its full inclusive prefix, and only then publishes its own:
// the tiles finish strictly one after another, one dependent L2 round trip per tile (no aggregates are used).
// Exact, and traffic-optimal (8 B/element), so a traffic model cannot tell it from the reference; the critical
// path can (ceil(n / 2048) - 1 hops). The ranking test of the H100 model (issue 16) holds it >= 10x above it.
//
// Claimed global traffic: 8 bytes/element
//
// @plan scratch state = 16 * ceil_div(n, 2048) bytes zero
// @plan scratch ticket = 4 bytes zero
// @plan launch scan_chained grid=ceil_div(n, 2048) block=128 args=(x, y, n, state, ticket)

#define THREADS 128
#define WARPS (THREADS / 32)
#define VECS 4                          // int4 per thread
#define TILE (THREADS * VECS * 4)       // 2048 elements
#define FULL 0xffffffffu

// Look-back state, two 64-bit words per tile, zeroed by the plan before every run.
//   word0 = status (bits 63..62) | p (bit 32) | a0 (bits 31..0): the one word published by a release store.
//   word1 = a1 of the aggregate, written before word0 announces AGGREGATE, read only after that acquire.
// An inclusive prefix starts at element 0 with parity 0, so only its (p, a0) is ever used: PREFIX fits word0.
#define EMPTY 0ull
#define AGGREGATE 1ull
#define PREFIX 2ull

struct Seg {
    unsigned p, a0, a1;  // parity of positives; conditional sums given incoming parity 0 / 1 (mod 2^32)
};

__device__ __forceinline__ Seg identity() { return Seg{0u, 0u, 0u}; }

__device__ __forceinline__ Seg element(int v) { return Seg{v > 0 ? 1u : 0u, 0u, (unsigned) v}; }

// l then r: the segment r runs with the parity l leaves behind.
__device__ __forceinline__ Seg combine(Seg l, Seg r) {
    return Seg{l.p ^ r.p, l.a0 + (l.p ? r.a1 : r.a0), l.a1 + (l.p ? r.a0 : r.a1)};
}

__device__ __forceinline__ Seg shfl_up(Seg s, int d) {
    return Seg{__shfl_up_sync(FULL, s.p, d), __shfl_up_sync(FULL, s.a0, d), __shfl_up_sync(FULL, s.a1, d)};
}

__device__ __forceinline__ Seg shfl_idx(Seg s, int lane) {
    return Seg{__shfl_sync(FULL, s.p, lane), __shfl_sync(FULL, s.a0, lane), __shfl_sync(FULL, s.a1, lane)};
}

// Inclusive scan across the warp, lane order = sequence order.
__device__ __forceinline__ Seg warp_inclusive(Seg v, int lane) {
#pragma unroll
    for (int d = 1; d < 32; d <<= 1) {
        Seg o = shfl_up(v, d);
        if (lane >= d) v = combine(o, v);
    }
    return v;
}

__device__ __forceinline__ unsigned long long ld_acquire(const unsigned long long* a) {
    unsigned long long v;
    asm volatile("ld.acquire.gpu.global.b64 %0, [%1];" : "=l"(v) : "l"(a) : "memory");
    return v;
}

__device__ __forceinline__ unsigned long long ld_relaxed(const unsigned long long* a) {
    unsigned long long v;
    asm volatile("ld.relaxed.gpu.global.b64 %0, [%1];" : "=l"(v) : "l"(a) : "memory");
    return v;
}

__device__ __forceinline__ void st_relaxed(unsigned long long* a, unsigned long long v) {
    asm volatile("st.relaxed.gpu.global.b64 [%0], %1;" :: "l"(a), "l"(v) : "memory");
}

__device__ __forceinline__ void st_release(unsigned long long* a, unsigned long long v) {
    asm volatile("st.release.gpu.global.b64 [%0], %1;" :: "l"(a), "l"(v) : "memory");
}

__device__ __forceinline__ unsigned long long word0(unsigned long long status, unsigned p, unsigned a0) {
    return (status << 62) | ((unsigned long long) p << 32) | a0;
}

// Thread 0 alone, for tile `tile` (> 0): wait for the predecessor's inclusive prefix, nothing else.
__device__ Seg wait_for_predecessor(unsigned long long* state, long long tile) {
    unsigned long long w;
    while (((w = ld_acquire(&state[2 * (tile - 1)])) >> 62) != PREFIX) {
        __nanosleep(32);
    }
    return Seg{(unsigned) (w >> 32) & 1u, (unsigned) w, 0u};
}

extern "C" __global__ void __launch_bounds__(THREADS) scan_chained(const int* __restrict__ x, int* __restrict__ y,
        int n, unsigned long long* state, unsigned* ticket) {
    __shared__ unsigned tile_s;
    __shared__ Seg warp_total[VECS][WARPS];
    __shared__ Seg warp_prefix[VECS][WARPS];
    __shared__ unsigned tile_p, tile_a0;

    const int t = threadIdx.x, lane = t & 31, warp = t >> 5;
    if (t == 0) tile_s = atomicAdd(ticket, 1u);  // ticket order = start order: predecessors are running
    __syncthreads();
    const long long tile = tile_s;
    const long long base = tile * TILE;
    const bool full = base + TILE <= n;

    // Row k of the tile is int4 k * THREADS + t: each load instruction of a warp covers 512 contiguous bytes.
    int4 v[VECS];
    if (full) {
        const int4* x4 = reinterpret_cast<const int4*>(x + base);
#pragma unroll
        for (int k = 0; k < VECS; k++) v[k] = __ldcs(&x4[k * THREADS + t]);
    } else {
#pragma unroll
        for (int k = 0; k < VECS; k++) {
            long long i = base + 4ll * (k * THREADS + t);
            // Zero is the identity element, so padding the tail with it changes no prefix.
            v[k].x = i < n ? x[i] : 0;
            v[k].y = i + 1 < n ? x[i + 1] : 0;
            v[k].z = i + 2 < n ? x[i + 2] : 0;
            v[k].w = i + 3 < n ? x[i + 3] : 0;
        }
    }

    Seg excl[VECS];
#pragma unroll
    for (int k = 0; k < VECS; k++) {
        Seg s = combine(combine(element(v[k].x), element(v[k].y)), combine(element(v[k].z), element(v[k].w)));
        Seg inc = warp_inclusive(s, lane);
        Seg ex = shfl_up(inc, 1);
        excl[k] = lane == 0 ? identity() : ex;
        if (lane == 31) warp_total[k][warp] = inc;
    }
    __syncthreads();

    if (warp == 0) {
        // Lane l = k * WARPS + w holds warp w of row k: lane order is sequence order.
        // Rows x warps = 16 lanes; the upper half scans identities.
        bool used = lane < VECS * WARPS;
        Seg tot = used ? warp_total[lane / WARPS][lane % WARPS] : identity();
        Seg inc = warp_inclusive(tot, lane);
        Seg ex = shfl_up(inc, 1);
        if (used) warp_prefix[lane / WARPS][lane % WARPS] = lane == 0 ? identity() : ex;
        Seg aggregate = shfl_idx(inc, VECS * WARPS - 1);
        Seg before = identity();
        if (tile == 0) {
            if (lane == 0) st_release(&state[0], word0(PREFIX, aggregate.p, aggregate.a0));
        } else {
            if (lane == 0) {
                before = wait_for_predecessor(state, tile);
                Seg inclusive = combine(before, aggregate);
                st_release(&state[2 * tile], word0(PREFIX, inclusive.p, inclusive.a0));
            }
        }
        if (lane == 0) {
            tile_p = before.p;
            tile_a0 = before.a0;
        }
    }
    __syncthreads();

    const Seg tile_before = Seg{tile_p, tile_a0, 0u};  // a1 of a left-most operand is never needed
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
    if (full) {
        int4* y4 = reinterpret_cast<int4*>(y + base);
#pragma unroll
        for (int k = 0; k < VECS; k++) __stcs(&y4[k * THREADS + t], out[k]);
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
