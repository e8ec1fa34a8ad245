// Full warps reading and writing evenly spaced elements (x[i], x[8 * i], an int4 per thread) with the memory
// diagnostics on: MemoryRunTest checks that the emulator's one-pass path for such runs still finds what the lane-by-lane
// path finds (undefined bytes, undefined values stored, shared races) and counts the same bytes and critical path.

// y[i] = x[8 * i] + x[i] + the int4 x4[i]'s sum; the sums decide a branch, so an undefined element is reported.
extern "C" __global__ void strided(const int* x, const int4* x4, int* y, int* flags) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    int4 q = x4[i];
    int v = x[8 * i] + x[i] + q.x + q.y + q.z + q.w;
    y[i] = v;
    if (v > 0) flags[i] = 1;
}

// Every warp writes the same 32 shared words with no barrier between them: a write-write race between warps.
extern "C" __global__ void shared_write_race(int* out) {
    __shared__ int s[32];
    s[threadIdx.x & 31] = threadIdx.x;
    __syncthreads();
    out[threadIdx.x] = s[threadIdx.x & 31];
}

// Warp 0 writes 32 shared words and warp 1 reads them with no barrier between: a read-write race.
extern "C" __global__ void shared_read_race(int* out) {
    __shared__ int s[32];
    int lane = threadIdx.x & 31;
    if (threadIdx.x < 32) s[lane] = lane * 3;
    int v = threadIdx.x >= 32 ? s[lane] : 0;
    __syncthreads();
    out[threadIdx.x] = v;
}

// Half the lanes store a value they never computed into a shared run; the run read back decides a branch.
extern "C" __global__ void undefined_store(const int* x, int* out) {
    __shared__ int s[32];
    int lane = threadIdx.x & 31;
    int v;
    if (lane < 16) v = x[lane];
    s[lane] = v;
    __syncwarp();
    int w = s[31 - lane];
    if (w > 0) out[lane] = 1;
}

// Block b reads the 32 words block b - 1 wrote and writes the next 32: one CTA resident at a time, a chain of
// dependent hops carried by runs alone.
extern "C" __global__ void relay(int* buf) {
    int v = buf[blockIdx.x * 32 + threadIdx.x];
    buf[(blockIdx.x + 1) * 32 + threadIdx.x] = v + 1;
}
