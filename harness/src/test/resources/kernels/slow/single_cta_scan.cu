// Deliberately slow (issue 16): the whole scan in one CTA. 1024 threads walk x in tiles of 4096 elements, each
// tile scanned in registers and shared memory and carried into the next: exact and traffic-optimal
// (8 B/element), with no cross-CTA chain at all, but one SM of 132 does all the work. The H100 model must find
// it issue-bound on its busiest SM.
//
// Claimed global traffic: 8 bytes/element
//
// @plan launch scan_one_cta grid=1 block=1024 args=(x, y, n)

#define THREADS 1024
#define WARPS (THREADS / 32)
#define PER_THREAD 4
#define TILE (THREADS * PER_THREAD)
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

__device__ __forceinline__ Seg warp_inclusive(Seg v, int lane) {
#pragma unroll
    for (int d = 1; d < 32; d <<= 1) {
        Seg o = shfl_up(v, d);
        if (lane >= d) v = combine(o, v);
    }
    return v;
}

extern "C" __global__ void __launch_bounds__(THREADS) scan_one_cta(const int* __restrict__ x, int* __restrict__ y,
        int n) {
    __shared__ Seg warp_total[WARPS];
    __shared__ Seg carry_s;
    const int t = threadIdx.x, lane = t & 31, warp = t >> 5;
    if (t == 0) carry_s = identity();
    __syncthreads();
    for (long long base = 0; base < n; base += TILE) {
        int v[PER_THREAD];
        Seg s = identity();
#pragma unroll
        for (int k = 0; k < PER_THREAD; k++) {
            long long i = base + (long long) t * PER_THREAD + k;
            v[k] = i < n ? x[i] : 0;  // zero is the identity: padding changes no prefix
            s = combine(s, element(v[k]));
        }
        Seg inc = warp_inclusive(s, lane);
        if (lane == 31) warp_total[warp] = inc;
        __syncthreads();
        if (warp == 0) {
            Seg w = warp_inclusive(warp_total[lane], lane);
            warp_total[lane] = w;
        }
        __syncthreads();
        Seg ex = shfl_up(inc, 1);
        if (lane == 0) ex = identity();
        Seg before = combine(carry_s, warp > 0 ? combine(warp_total[warp - 1], ex) : ex);
        unsigned odd = before.p, acc = before.a0;
#pragma unroll
        for (int k = 0; k < PER_THREAD; k++) {
            long long i = base + (long long) t * PER_THREAD + k;
            acc += odd ? (unsigned) v[k] : 0u;
            if (i < n) y[i] = (int) acc;
            odd ^= v[k] > 0 ? 1u : 0u;
        }
        __syncthreads();
        if (t == 0) carry_s = combine(carry_s, warp_total[WARPS - 1]);
        __syncthreads();
    }
}
