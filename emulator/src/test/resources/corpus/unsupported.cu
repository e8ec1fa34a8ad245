// Real nvcc output the emulator must refuse at load time: a device-side printf (a call) and approximate math
// (__expf is ex2.approx, whose result differs between GPUs). SIMD video ops used to be the second example: they
// run now (corpus/opcodes.cu).
#include <cstdio>

extern "C" __global__ void approx_exp(const float* a, float* out) {
    out[threadIdx.x] = __expf(a[threadIdx.x]);
}

extern "C" __global__ void prints(int* out) {
    printf("thread %d\n", threadIdx.x);
    out[threadIdx.x] = 1;
}
