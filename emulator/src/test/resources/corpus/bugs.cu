// Planted bugs: the line marked BUG:<name> is where the matching diagnostic must point.
#include <cuda_pipeline.h>

extern "C" __global__ void oob_read(const int* in, int* out, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) out[i] = in[i + 1]; // BUG:oob
}

extern "C" __global__ void misaligned(char* buf) {
    int* p = (int*) (buf + 2 + 4 * threadIdx.x);
    *p = 1; // BUG:misaligned
}

extern "C" __global__ void shared_oob(int* out) {
    __shared__ int s[64];
    s[threadIdx.x] = threadIdx.x;
    __syncthreads();
    out[threadIdx.x] = s[threadIdx.x + 1]; // BUG:shared_oob
}

extern "C" __global__ void uninit_global(const int* in, int* out) {
    out[threadIdx.x] = in[threadIdx.x] + 1; // BUG:uninit_global
}

extern "C" __global__ void uninit_shared(int* out) {
    __shared__ int s[128];
    if (threadIdx.x < 64) s[threadIdx.x] = 1;
    __syncthreads();
    out[threadIdx.x] = s[127 - threadIdx.x]; // BUG:uninit_shared
}

extern "C" __global__ void shfl_exited(const int* in, int* out) {
    int v = in[threadIdx.x];
    if (threadIdx.x >= 16) return;
    out[threadIdx.x] = __shfl_sync(0x0000ffffu, v, threadIdx.x + 16); // BUG:shfl_exited
}

extern "C" __global__ void shared_race(const int* in, int* out) {
    __shared__ int s[256];
    s[threadIdx.x] = in[threadIdx.x];
    out[threadIdx.x] = s[255 - threadIdx.x]; // BUG:race
}

extern "C" __global__ void divergent_barrier(int* out) {
    __shared__ int s[128];
    s[threadIdx.x] = threadIdx.x;
    if (threadIdx.x < 64) {
        __syncthreads(); // BUG:divergent_first
        out[threadIdx.x] = s[threadIdx.x + 64];
    } else {
        s[threadIdx.x] += 1;
        __syncthreads(); // BUG:divergent_second
        out[threadIdx.x] = s[threadIdx.x - 64] * 2;
    }
}

extern "C" __global__ void bad_mask(const int* in, int* out) {
    int v = in[threadIdx.x];
    out[threadIdx.x] = __shfl_sync(0x0000ffffu, v, 0); // BUG:bad_mask
}

extern "C" __global__ void early_exit_barrier(const int* in, int* out, int n) {
    __shared__ int s[128];
    int i = threadIdx.x;
    if (i >= n) return;
    s[i] = in[i];
    __syncthreads(); // BUG:partial
    out[i] = s[n - 1 - i];
}

extern "C" __global__ void async_early_read(const int* in, int* out) {
    __shared__ __align__(16) int s[128];
    __pipeline_memcpy_async(&s[threadIdx.x], &in[threadIdx.x], 4);
    __pipeline_commit();
    int early = s[threadIdx.x]; // BUG:async_early
    __pipeline_wait_prior(0);
    out[threadIdx.x] = early + s[threadIdx.x];
}

extern "C" __global__ void tma_early_read(const int* in, int* out) {
    __shared__ __align__(128) int s[256];
    __shared__ __align__(8) unsigned long long bar;
    unsigned sbar = (unsigned) __cvta_generic_to_shared(&bar);
    unsigned sdst = (unsigned) __cvta_generic_to_shared(s);
    if (threadIdx.x == 0) {
        asm volatile("mbarrier.init.shared::cta.b64 [%0], %1;" :: "r"(sbar), "r"(1));
        asm volatile("fence.mbarrier_init.release.cluster;" ::: "memory");
    }
    __syncthreads();
    if (threadIdx.x == 0) {
        asm volatile("mbarrier.arrive.expect_tx.shared::cta.b64 _, [%0], %1;" :: "r"(sbar), "r"(1024) : "memory");
        asm volatile("cp.async.bulk.shared::cluster.global.mbarrier::complete_tx::bytes [%0], [%1], %2, [%3];"
                     :: "r"(sdst), "l"(in), "r"(1024), "r"(sbar) : "memory");
    }
    int early = s[threadIdx.x]; // BUG:tma_early
    unsigned done = 0;
    while (!done) {
        asm volatile("{ .reg .pred p; mbarrier.try_wait.parity.shared::cta.b64 p, [%1], %2; selp.u32 %0, 1, 0, p; }"
                     : "=r"(done) : "r"(sbar), "r"(0) : "memory");
    }
    out[threadIdx.x] = early + s[threadIdx.x];
}

extern "C" __global__ void weak_spin(int* flag, int* out) {
    if (blockIdx.x == 1 && threadIdx.x == 0) {
        out[1] = 5;
        __threadfence();
        flag[0] = 1;
    }
    if (blockIdx.x == 0 && threadIdx.x == 0) {
        while (flag[0] == 0) { __threadfence(); } // BUG:weak_spin
        out[0] = out[1];
    }
}

extern "C" __global__ void mask_names_exited(const int* in, int* out) {
    int v = in[threadIdx.x];
    if (threadIdx.x >= 16) return;
    out[threadIdx.x] = __shfl_sync(0xffffffffu, v, 0); // BUG:mask_exited
}

// Undefined values (in[] has only 32 of 64 elements written) that move but decide nothing: loaded, combined,
// shuffled across lanes and then discarded by a select on a defined condition. initcheck must stay silent.
extern "C" __global__ void undefined_moves_freely(const int* in, int* out) {
    int v = in[threadIdx.x] * 3 + 1;
    int u = __shfl_xor_sync(0xffffffffu, v, 1);
    out[threadIdx.x] = threadIdx.x < 32 ? u : 7;
}

// The same undefined values deciding something: a branch, an address, an atomic's operand.
extern "C" __global__ void undefined_branch(const int* in, int* out) {
    int v = in[threadIdx.x];
    if (v > 0) { // BUG:undefined_branch
        out[threadIdx.x] = 1;
    }
}

extern "C" __global__ void undefined_address(const int* in, int* out) {
    int v = in[threadIdx.x];
    out[v & 63] = 1; // BUG:undefined_address
}

extern "C" __global__ void undefined_atomic(const int* in, int* out) {
    atomicAdd(out, in[threadIdx.x]); // BUG:undefined_atomic
}

// A fault inside a function nvcc inlines: the report names the line in the function and the call site.
__device__ int element_after(const int* in, int i) {
    return in[i + 1]; // BUG:inlined_oob
}

extern "C" __global__ void inlined_oob(const int* in, int* out, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) out[i] = element_after(in, i); // BUG:inlined_call
}
