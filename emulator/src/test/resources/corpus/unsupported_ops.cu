// Real nvcc output with two instructions the emulator does not run, in two kernels: the scan lists both.

extern "C" __global__ void fast_exp(const float* a, float* out) {
    out[threadIdx.x] = __expf(a[threadIdx.x]);
}

extern "C" __global__ void fast_divide(const float* a, float* out) {
    out[threadIdx.x] = __fdividef(a[threadIdx.x], a[threadIdx.x + 32]);
}
