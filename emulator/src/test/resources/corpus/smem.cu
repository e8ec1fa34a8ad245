// Block-wide inclusive scan in dynamic shared memory with __syncthreads (Hillis-Steele), plus a block
// total in a static __shared__ variable and __syncthreads_count.
extern "C" __global__ void block_scan(const int* in, int* out, int* totals) {
    extern __shared__ int s[];
    __shared__ int total;
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    s[threadIdx.x] = in[i];
    __syncthreads();
    for (int d = 1; d < blockDim.x; d <<= 1) {
        int t = threadIdx.x >= d ? s[threadIdx.x - d] : 0;
        __syncthreads();
        s[threadIdx.x] += t;
        __syncthreads();
    }
    if (threadIdx.x == blockDim.x - 1) total = s[threadIdx.x];
    int positives = __syncthreads_count(in[i] > 0);
    out[i] = s[threadIdx.x];
    if (threadIdx.x == 0) { totals[2 * blockIdx.x] = total; totals[2 * blockIdx.x + 1] = positives; }
}

// Generic pointers into shared memory (the callee cannot know the space) and a local array.
__device__ __noinline__ int sum_generic(const int* p, int n) { int s = 0; for (int k = 0; k < n; k++) s += p[k]; return s; }

extern "C" __global__ void generic_shared(const int* in, int* out, int which) {
    __shared__ int tile[64];
    int local[8];
    for (int k = 0; k < 8; k++) local[k] = in[threadIdx.x] * k;
    tile[threadIdx.x] = in[threadIdx.x];
    __syncthreads();
    const int* p = (which & 1) ? tile : in;
    volatile int* lp = local;
    int s = 0;
    for (int k = 0; k < 8; k++) s += p[(threadIdx.x + k) & 63] + lp[(threadIdx.x + k) & 7];
    out[threadIdx.x] = s;
}
