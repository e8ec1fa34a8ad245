// A correct kernel written the way CUB's own DeviceScan is: BlockLoad / BlockScan / BlockStore and the stock
// cub::ScanTileState + cub::TilePrefixCallbackOp decoupled look-back over a struct accumulator, with no
// workaround for the emulator. CUB's WaitForValid leaves the value of the padding tiles left of tile 0 unset and
// its segmented warp reduction shuffles that register and discards it; the initial-value ExclusiveScan of tile 0
// shuffles registers it never wrote. Neither value decides anything, the GPU result is right, and
// compute-sanitizer's initcheck is silent: so must the emulator's be.
//
// @plan scratch tile_state = 28 * ceil_div(n, 4096) + 2048 bytes
// @plan scratch ticket = 4 bytes zero
// @plan launch init_tile_state grid=ceil_div(ceil_div(n, 4096), 256) block=256 args=(tile_state, n)
// @plan launch scan_cub grid=ceil_div(n, 4096) block=256 args=(x, y, n, tile_state, ticket)

#include <cub/agent/single_pass_scan_operators.cuh>
#include <cub/block/block_load.cuh>
#include <cub/block/block_scan.cuh>
#include <cub/block/block_store.cuh>

#define THREADS 256
#define ITEMS 16
#define TILE (THREADS * ITEMS)

struct Seg {
    unsigned p, a0, a1;  // parity of positives; conditional sums given incoming parity 0 / 1 (mod 2^32)
};

// l then r: the segment r runs with the parity l leaves behind. Associative, not commutative.
struct Combine {
    __device__ __forceinline__ Seg operator()(const Seg& l, const Seg& r) const {
        return Seg{l.p ^ r.p, l.a0 + (l.p ? r.a1 : r.a0), l.a1 + (l.p ? r.a0 : r.a1)};
    }
};

using TileState = cub::ScanTileState<Seg>;
using PrefixOp = cub::TilePrefixCallbackOp<Seg, Combine, TileState>;
using Load = cub::BlockLoad<int, THREADS, ITEMS, cub::BLOCK_LOAD_WARP_TRANSPOSE>;
using Store = cub::BlockStore<int, THREADS, ITEMS, cub::BLOCK_STORE_WARP_TRANSPOSE>;
using Scan = cub::BlockScan<Seg, THREADS, cub::BLOCK_SCAN_WARP_SCANS>;

// The tile state laid out in the plan's scratch; the plan's size covers CUB's three 256-aligned arrays.
__device__ __forceinline__ TileState tile_state(void* scratch, int tiles) {
    TileState state;
    size_t bytes = 28ull * tiles + 2048;
    if (state.Init(tiles, scratch, bytes) != cudaSuccess) __trap();
    return state;
}

__device__ __forceinline__ int tile_count(int n) { return (int) ((n + (long long) TILE - 1) / TILE); }

extern "C" __global__ void init_tile_state(void* scratch, int n) {
    tile_state(scratch, tile_count(n)).InitializeStatus(tile_count(n));
}

extern "C" __global__ void __launch_bounds__(THREADS) scan_cub(const int* __restrict__ x, int* __restrict__ y,
        int n, void* scratch, unsigned* ticket) {
    __shared__ union {
        Load::TempStorage load;
        Store::TempStorage store;
        Scan::TempStorage scan;
    } smem;
    __shared__ PrefixOp::TempStorage prefix_smem;
    __shared__ int tile_s;
    if (threadIdx.x == 0) tile_s = (int) atomicAdd(ticket, 1u);
    __syncthreads();
    const int tile = tile_s;
    const long long base = (long long) tile * TILE;
    const int valid = (int) min((long long) TILE, n - base);
    TileState state = tile_state(scratch, tile_count(n));

    int items[ITEMS];
    if (valid == TILE) {
        Load(smem.load).Load(x + base, items);
    } else {
        Load(smem.load).Load(x + base, items, valid, 0);  // zero is the identity element
    }
    __syncthreads();  // smem.load is reused by the scan

    Seg mine = Seg{0u, 0u, 0u};
#pragma unroll
    for (int k = 0; k < ITEMS; k++) mine = Combine()(mine, Seg{items[k] > 0 ? 1u : 0u, 0u, (unsigned) items[k]});
    Seg before;
    if (tile == 0) {
        // As CUB's AgentScan does for the first tile: the initial-value overload, then publish the aggregate.
        Seg aggregate;
        Scan(smem.scan).ExclusiveScan(mine, before, Seg{0u, 0u, 0u}, Combine(), aggregate);
        if (threadIdx.x == 0) state.SetInclusive(0, aggregate);
    } else {
        PrefixOp prefix(state, prefix_smem, Combine(), tile);
        Scan(smem.scan).ExclusiveScan(mine, before, Combine(), prefix);
    }
    __syncthreads();  // smem.scan is reused by the store

    unsigned odd = before.p, s = before.a0;
#pragma unroll
    for (int k = 0; k < ITEMS; k++) {
        int v = items[k];
        s += odd ? (unsigned) v : 0u;
        items[k] = (int) s;
        odd ^= v > 0 ? 1u : 0u;
    }
    if (valid == TILE) {
        Store(smem.store).Store(y + base, items);
    } else {
        Store(smem.store).Store(y + base, items, valid);
    }
}
