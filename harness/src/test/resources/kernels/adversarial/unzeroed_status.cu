// Adversarial: a decoupled look-back whose status words live in scratch that is not declared `zero`, so no
// kernel ever writes them before the first poll. It waits while a status is neither AGGREGATE nor INCLUSIVE:
// right on a first launch into fresh memory, but on a GPU the previous run's INCLUSIVE flags are still there and
// a tile takes a stale prefix. The harness poisons such scratch before every run; a read of it decides the wait.
//
// @plan scratch status = 4 * ceil_div(n, 1024) bytes
// @plan scratch agg = 12 * ceil_div(n, 1024) bytes
// @plan scratch incl = 8 * ceil_div(n, 1024) bytes
// @plan launch lookback_scan grid=ceil_div(n, 1024) block=256 args=(x, y, n, status, agg, incl)

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

#define AGGREGATE 1
#define INCLUSIVE 2

__device__ void publish(int* status, int tile, int flag) {
    __threadfence();
    atomicExch(&status[tile], flag);
}

// The (parity, sum) state entering `tile`, found by looking back; thread 0 only.
__device__ int2 look_back(int* status, const int* agg, const int* incl, int tile) {
    Seg acc = {0, 0, 0};
    for (int j = tile - 1;; j--) {
        int st;
        do {
            st = *(volatile int*) &status[j];
        } while (st != AGGREGATE && st != INCLUSIVE); // BUG:unzeroed
        __threadfence();
        if (st == INCLUSIVE) {
            int q = ((volatile const int*) incl)[2 * j];
            int s = ((volatile const int*) incl)[2 * j + 1];
            return make_int2(q ^ acc.p, s + (q ? acc.a1 : acc.a0));
        }
        Seg a = {((volatile const int*) agg)[3 * j], ((volatile const int*) agg)[3 * j + 1],
                 ((volatile const int*) agg)[3 * j + 2]};
        acc = combine(a, acc);
    }
}

extern "C" __global__ void lookback_scan(const int* x, int* y, int n, int* status, int* agg, int* incl) {
    __shared__ int in_q;
    __shared__ int in_s;
    int tile = blockIdx.x;
    long long base = (long long) tile * TILE + threadIdx.x * PER_THREAD;
    Seg total;
    Seg before = block_exclusive(thread_summary(x, base, n), &total);
    if (threadIdx.x == 0) {
        int2 in = make_int2(0, 0);
        if (tile > 0) {
            agg[3 * tile] = total.p;
            agg[3 * tile + 1] = total.a0;
            agg[3 * tile + 2] = total.a1;
            publish(status, tile, AGGREGATE);
            in = look_back(status, agg, incl, tile);
        }
        incl[2 * tile] = in.x ^ total.p;
        incl[2 * tile + 1] = in.y + (in.x ? total.a1 : total.a0);
        publish(status, tile, INCLUSIVE);
        in_q = in.x;
        in_s = in.y;
    }
    __syncthreads();
    int q = in_q;
    int s = in_s + (q ? before.a1 : before.a0);
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
