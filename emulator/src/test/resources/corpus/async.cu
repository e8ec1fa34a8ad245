// cp.async with commit / wait groups, and TMA-style bulk copies completing on an mbarrier.
#include <cuda_pipeline.h>

extern "C" __global__ void cp_async_stages(const int* in, int* out) {
    __shared__ __align__(16) int s[2][256];
    int t = threadIdx.x;
    __pipeline_memcpy_async(&s[0][t], &in[t], 4);
    __pipeline_commit();
    if (t < 64) __pipeline_memcpy_async(&s[1][4 * t], &in[256 + 4 * t], 16);
    __pipeline_commit();
    __pipeline_wait_prior(1);
    __syncthreads();
    int a = s[0][(t + 1) & 255];
    __pipeline_wait_prior(0);
    __syncthreads();
    out[t] = a + s[1][(t + 3) & 255];
}

__device__ __forceinline__ void bulk_load(unsigned dst, const void* src, unsigned bytes, unsigned bar) {
    asm volatile("cp.async.bulk.shared::cluster.global.mbarrier::complete_tx::bytes [%0], [%1], %2, [%3];"
                 :: "r"(dst), "l"(src), "r"(bytes), "r"(bar) : "memory");
}

__device__ __forceinline__ bool try_wait(unsigned bar, unsigned parity) {
    unsigned done;
    asm volatile("{ .reg .pred p; mbarrier.try_wait.parity.shared::cta.b64 p, [%1], %2; selp.u32 %0, 1, 0, p; }"
                 : "=r"(done) : "r"(bar), "r"(parity) : "memory");
    return done != 0;
}

// Each block loads 1024 ints with two bulk copies, waits on the mbarrier, writes a reversed and doubled
// copy with ordinary stores and the loaded tile back with a bulk shared -> global copy.
extern "C" __global__ void tma_bulk(const int* in, int* out, int* echo) {
    __shared__ __align__(128) int s[1024];
    __shared__ __align__(8) unsigned long long bar;
    unsigned sbar = (unsigned) __cvta_generic_to_shared(&bar);
    unsigned sdst = (unsigned) __cvta_generic_to_shared(s);
    if (threadIdx.x == 0) {
        asm volatile("mbarrier.init.shared::cta.b64 [%0], %1;" :: "r"(sbar), "r"(1));
        asm volatile("fence.mbarrier_init.release.cluster;" ::: "memory");
    }
    __syncthreads();
    const int* src = in + blockIdx.x * 1024;
    if (threadIdx.x == 0) {
        asm volatile("mbarrier.arrive.expect_tx.shared::cta.b64 _, [%0], %1;" :: "r"(sbar), "r"(4096) : "memory");
        bulk_load(sdst, src, 2048, sbar);
        bulk_load(sdst + 2048, src + 512, 2048, sbar);
    }
    while (!try_wait(sbar, 0)) { }
    for (int k = threadIdx.x; k < 1024; k += blockDim.x) out[blockIdx.x * 1024 + k] = s[1023 - k] * 2;
    __syncthreads();
    if (threadIdx.x == 0) {
        asm volatile("fence.proxy.async.shared::cta;" ::: "memory");
        asm volatile("cp.async.bulk.global.shared::cta.bulk_group [%0], [%1], %2;"
                     :: "l"(echo + blockIdx.x * 1024), "r"(sdst), "r"(4096) : "memory");
        asm volatile("cp.async.bulk.commit_group;" ::: "memory");
        asm volatile("cp.async.bulk.wait_group.read 0;" ::: "memory");
    }
}
