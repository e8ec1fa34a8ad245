// Adversarial (issue 11): a three-pass scan whose partials pass scans the tile summaries with one block of 1024
// threads, so it handles at most 1024 tiles of 1024 elements. Right up to n = 2^20 (the old emulator default,
// where it scored ok); wrong from the 1025th tile on.
//
// @plan scratch tiles = 12 * ceil_div(n, 1024) bytes
// @plan launch tile_reduce grid=ceil_div(n, 1024) block=256 args=(x, n, tiles)
// @plan launch tile_prefix grid=1 block=1024 args=(tiles, n)
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

// Replaces each tile's summary by its incoming state with one block of 1024 threads, one tile each: an exclusive
// scan of the summaries in shared memory. Tiles past the 1024th are never touched, so from n = 2^20 + 1 on
// they keep their own summary as if it were their incoming state.
extern "C" __global__ void tile_prefix(int* tiles, int n) {
    __shared__ int sp[1024];
    __shared__ int s0[1024];
    __shared__ int s1[1024];
    int t = threadIdx.x;
    int count = (n + TILE - 1) / TILE;
    Seg acc = {0, 0, 0};
    if (t < count) {
        acc.p = tiles[3 * t];
        acc.a0 = tiles[3 * t + 1];
        acc.a1 = tiles[3 * t + 2];
    }
    for (int d = 1; d < 1024; d <<= 1) {
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
    if (t < count) {
        tiles[3 * t] = t > 0 ? sp[t - 1] : 0;
        tiles[3 * t + 1] = t > 0 ? s0[t - 1] : 0;
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
        if (i < n) {
            int v = x[i];
            s += q ? v : 0;
            y[i] = s;
            q ^= v > 0;
        }
    }
}
