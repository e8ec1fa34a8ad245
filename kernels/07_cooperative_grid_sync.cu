// Example 7 of the ladder: one cooperative launch, a grid-wide barrier instead of a second kernel.
//
// Idea: reduce-then-scan in a single launch. The grid is small enough to be resident all at once (at most
// 264 CTAs: 2 per H100 SM, where this kernel fits 6 by its 40 registers x 256 threads; at least 16 tiles per
// CTA below n = 264 x 16384, so that phase 2's O(CTAs^2) reads stay small), so every CTA can
// wait for every other at cg::this_grid().sync(). Each CTA owns one contiguous chunk of x (a grid-stride
// split of n into gridDim.x chunks, whole 1024-element tiles). Phase 1: it folds its chunk into one segment
// summary (p, a0, a1) (docs/task.md) and stores it. Grid barrier. Phase 2: it folds the summaries of the
// chunks before its own into its incoming prefix. Phase 3: it re-reads its chunk and scans it tile by tile
// from that prefix, writing y. The grid barrier needs a cooperative launch (the plan's `cooperative`); without
// one it is undefined on a GPU, and on the emulator grid.sync() traps with a message saying why.
// What holds it back: x is read twice (12 B per element instead of 8), and 264 CTAs of 256 threads keep only
// a quarter of an H100's threads busy, too few loads in flight to reach full bandwidth.
//
// Global traffic per element: 8 B read (x twice) + 4 B written (y) = 12 B, plus 12 B per CTA written and
// 12 B x CTAs^2 / 2 read in phase 2 (0.4 MB at 264 CTAs, 0.004 B per element at n = 10^8).
// Claimed global traffic: 12 bytes/element
// Model H100 time at n = 10^8 (docs/figures.md bandwidths, 1.2 GB): 0.358 ms at 3.35 TB/s, 0.414 ms at 2.9 TB/s,
// 0.460 ms at 2.61 TB/s: the floor for reading x twice; with a quarter of the threads busy it stays above it.
//
// @plan scratch sums = 16 * 264 bytes
// @plan launch scan_grid_sync grid=min(264, ceil_div(n, 16384)) block=256 cooperative args=(x, y, n, sums)

#include <cooperative_groups.h>

namespace cg = cooperative_groups;

#define THREADS 256
#define WARPS (THREADS / 32)
#define PER 4                      // consecutive elements per thread per tile
#define TILE (THREADS * PER)       // 1024 elements
#define FULL 0xffffffffu

// A segment's summary (docs/task.md): p = parity of its positives, a0/a1 = its conditional sums given incoming
// parity 0/1, wrapping mod 2^32 (unsigned: no signed overflow).
struct Seg {
    unsigned p, a0, a1;
};

__device__ __forceinline__ Seg identity() {
    return Seg{0u, 0u, 0u};
}

__device__ __forceinline__ Seg element(int v) {
    return Seg{v > 0 ? 1u : 0u, 0u, (unsigned) v};
}

// l followed by r.
__device__ __forceinline__ Seg combine(Seg l, Seg r) {
    return Seg{l.p ^ r.p, l.a0 + (l.p ? r.a1 : r.a0), l.a1 + (l.p ? r.a0 : r.a1)};
}

__device__ __forceinline__ Seg shfl_up(Seg s, int d) {
    return Seg{__shfl_up_sync(FULL, s.p, d), __shfl_up_sync(FULL, s.a0, d), __shfl_up_sync(FULL, s.a1, d)};
}

// The exclusive prefix of `mine` over the block's threads in order; *total gets the whole block's fold.
__device__ Seg block_exclusive(Seg mine, Seg* total, Seg* warp_sums) {
    int lane = threadIdx.x & 31;
    int warp = threadIdx.x >> 5;
    Seg inc = mine;
#pragma unroll
    for (int d = 1; d < 32; d <<= 1) {
        Seg up = shfl_up(inc, d);
        if (lane >= d) {
            inc = combine(up, inc);
        }
    }
    Seg ex = shfl_up(inc, 1);
    if (lane == 0) {
        ex = identity();
    }
    if (lane == 31) {
        warp_sums[warp] = inc;
    }
    __syncthreads();
    Seg before = identity();
    Seg all = identity();
#pragma unroll
    for (int w = 0; w < WARPS; w++) {
        if (w == warp) {
            before = all;
        }
        all = combine(all, warp_sums[w]);
    }
    __syncthreads(); // warp_sums is reused by the next call
    *total = all;
    return combine(before, ex);
}

// Loads this thread's PER elements of the tile at base (those at or past end read as 0, which is the identity
// of the fold: not positive, adds nothing).
__device__ __forceinline__ void load_tile(const int* __restrict__ x, long long base, long long end, int v[PER]) {
    long long at = base + (long long) threadIdx.x * PER;
    if (base + TILE <= end) {
        int4 q = *reinterpret_cast<const int4*>(x + at);
        v[0] = q.x; v[1] = q.y; v[2] = q.z; v[3] = q.w;
    } else {
#pragma unroll
        for (int k = 0; k < PER; k++) {
            v[k] = at + k < end ? x[at + k] : 0;
        }
    }
}

extern "C" __global__ void __launch_bounds__(THREADS) scan_grid_sync(const int* __restrict__ x, int* __restrict__ y,
                                                                     int n, Seg* sums) {
    __shared__ Seg warp_sums[WARPS];
    cg::grid_group grid = cg::this_grid();
    long long tiles = ((long long) n + TILE - 1) / TILE;
    long long per_cta = (tiles + gridDim.x - 1) / gridDim.x;
    long long begin = min((long long) blockIdx.x * per_cta * TILE, (long long) n);
    long long end = min(begin + per_cta * TILE, (long long) n);

    // Phase 1: this chunk's summary.
    Seg chunk = identity();
    for (long long base = begin; base < end; base += TILE) {
        int v[PER];
        load_tile(x, base, end, v);
        Seg mine = identity();
#pragma unroll
        for (int k = 0; k < PER; k++) {
            mine = combine(mine, element(v[k]));
        }
        Seg tile;
        block_exclusive(mine, &tile, warp_sums);
        chunk = combine(chunk, tile);
    }
    if (threadIdx.x == 0) {
        sums[blockIdx.x] = chunk;
    }
    grid.sync();

    // Phase 2: the fold of every earlier chunk, THREADS summaries at a time.
    Seg carry = identity();
    for (unsigned first = 0; first < blockIdx.x; first += THREADS) {
        unsigned i = first + threadIdx.x;
        Seg s = i < blockIdx.x ? sums[i] : identity();
        Seg part;
        block_exclusive(s, &part, warp_sums);
        carry = combine(carry, part);
    }

    // Phase 3: scan the chunk from that prefix. y[j] is a0 of the fold of x[0..j] (incoming parity 0).
    for (long long base = begin; base < end; base += TILE) {
        int v[PER];
        load_tile(x, base, end, v);
        Seg mine = identity();
#pragma unroll
        for (int k = 0; k < PER; k++) {
            mine = combine(mine, element(v[k]));
        }
        Seg tile;
        Seg run = combine(carry, block_exclusive(mine, &tile, warp_sums));
        int out[PER];
#pragma unroll
        for (int k = 0; k < PER; k++) {
            run = combine(run, element(v[k]));
            out[k] = (int) run.a0;
        }
        long long at = base + (long long) threadIdx.x * PER;
        if (base + TILE <= end) {
            *reinterpret_cast<int4*>(y + at) = make_int4(out[0], out[1], out[2], out[3]);
        } else {
#pragma unroll
            for (int k = 0; k < PER; k++) {
                if (at + k < end) {
                    y[at + k] = out[k];
                }
            }
        }
        carry = combine(carry, tile);
    }
}
