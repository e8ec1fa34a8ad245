// Chained scans whose tiles wait for their predecessor's flag, each a different way. Tiles come from an atomic
// ticket (so a tile only waits for a CTA that already started); one thread per CTA works on TILE elements.
// sums[t] is the inclusive sum up to the end of tile t; flags[t] says it is there.
#define TILE 64

__device__ __forceinline__ int tile_sum(const int* in, int tile, int n) {
    int s = 0;
    for (int i = tile * TILE; i < min(n, (tile + 1) * TILE); i++) s += in[i];
    return s;
}

// Correct: the flag is polled with a volatile load, published after a fence.
extern "C" __global__ void chained_volatile(const int* in, int* sums, int* flags, unsigned* ticket, int n) {
    if (threadIdx.x != 0) return;
    int tile = (int) atomicAdd(ticket, 1u);
    int s = tile_sum(in, tile, n);
    if (tile > 0) {
        while (((volatile int*) flags)[tile - 1] == 0) {
        }
        s += ((volatile int*) sums)[tile - 1];
    }
    sums[tile] = s;
    __threadfence();
    ((volatile int*) flags)[tile] = 1;
}

// The flag polled with a plain load: nvcc hoists the load out of the loop, which becomes `bra.uni` to itself.
extern "C" __global__ void chained_hoisted(const int* in, int* sums, int* flags, unsigned* ticket, int n) {
    if (threadIdx.x != 0) return;
    int tile = (int) atomicAdd(ticket, 1u);
    int s = tile_sum(in, tile, n);
    if (tile > 0) {
        int f;
        do {
            f = flags[tile - 1];
        } while (f == 0); // BUG:hoisted
        s += ((volatile int*) sums)[tile - 1];
    }
    sums[tile] = s;
    __threadfence();
    ((volatile int*) flags)[tile] = 1;
}

// A plain load polled in a loop with a fence in it: re-read each time here, but the hardware may serve it from
// a stale cache line (a weak load is not meant to observe other threads' writes).
extern "C" __global__ void chained_weak(const int* in, int* sums, int* flags, unsigned* ticket, int n) {
    if (threadIdx.x != 0) return;
    int tile = (int) atomicAdd(ticket, 1u);
    int s = tile_sum(in, tile, n);
    if (tile > 0) {
        while (flags[tile - 1] == 0) { // BUG:weak
            __threadfence();
        }
        s += ((volatile int*) sums)[tile - 1];
    }
    sums[tile] = s;
    __threadfence();
    ((volatile int*) flags)[tile] = 1;
}

// The flag published before the sum it announces: a successor that looks in between takes a stale sum.
extern "C" __global__ void flag_before_data(const int* in, int* sums, int* flags, unsigned* ticket, int n) {
    if (threadIdx.x != 0) return;
    int tile = (int) atomicAdd(ticket, 1u);
    int s = tile_sum(in, tile, n);
    if (tile > 0) {
        while (((volatile int*) flags)[tile - 1] == 0) {
        }
        s += ((volatile int*) sums)[tile - 1];
    }
    ((volatile int*) flags)[tile] = 1;
    ((volatile int*) sums)[tile] = s;
}
