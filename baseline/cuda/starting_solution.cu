// The starting solution on the GPU: RE-Bench's PyTorch starting algorithm as plain CUDA kernels, the role
// of t_start on a real device. Slow by design and obviously correct.
//
// Idea (DESIGN.md §1): the parity before element i is the count of positives before i, mod 2. So
//   counts = inclusive_scan(x > 0)                                   flag positives -> scan
//   m[i]   = (counts[i] - (x[i] > 0)) odd ? x[i] : 0                 mask by parity
//   y      = inclusive_scan(m)                                       scan
// Each scan is the textbook three-step: scan 1024-element tiles in shared memory and write each tile's
// total; scan the totals in one block (the carry pass); add each tile's carry to its elements. The second
// scan runs in place in y, so the only large scratch is counts (4n bytes).
//
// Global traffic per element: flag 4 R + 4 W; scan counts 4 R + 4 W; carry 4 R + 4 W; mask 8 R + 4 W;
// scan y 4 R + 4 W; carry 4 R + 4 W = 28 R + 24 W = 52 B (tile totals add 16 B per 1024 elements).
// Claimed global traffic: 52 bytes/element
// Model H100 time at n = 10^8 (FIGURES.md bandwidths, 5.2 GB): 1.55 ms at 3.35 TB/s, 1.79 ms at 2.9 TB/s,
// 1.99 ms at 2.61 TB/s. A floor for its traffic, not a prediction: eight launches and a one-block carry pass
// add latency the model leaves out (the published PyTorch start took 4.76 ms).
//
// @plan scratch counts = 4 * n bytes
// @plan scratch sums = 4 * ceil_div(n, 1024) bytes
// @plan launch flag_positives grid=ceil_div(n, 256) block=256 args=(x, counts, n)
// @plan launch scan_tiles grid=ceil_div(n, 1024) block=256 args=(counts, sums, n)
// @plan launch scan_sums grid=1 block=1024 args=(sums, n)
// @plan launch add_carry grid=ceil_div(n, 1024) block=256 args=(counts, sums, n)
// @plan launch mask_by_parity grid=ceil_div(n, 256) block=256 args=(x, counts, y, n)
// @plan launch scan_tiles grid=ceil_div(n, 1024) block=256 args=(y, sums, n)
// @plan launch scan_sums grid=1 block=1024 args=(sums, n)
// @plan launch add_carry grid=ceil_div(n, 1024) block=256 args=(y, sums, n)

#define THREADS 256
#define ITEMS 4
#define TILE (THREADS * ITEMS)
#define CARRY_THREADS 1024

// Inclusive scan of one value per thread across a block of `count` threads (Hillis-Steele, double-buffered
// so no step reads a slot another thread is writing). Sums wrap mod 2^32, as the task's int32 does.
template <int COUNT>
__device__ unsigned block_inclusive_scan(unsigned v, unsigned (*buf)[COUNT]) {
    int t = threadIdx.x, in = 0;
    buf[0][t] = v;
    __syncthreads();
    for (int d = 1; d < COUNT; d <<= 1) {
        buf[in ^ 1][t] = buf[in][t] + (t >= d ? buf[in][t - d] : 0u);
        __syncthreads();
        in ^= 1;
    }
    return buf[in][t];
}

extern "C" __global__ void flag_positives(const int* x, int* flags, int n) {
    long long i = (long long) blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) flags[i] = x[i] > 0 ? 1 : 0;
}

// Scans each tile of `data` in place and writes the tile's total to sums[tile].
extern "C" __global__ void scan_tiles(int* data, int* sums, int n) {
    __shared__ unsigned buf[2][THREADS];
    long long first = (long long) blockIdx.x * TILE + threadIdx.x * ITEMS;
    unsigned v[ITEMS], s = 0;
    for (int k = 0; k < ITEMS; k++) {
        s += first + k < n ? (unsigned) data[first + k] : 0u;
        v[k] = s;
    }
    unsigned inclusive = block_inclusive_scan<THREADS>(s, buf);
    unsigned before = inclusive - s;
    for (int k = 0; k < ITEMS; k++) {
        if (first + k < n) data[first + k] = (int) (before + v[k]);
    }
    if (threadIdx.x == THREADS - 1) sums[blockIdx.x] = (int) inclusive;
}

// The carry pass: turns the tile totals into exclusive prefixes, in place, with one block. Each thread sums
// a contiguous run of totals, the block scans the run sums, then each thread rewrites its run.
extern "C" __global__ void scan_sums(int* sums, int n) {
    __shared__ unsigned buf[2][CARRY_THREADS];
    int count = (int) ((n + (long long) TILE - 1) / TILE);
    int per = (count + CARRY_THREADS - 1) / CARRY_THREADS;
    int from = threadIdx.x * per, to = min(from + per, count);
    unsigned s = 0;
    for (int i = from; i < to; i++) s += (unsigned) sums[i];
    unsigned running = block_inclusive_scan<CARRY_THREADS>(s, buf) - s;
    for (int i = from; i < to; i++) {
        unsigned total = (unsigned) sums[i];
        sums[i] = (int) running;
        running += total;
    }
}

// Adds each tile's carry (the exclusive prefix of the tile totals) to its elements.
extern "C" __global__ void add_carry(int* data, const int* sums, int n) {
    __shared__ unsigned carry;
    if (threadIdx.x == 0) carry = (unsigned) sums[blockIdx.x];  // once per block, not once per thread
    __syncthreads();
    long long first = (long long) blockIdx.x * TILE + threadIdx.x * ITEMS;
    for (int k = 0; k < ITEMS; k++) {
        if (first + k < n) data[first + k] = (int) ((unsigned) data[first + k] + carry);
    }
}

// m[i] = x[i] when the count of positives before i is odd, else 0.
extern "C" __global__ void mask_by_parity(const int* x, const int* counts, int* y, int n) {
    long long i = (long long) blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) {
        int v = x[i];
        int before = counts[i] - (v > 0 ? 1 : 0);
        y[i] = (before & 1) ? v : 0;
    }
}
