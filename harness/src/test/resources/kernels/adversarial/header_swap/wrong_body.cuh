// The swapped-in body for header_swap.cu: the same three entries, and an output of zeros.
extern "C" __global__ void tile_reduce(const int* x, int n, int* tiles) {
}

extern "C" __global__ void tile_prefix(int* tiles, int n) {
}

extern "C" __global__ void tile_scan(const int* x, int* y, int n, const int* tiles) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    for (; i < n; i += gridDim.x * blockDim.x) {
        y[i] = 0;
    }
}
