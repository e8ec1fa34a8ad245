// How the emulator resolves one warp's access. Loads at which every active lane reads one address (a parameter, a
// shared word, one element of a global array) are resolved and checked once per warp (MemoryUnit.oneAddress); each
// lane must still get the value, its undefined bits and its race record exactly as if it had read alone. Other
// lanes of an access re-use the memory the lane before them resolved while their address lies in it
// (Machine.sameMemory); a warp whose lanes point into several memories must resolve each.

// A register address equal in every lane, the same for only the odd lanes, and a v4 load at one address.
extern "C" __global__ void broadcast_global(const int* in, int* out, int k) {
    int t = threadIdx.x;
    int all = in[k];
    int odd = -1;
    if (t & 1) odd = in[k + 1];
    int4 q = reinterpret_cast<const int4*>(in)[k / 4 + 1];
    int* o = out + 7 * t;
    o[0] = all;
    o[1] = odd;
    o[2] = q.x;
    o[3] = q.y;
    o[4] = q.z;
    o[5] = q.w;
    o[6] = in[t];
}

// One byte of a shared word written, the whole word read by every lane: every lane's copy is partly undefined.
extern "C" __global__ void broadcast_partly_written(int* out) {
    __shared__ int s[2];
    if (threadIdx.x == 0) reinterpret_cast<volatile char*>(s)[0] = 7;
    __syncthreads();
    int v = s[0];
    out[threadIdx.x] = (threadIdx.x & 1) ? v : v & 0xFF; // ACCESS:partly
}

// Three warps read one shared word, then a thread of the last one writes it with no barrier in between.
extern "C" __global__ void broadcast_race(int* out) {
    __shared__ int s;
    if (threadIdx.x == 0) s = 1;
    __syncthreads();
    int v = s; // ACCESS:read
    if (threadIdx.x == 64) s = 5;
    out[threadIdx.x] = v;
}

// Generic pointers into two global buffers and shared memory, lane by lane, in one load and one store.
extern "C" __global__ void three_memories(const int* a, const int* b, int* out) {
    __shared__ int s[96];
    int t = threadIdx.x;
    s[t] = 100 + t;
    __syncthreads();
    const int* p = t % 3 == 0 ? a : t % 3 == 1 ? b : s;
    int v = p[t];
    __syncthreads();
    int* q = t % 2 == 0 ? out : s;
    q[t] = v + 1;
    __syncthreads();
    if (t % 2 == 1) out[t] = s[t];
}

// Lanes of a full warp at evenly spaced addresses (x[s * t + k]) are read and written as one run
// (MemoryUnit.runOffset); a partial warp goes lane by lane. A negative spacing, four-element vectors, bytes and
// halves each take the run; a run whose last lane lies past the buffer's end must fault as lane-by-lane access does.
extern "C" __global__ void strided_copy(const int* in, int* out, int s, int k) {
    int t = threadIdx.x;
    out[s * t + k] = in[s * t + k] + 1; // ACCESS:strided
}

extern "C" __global__ void strided_vec(const int4* in, int4* out, int s) {
    int t = threadIdx.x;
    int4 q = in[s * t];
    out[s * t] = make_int4(q.x + 1, q.y + 2, q.z + 3, q.w + 4);
}

extern "C" __global__ void strided_narrow(const signed char* in, int* out, short* half, int s) {
    int t = threadIdx.x;
    out[t] = in[s * t];
    half[s * t] = (short) (-t);
}
