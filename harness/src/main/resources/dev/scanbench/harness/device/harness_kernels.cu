// Device-side kernels of the workbench harness: input generation, canary fill, exact comparison and the
// input checksum. They run on the device (or the emulator) so that a 100M-element iteration never copies
// x or y to the host. Every kernel is a grid-stride loop, so any grid size covers any n.
//
// The generator is a port of dev.scanbench.baseline.input.InputGenerator and InputPattern and must stay
// bit-identical to them (HarnessKernelsTest checks every pattern against the Java code).

#include <stdint.h>

#define WB_GAMMA 0x9E3779B97F4A7C15ull

// Pattern codes: the ordinals of dev.scanbench.baseline.input.InputPattern (the salt depends on them).
#define WB_RANDOM 0
#define WB_ALL_POSITIVE 1
#define WB_ALL_NON_POSITIVE 2
#define WB_ALTERNATING 3
#define WB_ZERO_RUNS 4
#define WB_EXTREME 5

// splitmix64's finaliser, with logical shifts on uint64_t as the Java code's >>>.
__device__ __forceinline__ uint64_t wb_mix64(uint64_t z) {
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

// Multiply-high reduction of the hash's high 32 bits onto [0, count).
__device__ __forceinline__ int wb_reduce(uint64_t h, uint32_t count) {
    return (int) (((h >> 32) * (uint64_t) count) >> 32);
}

__device__ __forceinline__ uint64_t wb_hash(uint64_t key, uint64_t i) {
    return wb_mix64(key + (i + 1) * WB_GAMMA);
}

__device__ __forceinline__ int wb_pattern_value(int pattern, uint64_t key, uint64_t i) {
    uint64_t h = wb_hash(key, i);
    switch (pattern) {
    case WB_ALL_POSITIVE:
        return 1 + wb_reduce(h, 9);
    case WB_ALL_NON_POSITIVE:
        return -10 + wb_reduce(h, 11);
    case WB_ALTERNATING:
        return (i & 1) == 0 ? 1 + wb_reduce(h, 9) : -10 + wb_reduce(h, 10);
    case WB_ZERO_RUNS: {
        if ((h & 0xFF) != 0) {
            return 0;
        }
        int v = -10 + wb_reduce(h, 19);
        return v >= 0 ? v + 1 : v;
    }
    case WB_EXTREME: {
        if ((h & 1) != 0) {
            return (int) (uint32_t) (h >> 32);
        }
        // A switch rather than a table: no module variable to load, nothing for a candidate to find.
        switch (wb_reduce(h, 7)) {
        case 0: return (int) 0x80000000u;
        case 1: return 0x7FFFFFFF;
        case 2: return (int) 0x80000001u;
        case 3: return 0x7FFFFFFE;
        case 4: return -1;
        case 5: return 0;
        default: return 1;
        }
    }
    default:
        return -10 + wb_reduce(h, 20);
    }
}

// x[i] = the pattern's value at i for this seed (RANDOM is exactly InputGenerator.value(seed, i)).
extern "C" __global__ void wb_generate(int* x, uint64_t n, uint64_t seed, int pattern) {
    uint64_t salted = pattern == WB_RANDOM ? seed : seed ^ wb_mix64(0x5A170000ull + (uint64_t) pattern);
    uint64_t key = wb_mix64(salted);
    uint64_t stride = (uint64_t) gridDim.x * blockDim.x;
    for (uint64_t i = (uint64_t) blockIdx.x * blockDim.x + threadIdx.x; i < n; i += stride) {
        x[i] = wb_pattern_value(pattern, key, i);
    }
}

// y[i] = the high 32 bits of hash(seed, i): a canary that differs per element and per iteration, so an
// output element the candidate never wrote is recognised, and no fixed value can be guessed.
extern "C" __global__ void wb_fill_canary(int* y, uint64_t n, uint64_t seed) {
    uint64_t key = wb_mix64(seed);
    uint64_t stride = (uint64_t) gridDim.x * blockDim.x;
    for (uint64_t i = (uint64_t) blockIdx.x * blockDim.x + threadIdx.x; i < n; i += stride) {
        y[i] = (int) (uint32_t) (wb_hash(key, i) >> 32);
    }
}

__device__ __forceinline__ uint64_t wb_warp_sum(uint64_t v) {
    for (int d = 16; d > 0; d >>= 1) {
        v += __shfl_down_sync(0xFFFFFFFFu, v, d);
    }
    return v;
}

__device__ __forceinline__ uint64_t wb_warp_min(uint64_t v) {
    for (int d = 16; d > 0; d >>= 1) {
        uint64_t o = __shfl_down_sync(0xFFFFFFFFu, v, d);
        v = o < v ? o : v;
    }
    return v;
}

// result[0] += number of i with y[i] != expected[i]; result[1] = min of those i. The caller sets result to
// {0, UINT64_MAX} first. One atomic pair per warp. Launch with a block size that is a multiple of 32.
extern "C" __global__ void wb_compare(const int* y, const int* expected, uint64_t n,
                                      unsigned long long* result) {
    uint64_t count = 0;
    uint64_t first = ~0ull;
    uint64_t stride = (uint64_t) gridDim.x * blockDim.x;
    for (uint64_t i = (uint64_t) blockIdx.x * blockDim.x + threadIdx.x; i < n; i += stride) {
        if (y[i] != expected[i]) {
            count++;
            first = i < first ? i : first;
        }
    }
    count = wb_warp_sum(count);
    first = wb_warp_min(first);
    if ((threadIdx.x & 31) == 0 && count != 0) {
        atomicAdd(&result[0], (unsigned long long) count);
        atomicMin(&result[1], (unsigned long long) first);
    }
}

// result[0] += sum over i of mix64(hash(mix64(key), i) + (uint32) x[i]). Changing any one element changes its
// term (mix64 is a bijection) and so the sum; several changes cancel with probability about 2^-64, and the
// key comes from the secret seed, so no candidate can aim for a cancellation. The caller zeroes result.
extern "C" __global__ void wb_checksum(const int* x, uint64_t n, uint64_t key, unsigned long long* result) {
    uint64_t mixed = wb_mix64(key);
    uint64_t sum = 0;
    uint64_t stride = (uint64_t) gridDim.x * blockDim.x;
    for (uint64_t i = (uint64_t) blockIdx.x * blockDim.x + threadIdx.x; i < n; i += stride) {
        sum += wb_mix64(wb_hash(mixed, i) + (uint64_t) (uint32_t) x[i]);
    }
    sum = wb_warp_sum(sum);
    if ((threadIdx.x & 31) == 0) {
        atomicAdd(&result[0], (unsigned long long) sum);
    }
}
