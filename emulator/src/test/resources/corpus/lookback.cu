// Single-pass inclusive sum scan with decoupled look-back (Merrill & Garland): tiles publish their
// aggregate, then their inclusive prefix, with release stores; successors poll with acquire loads and
// __nanosleep. 256 threads x 8 items per tile.
#include <cuda/atomic>

#define THREADS 256
#define ITEMS 8
#define WARPS (THREADS / 32)
#define AGGREGATE 1ull
#define PREFIX 2ull

using flag_ref = cuda::atomic_ref<unsigned long long, cuda::thread_scope_device>;

__device__ __forceinline__ unsigned long long pack(unsigned long long status, int value) {
    return (status << 62) | (unsigned) value;
}

template <bool TICKET>
__device__ __forceinline__ void scan_tile(const int* in, int* out, unsigned long long* state, unsigned* ticket, int n) {
    __shared__ int tile_s;
    __shared__ int warp_sums[WARPS];
    __shared__ int exclusive_s;
    if (TICKET) {
        if (threadIdx.x == 0) tile_s = atomicAdd(ticket, 1u);
        __syncthreads();
    }
    int tile = TICKET ? tile_s : blockIdx.x;
    int base = tile * THREADS * ITEMS + threadIdx.x * ITEMS;
    int v[ITEMS];
    int s = 0;
#pragma unroll
    for (int k = 0; k < ITEMS; k++) {
        int idx = base + k;
        s += idx < n ? in[idx] : 0;
        v[k] = s;
    }
    int lane = threadIdx.x & 31, warp = threadIdx.x >> 5;
    int x = s;
#pragma unroll
    for (int d = 1; d < 32; d <<= 1) {
        int t = __shfl_up_sync(0xffffffffu, x, d);
        if (lane >= d) x += t;
    }
    if (lane == 31) warp_sums[warp] = x;
    __syncthreads();
    if (warp == 0) {
        int ws = lane < WARPS ? warp_sums[lane] : 0;
#pragma unroll
        for (int d = 1; d < WARPS; d <<= 1) {
            int t = __shfl_up_sync(0xffffffffu, ws, d);
            if (lane >= d) ws += t;
        }
        if (lane < WARPS) warp_sums[lane] = ws;
    }
    __syncthreads();
    int block_total = warp_sums[WARPS - 1];
    int thread_excl = x - s + (warp > 0 ? warp_sums[warp - 1] : 0);
    if (warp == 0) {
        flag_ref mine(state[tile]);
        if (lane == 0) mine.store(pack(tile == 0 ? PREFIX : AGGREGATE, block_total), cuda::memory_order_release);
        int exclusive = 0;
        if (tile > 0) {
            for (int pred = tile - 1;; pred--) {
                unsigned long long st = 0;
                if (lane == 0) {
                    flag_ref theirs(state[pred]);
                    while (((st = theirs.load(cuda::memory_order_acquire)) >> 62) == 0) __nanosleep(32);
                }
                st = __shfl_sync(0xffffffffu, st, 0);
                exclusive += (int) (unsigned) st;
                if ((st >> 62) == PREFIX) break;
            }
            if (lane == 0) mine.store(pack(PREFIX, exclusive + block_total), cuda::memory_order_release);
        }
        if (lane == 0) exclusive_s = exclusive;
    }
    __syncthreads();
    int off = exclusive_s + thread_excl;
#pragma unroll
    for (int k = 0; k < ITEMS; k++) {
        int idx = base + k;
        if (idx < n) out[idx] = v[k] + off;
    }
}

// Tiles taken from an atomic ticket: correct under any dispatch order and residency.
extern "C" __global__ void __launch_bounds__(THREADS) lookback_scan(const int* in, int* out,
        unsigned long long* state, unsigned* ticket, int n) {
    scan_tile<true>(in, out, state, ticket, n);
}

// Tiles taken from blockIdx.x: deadlocks when a tile's predecessor can never become resident.
extern "C" __global__ void __launch_bounds__(THREADS) lookback_blockidx(const int* in, int* out,
        unsigned long long* state, int n) {
    scan_tile<false>(in, out, state, nullptr, n);
}
