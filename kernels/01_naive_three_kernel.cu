// Example 1 of the ladder: the naive three-kernel shared-memory scan (reduce, scan the partials, scan).
//
// Idea: the task is a scan over the (p, a0, a1) monoid of DESIGN.md §1, so any scan algorithm works once
// '+' is replaced by combine(). This is the textbook one: one element per thread, 1024-element tiles,
// Hillis-Steele inclusive scans in shared memory (double-buffered, one __syncthreads per step).
//   reduce_tiles   each tile's summary (p, a0, a1) -> partials[tile]
//   scan_partials  one block turns the summaries into exclusive tile prefixes, 1024 at a time
//   scan_tiles     re-reads x, scans the tile and applies the tile's prefix
// What holds it back: x is read twice (12 B/element instead of 8), scalar 4-byte accesses, and ten barriers
// per tile step make it latency-bound long before it is bandwidth-bound.
//
// Global traffic per element: reduce 4 R; scan 4 R + 4 W = 12 B, plus 4 x 12 B of partials per 1024 elements.
// Claimed global traffic: 12 bytes/element
// Model H100 time at n = 10^8 (docs/figures.md bandwidths, 1.2 GB): 0.358 ms at 3.35 TB/s, 0.414 ms at 2.9 TB/s,
// 0.460 ms at 2.61 TB/s: the floor of any two-pass scan; this kernel's barriers keep it well above it.
//
// @plan scratch partials = 12 * ceil_div(n, 1024) bytes
// @plan launch reduce_tiles grid=ceil_div(n, 1024) block=1024 args=(x, n, partials)
// @plan launch scan_partials grid=1 block=1024 args=(partials, n)
// @plan launch scan_tiles grid=ceil_div(n, 1024) block=1024 args=(x, y, n, partials)

#define THREADS 1024

struct Seg {
    unsigned p, a0, a1;  // parity of positives; conditional sums given incoming parity 0 / 1 (mod 2^32)
};

__device__ __forceinline__ Seg identity() { return Seg{0u, 0u, 0u}; }

__device__ __forceinline__ Seg element(int v) { return Seg{v > 0 ? 1u : 0u, 0u, (unsigned) v}; }

// l then r: the segment r runs with the parity l leaves behind.
__device__ __forceinline__ Seg combine(Seg l, Seg r) {
    return Seg{l.p ^ r.p, l.a0 + (l.p ? r.a1 : r.a0), l.a1 + (l.p ? r.a0 : r.a1)};
}

// Inclusive Hillis-Steele scan of one value per thread; buf is read in one half while the other is written.
__device__ Seg block_inclusive_scan(Seg v, Seg (*buf)[THREADS]) {
    int t = threadIdx.x, in = 0;
    buf[0][t] = v;
    __syncthreads();
    for (int d = 1; d < THREADS; d <<= 1) {
        buf[in ^ 1][t] = t >= d ? combine(buf[in][t - d], buf[in][t]) : buf[in][t];
        __syncthreads();
        in ^= 1;
    }
    return buf[in][t];
}

extern "C" __global__ void __launch_bounds__(THREADS) reduce_tiles(const int* x, int n, Seg* partials) {
    __shared__ Seg buf[2][THREADS];
    long long i = (long long) blockIdx.x * THREADS + threadIdx.x;
    // Zero is the identity element: padding the last tile with it changes nothing.
    Seg total = block_inclusive_scan(element(i < n ? x[i] : 0), buf);
    if (threadIdx.x == THREADS - 1) partials[blockIdx.x] = total;
}

// Replaces each tile summary with the combination of all earlier tiles (its exclusive prefix).
extern "C" __global__ void __launch_bounds__(THREADS) scan_partials(Seg* partials, int n) {
    __shared__ Seg buf[2][THREADS];
    __shared__ Seg inclusive[THREADS];
    int tiles = (int) ((n + (long long) THREADS - 1) / THREADS);
    Seg carry = identity();  // every thread keeps the same running carry
    for (int base = 0; base < tiles; base += THREADS) {
        int i = base + threadIdx.x;
        Seg v = i < tiles ? partials[i] : identity();
        inclusive[threadIdx.x] = block_inclusive_scan(v, buf);
        __syncthreads();
        Seg before = threadIdx.x == 0 ? identity() : inclusive[threadIdx.x - 1];
        if (i < tiles) partials[i] = combine(carry, before);
        carry = combine(carry, inclusive[THREADS - 1]);
        __syncthreads();  // the next chunk rewrites buf and inclusive
    }
}

extern "C" __global__ void __launch_bounds__(THREADS) scan_tiles(const int* x, int* y, int n, const Seg* partials) {
    __shared__ Seg buf[2][THREADS];
    __shared__ Seg prefix;
    if (threadIdx.x == 0) prefix = partials[blockIdx.x];  // once per tile, not once per thread
    long long i = (long long) blockIdx.x * THREADS + threadIdx.x;
    Seg inclusive = block_inclusive_scan(element(i < n ? x[i] : 0), buf);  // its barriers publish prefix
    if (i < n) y[i] = (int) combine(prefix, inclusive).a0;
}
