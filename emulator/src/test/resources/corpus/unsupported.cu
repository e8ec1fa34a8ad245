// Real nvcc output the emulator must refuse at load time: a call to an external device function (malloc) and a SIMD video op.
#include <cstdio>

extern "C" __global__ void simd_video(const unsigned* a, unsigned* out) {
    out[threadIdx.x] = __vabsdiffu4(a[threadIdx.x], a[threadIdx.x + 32]);
}

extern "C" __global__ void allocates(int** out) {
    out[threadIdx.x] = (int*) malloc(16);
}
