// The workbench's bandwidth probe: a plain device-to-device copy, 16 bytes per thread, one element per thread
// so that nothing but the copy's own traffic is timed. Its rate bounds what any kernel reading x once and
// writing y once can reach on this device (the physical floor of a measurement).

extern "C" __global__ void wb_copy(const int4* __restrict__ source, int4* __restrict__ destination,
                                   unsigned long long count) {
    unsigned long long i = (unsigned long long) blockIdx.x * blockDim.x + threadIdx.x;
    if (i < count) {
        destination[i] = source[i];
    }
}
