// Adversarial: reads guard the tail, but the last pass writes every tile whole, so when n is not a multiple of
// 1024 it writes past the end of y. The emulator's memcheck faults on it; a GPU does not, and there the canary
// region the harness keeps after y sees it.
//
// @plan scratch tiles = 12 * ceil_div(n, 1024) bytes
// @plan launch tile_reduce grid=ceil_div(n, 1024) block=256 args=(x, n, tiles)
// @plan launch tile_prefix grid=1 block=32 args=(tiles, n)
// @plan launch tile_scan grid=ceil_div(n, 1024) block=256 args=(x, y, n, tiles)

#define THREADS 256
#define PER_THREAD 4
#define TILE (THREADS * PER_THREAD)

struct Seg {
    int p;
    int a0;
    int a1;
};

__device__ __forceinline__ Seg combine(Seg l, Seg r) {
    Seg s;
    s.p = l.p ^ r.p;
    s.a0 = l.a0 + (l.p ? r.a1 : r.a0);
    s.a1 = l.a1 + (l.p ? r.a0 : r.a1);
    return s;
}

// The summary of this thread's PER_THREAD consecutive elements (identity past n).
__device__ Seg thread_summary(const int* x, long long base, int n) {
    Seg s = {0, 0, 0};
    for (int k = 0; k < PER_THREAD; k++) {
        long long i = base + k;
        if (i < n) {
            int v = x[i];
            Seg e = {v > 0, 0, v};
            s = combine(s, e);
        }
    }
    return s;
}

// Exclusive scan of the threads' summaries across the block (Hillis-Steele, in order); the block total
// is returned through *total.
__device__ Seg block_exclusive(Seg mine, Seg* total) {
    __shared__ int sp[THREADS];
    __shared__ int s0[THREADS];
    __shared__ int s1[THREADS];
    int t = threadIdx.x;
    Seg acc = mine;
    for (int d = 1; d < THREADS; d <<= 1) {
        sp[t] = acc.p;
        s0[t] = acc.a0;
        s1[t] = acc.a1;
        __syncthreads();
        if (t >= d) {
            Seg left = {sp[t - d], s0[t - d], s1[t - d]};
            acc = combine(left, acc);
        }
        __syncthreads();
    }
    sp[t] = acc.p;
    s0[t] = acc.a0;
    s1[t] = acc.a1;
    __syncthreads();
    Seg excl = {0, 0, 0};
    if (t > 0) {
        excl.p = sp[t - 1];
        excl.a0 = s0[t - 1];
        excl.a1 = s1[t - 1];
    }
    total->p = sp[THREADS - 1];
    total->a0 = s0[THREADS - 1];
    total->a1 = s1[THREADS - 1];
    return excl;
}

extern "C" __global__ void tile_reduce(const int* x, int n, int* tiles) {
    long long base = (long long) blockIdx.x * TILE + threadIdx.x * PER_THREAD;
    Seg total;
    block_exclusive(thread_summary(x, base, n), &total);
    if (threadIdx.x == 0) {
        tiles[3 * blockIdx.x] = total.p;
        tiles[3 * blockIdx.x + 1] = total.a0;
        tiles[3 * blockIdx.x + 2] = total.a1;
    }
}

// Replaces each tile's summary by its incoming state: (parity, sum) after every earlier tile.
extern "C" __global__ void tile_prefix(int* tiles, int n) {
    if (threadIdx.x != 0) {
        return;
    }
    int count = (n + TILE - 1) / TILE;
    int q = 0;
    int s = 0;
    for (int t = 0; t < count; t++) {
        int p = tiles[3 * t];
        int a0 = tiles[3 * t + 1];
        int a1 = tiles[3 * t + 2];
        tiles[3 * t] = q;
        tiles[3 * t + 1] = s;
        s += q ? a1 : a0;
        q ^= p;
    }
}

extern "C" __global__ void tile_scan(const int* x, int* y, int n, const int* tiles) {
    long long base = (long long) blockIdx.x * TILE + threadIdx.x * PER_THREAD;
    Seg total;
    Seg before = block_exclusive(thread_summary(x, base, n), &total);
    int q = tiles[3 * blockIdx.x];
    int s = tiles[3 * blockIdx.x + 1];
    s += q ? before.a1 : before.a0;
    q ^= before.p;
    for (int k = 0; k < PER_THREAD; k++) {
        long long i = base + k;
        int v = i < n ? x[i] : 0;
        s += q ? v : 0;
        y[i] = s;
        q ^= v > 0;
    }
}
