package dev.scanbench.swdriver;

/** The small CUDA kernels the driver's tests run (compiled by the real nvcc). */
final class Kernels {
    static final String SOURCE = String.join("\n",
            "extern \"C\" __global__ void scale(const int* x, int* y, int n, int k) {",
            "    int i = blockIdx.x * blockDim.x + threadIdx.x;",
            "    if (i < n) { y[i] = x[i] * k; }",
            "}",
            "extern \"C\" __global__ void big_static(int* y) {",
            "    __shared__ int buf[10240];",
            "    extern __shared__ int dyn[];",
            "    buf[threadIdx.x] = threadIdx.x;",
            "    dyn[threadIdx.x] = 1;",
            "    __syncthreads();",
            "    y[threadIdx.x] = buf[threadIdx.x ^ 1] + dyn[threadIdx.x];",
            "}",
            "extern \"C\" __global__ void wild(int* y) { y[(1ll << 40) + threadIdx.x] = 1; }",
            "");

    private Kernels() {
    }
}
