// Global and shared atomics: add, exch, CAS loop, min, max, inc, and/or/xor, 64-bit add, float add.
extern "C" __global__ void atomics(const int* in, int* g, unsigned long long* g64, float* gf, int* out) {
    __shared__ int sh[4];
    if (threadIdx.x < 4) sh[threadIdx.x] = 0;
    __syncthreads();
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    int v = in[i];
    atomicAdd(&g[0], v);
    atomicMin(&g[1], v);
    atomicMax(&g[2], v);
    atomicAnd(&g[3], v | 0x0ffff000);
    atomicOr(&g[4], v & 0x00ff00ff);
    atomicXor(&g[5], v);
    atomicInc((unsigned*) &g[6], 1000u);
    int old = g[7], assumed;
    do { assumed = old; old = atomicCAS(&g[7], assumed, assumed + (v & 7)); } while (old != assumed);
    atomicAdd(&g64[0], (unsigned long long) (long long) v);
    atomicAdd(&gf[0], 0.5f);
    atomicAdd(&sh[threadIdx.x & 3], v);
    out[i] = atomicExch(&g[8], i) >= 0 ? 1 : 0;
    __syncthreads();
    if (threadIdx.x < 4) atomicAdd(&g[9 + threadIdx.x], sh[threadIdx.x]);
}
