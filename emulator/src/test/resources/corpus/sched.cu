// Kernels about scheduling: order dependence, grid-wide sync, and two genuine deadlocks.
#include <cooperative_groups.h>
namespace cg = cooperative_groups;

// Each block records how many lower-numbered blocks had already finished: depends on dispatch order.
extern "C" __global__ void order_probe(int* flags, int* out) {
    if (threadIdx.x == 0) {
        int seen = 0;
        for (int b = 0; b < blockIdx.x; b++) seen += ((volatile int*) flags)[b];
        out[blockIdx.x] = seen;
        __threadfence();
        ((volatile int*) flags)[blockIdx.x] = 1;
    }
}

// Cooperative-groups grid sync (reads the driver workspace pointer from %envreg1/%envreg2).
extern "C" __global__ void grid_sync(int* a, int n) {
    cg::grid_group g = cg::this_grid();
    unsigned i = g.thread_rank();
    a[i] = 1;
    g.sync();
    int next = a[(i + 1) % n];
    g.sync();
    a[i] += next;
}

// Block 0 waits for a flag that no thread ever sets.
extern "C" __global__ void spin_forever(volatile int* flag, int* out) {
    if (blockIdx.x == 0 && threadIdx.x == 0) {
        while (flag[0] == 0) __nanosleep(100);
    }
    out[blockIdx.x * blockDim.x + threadIdx.x] = 1;
}

// Only one warp reaches a named barrier that expects 64 threads.
extern "C" __global__ void barrier_deadlock(int* out) {
    if (threadIdx.x < 32) {
        asm volatile("bar.sync 1, 64;");
    }
    out[threadIdx.x] = 1;
}
