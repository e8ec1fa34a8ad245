// Example 6 of the ladder: CUB's own DeviceScan kernels, unmodified, launched by the plan.
//
// Idea: no hand-written kernel at all. cub::DeviceScan::InclusiveScan is instantiated for the task's monoid by
// the host function below (it is compiled, never run: the workbench owns allocation and launching), and the
// plan launches the two kernels CUB's dispatch would: DeviceScanInitKernel marks every tile invalid, then
// DeviceScanKernel scans 640-element tiles (sm_90 policy: 128 threads x 5 items) with CUB's decoupled look-back.
// The input is a transform iterator (x[i] -> its one-element summary) and the output a transform output
// iterator (summary -> a0), so CUB scans Seg values while reading and writing int32.
//
// The plan passes CUB's by-value parameters as brace lists (docs/launch-plan.md, "Struct arguments"), laid out
// as the PTX .param arrays say:
//   d_in        thrust::transform_iterator<ToSeg, const int*, Seg>   16 bytes: {x, 0:u8} (pointer, empty functor)
//   d_out       thrust::transform_output_iterator<FromSeg, int*>     16 bytes: {y, 0:u8}
//   tile_state  cub::ScanTileState<Seg, false>                       24 bytes: {status, partial, inclusive}
//   start_tile  int 0; scan_op Combine {} (1 byte); init_value NullType {} (1 byte); num_items unsigned n.
// Entries are named by their demangled names (an unambiguous prefix is enough).
//
// Temporary storage: CUB's tile state is three arrays of num_tiles + 32 entries (32 = TILE_STATUS_PADDING, the
// out-of-bounds tiles left of tile 0 that the look-back window may read): 4-byte status words and two arrays of
// 12-byte Seg payloads. The plan gives each its own scratch buffer, with 32 more tiles of margin:
//   bytes = size * (ceil_div(n, 640) + 64),  size = 4 (status) or 12 (partial, inclusive).
// The tile size 640 is tied to CUB's tuning policy by a static_assert below (a CUB update that changes it fails
// the compile, not the run). An access past a scratch buffer is a memcheck error naming the buffer on the
// emulator (every verify runs with memcheck).
//
// Tiles are taken by blockIdx (start_tile + blockIdx.x), not by a ticket as in example 3: a tile waits on
// predecessors that must already be running or done, which holds on hardware (blocks start in index order) and on
// the emulator's in-order dispatch; under reversed or random dispatch it needs the whole grid resident (verify's
// batteries give it that).
// Requires: forward progress in blockIdx order
//
// Global traffic per element: 4 B read (x) + 4 B written (y) = 8 B, plus per 640-element tile 4 B initialised,
// 2 x (4 + 12) B published and a window of 32 x (4-16) B examined per look-back round: O(tiles), up to 0.8
// B/element per round at 640-element tiles. How many rounds a tile needs depends on how far its predecessors
// have got: the emulator counts 8.92 B/element at n = 2^20 + 7 with one CTA per SM resident in blockIdx order
// (the tests' traffic check), and about 10.04 under score's occupancy-wide residency, which polls more.
// Claimed global traffic: 8.9 bytes/element
// Model H100 time at n = 10^8 (docs/figures.md floor table, 0.89 GB): 0.266 ms at 3.35 TB/s, 0.307 ms at 2.9 TB/s,
// 0.341 ms at 2.61 TB/s.
//
// @plan scratch status = 4 * (ceil_div(n, 640) + 64) bytes
// @plan scratch partial = 12 * (ceil_div(n, 640) + 64) bytes
// @plan scratch inclusive = 12 * (ceil_div(n, 640) + 64) bytes
// @plan launch DeviceScanInitKernel grid=ceil_div(ceil_div(n, 640), 128) block=128 args=({status, partial, inclusive}, ceil_div(n, 640))
// @plan launch DeviceScanKernel grid=ceil_div(n, 640) block=128 args=({x, 0:u8}, {y, 0:u8}, {status, partial, inclusive}, 0, {}, {}, n)

#include <cub/device/device_scan.cuh>
#include <thrust/iterator/transform_iterator.h>
#include <thrust/iterator/transform_output_iterator.h>

struct Seg {
    unsigned p, a0, a1;  // parity of positives; conditional sums given incoming parity 0 / 1 (mod 2^32)
};

// l then r: the segment r runs with the parity l leaves behind. Associative, not commutative.
struct Combine {
    __host__ __device__ __forceinline__ Seg operator()(const Seg& l, const Seg& r) const {
        return Seg{l.p ^ r.p, l.a0 + (l.p ? r.a1 : r.a0), l.a1 + (l.p ? r.a0 : r.a1)};
    }
};

// One element x: (x > 0, 0, x).
struct ToSeg {
    __host__ __device__ __forceinline__ Seg operator()(int v) const { return Seg{v > 0 ? 1u : 0u, 0u, (unsigned) v}; }
};

// y[i] is the inclusive prefix's sum given incoming parity 0.
struct FromSeg {
    __host__ __device__ __forceinline__ int operator()(const Seg& s) const { return (int) s.a0; }
};

using In = thrust::transform_iterator<ToSeg, const int*, Seg>;
using Out = thrust::transform_output_iterator<FromSeg, int*>;

// The plan's tile size is CUB's: 128 threads x 5 items for a 12-byte accumulator on sm_90.
using Policy = cub::detail::scan::policy_hub<Seg, int, Seg, unsigned int, Combine>::Policy900::ScanPolicyT;
static_assert(Policy::BLOCK_THREADS == 128 && Policy::ITEMS_PER_THREAD == 5,
              "CUB's scan tile is no longer 640 elements: update the plan's 640 and block=128");
static_assert(sizeof(In) == 16 && sizeof(Out) == 16 && sizeof(cub::ScanTileState<Seg>) == 24,
              "the plan's brace lists no longer match CUB's parameter layout");

// Never called: it makes nvcc instantiate CUB's kernels for these types, exactly as a host call site would.
void instantiate_device_scan(const int* x, int* y, int n, void* temp, size_t& bytes) {
    cub::DeviceScan::InclusiveScan(temp, bytes, In(x, ToSeg()), Out(y, FromSeg()), Combine(), n);
}
