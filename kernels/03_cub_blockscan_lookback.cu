// Example 3 of the ladder: CUB building blocks, BlockScan with a tile prefix callback.
//
// Idea: what CUB's own DeviceScan does, assembled by hand for this monoid. The (p, a0, a1) summary is a plain
// struct with a scan operator; CUB provides the rest: BlockLoad/BlockStore with warp transposes (coalesced
// loads, then each thread owns 16 consecutive elements), BlockScan over the 256 per-thread summaries, and
// TilePrefixCallbackOp, the decoupled look-back, called by BlockScan's first warp: it publishes the tile's
// aggregate in a ScanTileState, examines a warp-wide window of predecessors at a time, and publishes the
// inclusive prefix. A 12-byte summary does not fit one status word, so ScanTileState keeps a status array
// and separate partial / inclusive arrays (value written, then status with a release store). A first launch
// marks every tile invalid; tiles come from an atomic ticket rather than blockIdx, so waiting on a
// predecessor never waits on a CTA that has not started.
// What holds it back against the reference: scalar 4-byte loads through a shared-memory transpose, and a
// 12-byte payload read and written beside each status word.
//
// Global traffic per element: 4 B read (x) + 4 B written (y) = 8 B, plus per tile 4 B initialised, 2 x 16 B
// published and a window of 32 x (4-16) B examined: O(tiles).
// Claimed global traffic: 8 bytes/element
// Model H100 time at n = 10^8 (docs/figures.md floor table, 0.8 GB): 0.239 ms at 3.35 TB/s, 0.276 ms at 2.9 TB/s,
// 0.307 ms at 2.61 TB/s (the last is CUB's own look-back scan measured on an H100).
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

// CUB's tile state for a summary that does not fit one status word. Its WaitForValid leaves the value unset for
// the out-of-range padding tiles left of tile 0 and the look-back then shuffles that register (the segmented
// reduction discards it): harmless on hardware, but a read of an undefined register, which the emulator's
// initcheck rightly reports. Starting the value at the identity costs one move and keeps the check meaningful.
struct TileState : cub::ScanTileState<Seg> {
    template <class DelayT>
    __device__ __forceinline__ void WaitForValid(int tile_idx, StatusWord& status, Seg& value, DelayT delay) {
        value = Seg{0u, 0u, 0u};
        cub::ScanTileState<Seg>::WaitForValid(tile_idx, status, value, delay);
    }
};
using PrefixOp = cub::TilePrefixCallbackOp<Seg, Combine, TileState>;
using Load = cub::BlockLoad<int, THREADS, ITEMS, cub::BLOCK_LOAD_WARP_TRANSPOSE>;
using Store = cub::BlockStore<int, THREADS, ITEMS, cub::BLOCK_STORE_WARP_TRANSPOSE>;
using Scan = cub::BlockScan<Seg, THREADS, cub::BLOCK_SCAN_WARP_SCANS>;

// Tile 0 has no predecessors: its prefix is the identity and its aggregate is already inclusive. (The same
// callback form as the other tiles; the initial-value overload shuffles registers it never wrote.)
struct FirstTilePrefix {
    TileState& state;
    __device__ __forceinline__ Seg operator()(Seg aggregate) {
        if (threadIdx.x == 0) state.SetInclusive(0, aggregate);
        return Seg{0u, 0u, 0u};
    }
};

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
        FirstTilePrefix prefix{state};
        Scan(smem.scan).ExclusiveScan(mine, before, Combine(), prefix);
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
