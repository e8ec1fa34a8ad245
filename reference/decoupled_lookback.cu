// Reference: single-pass decoupled look-back scan over the (p, a0, a1) monoid (DESIGN.md §1).
//
// Idea: every CTA takes a tile of 4096 elements by an atomic ticket, reads it once with 128-bit loads,
// reduces it to one segment summary, publishes that aggregate, looks back over its predecessors' published
// states (a whole warp at a time, 32 tiles per step, with __nanosleep backoff), publishes its inclusive
// prefix and writes its outputs once with 128-bit stores. Design note: reference/README.md.
//
// Global traffic per element: 4 B read (x) + 4 B written (y) = 8 B; the look-back adds 24 B of state per
// tile (published) and a window of 32 x 8 B read per tile, i.e. O(tiles) = about 0.07 B/element.
// Claimed global traffic: 8 bytes/element
// Model H100 time at n = 10^8 (docs/figures.md floor table, 0.8 GB): 0.239 ms at 3.35 TB/s (datasheet),
// 0.276 ms at 2.9 TB/s (stream copy), 0.307 ms at 2.61 TB/s (CUB's measured look-back scan).
//
// @plan scratch state = 16 * ceil_div(n, 4096) bytes zero
// @plan scratch ticket = 4 bytes zero
// @plan launch scan_lookback grid=ceil_div(n, 4096) block=256 args=(x, y, n, state, ticket)

#define THREADS 256
#define WARPS (THREADS / 32)
#define VECS 4                          // int4 per thread
#define TILE (THREADS * VECS * 4)       // 4096 elements
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

__device__ __forceinline__ Seg shfl_down(Seg s, int d) {
    return Seg{__shfl_down_sync(FULL, s.p, d), __shfl_down_sync(FULL, s.a0, d), __shfl_down_sync(FULL, s.a1, d)};
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

// Warp 0 of tile `tile` (> 0): the exclusive prefix of the tile, (p, a0) valid, from predecessors' states.
__device__ Seg look_back(unsigned long long* state, long long tile, int lane) {
    Seg acc = identity();               // everything between the current window and this tile
    long long window_end = tile - 1;    // lane l examines tile window_end - l
    unsigned sleep_ns = 32;
    for (;;) {
        long long pred = window_end - lane;
        unsigned long long w = pred >= 0 ? ld_acquire(&state[2 * pred]) : word0(PREFIX, 0u, 0u);
        unsigned status = (unsigned) (w >> 62);
        unsigned prefixes = __ballot_sync(FULL, status == PREFIX);
        unsigned empties = __ballot_sync(FULL, status == EMPTY);
        // Only lanes up to the nearest PREFIX matter; wait until none of them is EMPTY.
        int stop = prefixes ? __ffs(prefixes) - 1 : 31;
        unsigned needed = stop == 31 ? FULL : (2u << stop) - 1u;
        if (empties & needed) {
            __nanosleep(sleep_ns);
            sleep_ns = sleep_ns < 1024 ? 2 * sleep_ns : 1024;
            continue;
        }
        Seg s = identity();
        if (lane <= stop) {
            s.p = (unsigned) (w >> 32) & 1u;
            s.a0 = (unsigned) w;
            // The acquire load that saw AGGREGATE orders this read after the writer's store of word1.
            if (status == AGGREGATE) s.a1 = (unsigned) ld_relaxed(&state[2 * pred + 1]);
        }
        // Ordered reduction: a higher lane is an earlier tile, so it goes on the left.
#pragma unroll
        for (int d = 1; d < 32; d <<= 1) {
            Seg o = shfl_down(s, d);
            if (lane + d < 32) s = combine(o, s);
        }
        acc = combine(shfl_idx(s, 0), acc);
        if (prefixes) return acc;
        window_end -= 32;
    }
}

extern "C" __global__ void __launch_bounds__(THREADS) scan_lookback(const int* __restrict__ x, int* __restrict__ y,
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
        Seg tot = warp_total[lane / WARPS][lane % WARPS];
        Seg inc = warp_inclusive(tot, lane);
        Seg ex = shfl_up(inc, 1);
        warp_prefix[lane / WARPS][lane % WARPS] = lane == 0 ? identity() : ex;
        Seg aggregate = shfl_idx(inc, 31);
        Seg before = identity();
        if (tile == 0) {
            if (lane == 0) st_release(&state[0], word0(PREFIX, aggregate.p, aggregate.a0));
        } else {
            if (lane == 0) {
                st_relaxed(&state[2 * tile + 1], aggregate.a1);
                st_release(&state[2 * tile], word0(AGGREGATE, aggregate.p, aggregate.a0));
            }
            before = look_back(state, tile, lane);
            Seg inclusive = combine(before, aggregate);
            if (lane == 0) st_release(&state[2 * tile], word0(PREFIX, inclusive.p, inclusive.a0));
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
