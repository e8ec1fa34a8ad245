// Grid-stride copy and a by-value struct parameter.
struct Scale { int* out; int n; int k; };

extern "C" __global__ void grid_copy(const int* __restrict__ in, int* out, int n) {
    for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += blockDim.x * gridDim.x) {
        out[i] = in[i];
    }
}

extern "C" __global__ void struct_param(Scale s) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < s.n) s.out[i] = i * s.k;
}

// 2D/3D indices: every thread writes its linearised coordinates.
extern "C" __global__ void coords(int* out) {
    int bid = blockIdx.x + gridDim.x * (blockIdx.y + gridDim.y * blockIdx.z);
    int tid = threadIdx.x + blockDim.x * (threadIdx.y + blockDim.y * threadIdx.z);
    int nt = blockDim.x * blockDim.y * blockDim.z;
    out[bid * nt + tid] = (blockIdx.z << 24) | (blockIdx.y << 16) | (threadIdx.z << 12) | (threadIdx.y << 8) | threadIdx.x;
}

__device__ int counter = 7;
__constant__ int table[4] = {10, 20, 30, 40};

extern "C" __global__ void module_vars(int* out) {
    out[threadIdx.x] = table[threadIdx.x & 3] + counter;
}
