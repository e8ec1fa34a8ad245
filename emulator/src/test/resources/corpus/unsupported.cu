// Real nvcc output the emulator must refuse at load time: a call to an external device function (malloc; device
// printf runs now, corpus/calls.cu) and approximate math (__expf is ex2.approx, whose result differs between
// GPUs). SIMD video ops used to be the second example: they run now (corpus/opcodes.cu).
#include <cstdio>

extern "C" __global__ void approx_exp(const float* a, float* out) {
    out[threadIdx.x] = __expf(a[threadIdx.x]);
}

extern "C" __global__ void allocates(int** out) {
    out[threadIdx.x] = (int*) malloc(16);
}
