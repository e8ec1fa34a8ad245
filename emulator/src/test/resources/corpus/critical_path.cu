// The critical-path clock (issue 16): a chain through a barrier, and a ticket counter that is no chain.

__device__ __forceinline__ int ld_acquire(const int* a) {
    int v;
    asm volatile("ld.acquire.gpu.global.b32 %0, [%1];" : "=r"(v) : "l"(a) : "memory");
    return v;
}

__device__ __forceinline__ void st_release(int* a, int v) {
    asm volatile("st.release.gpu.global.b32 [%0], %1;" :: "l"(a), "r"(v) : "memory");
}

// Block b waits (thread 0) for block b - 1's flag; after a barrier, warp 1 publishes block b's flag: the chain
// runs through the barrier, one hop per block.
extern "C" __global__ void chain(int* flags, int* out) {
    const int b = blockIdx.x;
    if (threadIdx.x == 0 && b > 0) {
        while (ld_acquire(&flags[b - 1]) == 0) {
        }
    }
    __syncthreads();
    if (threadIdx.x == 32) {
        out[b] = b;
        st_release(&flags[b], 1);
    }
}

// Every block draws a ticket from one counter and writes its block index there: atomics are no chain.
extern "C" __global__ void tickets(unsigned* ticket, int* out) {
    if (threadIdx.x == 0) {
        unsigned t = atomicAdd(ticket, 1u);
        out[t] = blockIdx.x;
    }
}
