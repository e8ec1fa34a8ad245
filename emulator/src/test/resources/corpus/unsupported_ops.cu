// Real nvcc output with two instructions the emulator does not run, in two kernels: the scan lists both.

extern "C" __global__ void simd_video(const unsigned* a, unsigned* out) {
    out[threadIdx.x] = __vabsdiffu4(a[threadIdx.x], a[threadIdx.x + 32]);
}

extern "C" __global__ void matching(const int* a, unsigned* out) {
    out[threadIdx.x] = __match_any_sync(0xFFFFFFFFu, a[threadIdx.x]);
}
