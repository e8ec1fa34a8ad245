// Real nvcc output the emulator must refuse at load time: a device-side printf (a call) and a SIMD video op.
#include <cstdio>

extern "C" __global__ void simd_video(const unsigned* a, unsigned* out) {
    out[threadIdx.x] = __vabsdiffu4(a[threadIdx.x], a[threadIdx.x + 32]);
}

extern "C" __global__ void prints(int* out) {
    printf("thread %d\n", threadIdx.x);
    out[threadIdx.x] = 1;
}
