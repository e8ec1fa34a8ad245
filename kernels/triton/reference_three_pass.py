# The approach of the original task's reference solution, in Triton: three kernels over tiles of TILE
# elements. (1) Each program reduces its tile to the (p, a0, a1) summary of DESIGN.md §1. (2) One program scans
# those summaries, chunk by chunk, into the state (parity, running sum) before every tile. (3) Each program
# rescans its tile from that state and writes y. Reads x twice: about 1.2 GB at n = 1e8.
#
# @plan triton tile_aggregates num_warps=8 signature=(*i32, *i32, i32) constexprs=(TILE=4096)
# @plan triton scan_aggregates num_warps=8 signature=(*i32, *i32, i32) constexprs=(TILE=4096, CHUNK=1024)
# @plan triton final_pass num_warps=8 signature=(*i32, *i32, *i32, i32) constexprs=(TILE=4096)
# @plan scratch agg = 12 * ceil_div(n, 4096) bytes
# @plan scratch prefix = 8 * (ceil_div(n, 4096) + 1) bytes
# @plan launch tile_aggregates grid=ceil_div(n, 4096) block=256 args=(x, agg, n)
# @plan launch scan_aggregates grid=1 block=256 args=(agg, prefix, n)
# @plan launch final_pass grid=ceil_div(n, 4096) block=256 args=(x, y, prefix, n)
import triton
import triton.language as tl


@triton.jit
def combine(p1, a0_1, a1_1, p2, a0_2, a1_2):
    # S1 . S2: S2's contribution depends on the parity S1 leaves behind. Associative, not commutative.
    odd = p1 != 0
    return p1 ^ p2, a0_1 + tl.where(odd, a1_2, a0_2), a1_1 + tl.where(odd, a0_2, a1_2)


@triton.jit
def element_summary(x):
    # One element: it flips the parity when positive, and is added only when the incoming parity is odd.
    return (x > 0).to(tl.int32), tl.zeros_like(x), x


@triton.jit
def tile_summary(summaries, SIZE: tl.constexpr):
    # The summary of a whole block is the last value of its inclusive scan. Not tl.reduce: it promises no
    # combining order, and with this non-commutative combine it gave wrong tile summaries (emulator vs oracle).
    cp, c0, c1 = tl.associative_scan(summaries, 0, combine)
    last = tl.arange(0, SIZE) == SIZE - 1
    return tl.sum(tl.where(last, cp, 0), 0), tl.sum(tl.where(last, c0, 0), 0), tl.sum(tl.where(last, c1, 0), 0)


@triton.jit
def tile_aggregates(x_ptr, agg_ptr, n, TILE: tl.constexpr):
    tile = tl.program_id(0)
    tiles = tl.cdiv(n, TILE)
    offs = tile * TILE + tl.arange(0, TILE)
    x = tl.load(x_ptr + offs, mask=offs < n, other=0)
    # Padding with 0 is the identity: (0 > 0, 0, 0).
    p, a0, a1 = tile_summary(element_summary(x), TILE)
    tl.store(agg_ptr + tile, p)
    tl.store(agg_ptr + tiles + tile, a0)
    tl.store(agg_ptr + 2 * tiles + tile, a1)


@triton.jit
def scan_aggregates(agg_ptr, prefix_ptr, n, TILE: tl.constexpr, CHUNK: tl.constexpr):
    tiles = tl.cdiv(n, TILE)
    # prefix[t] = parity before tile t, prefix[tiles + 1 + t] = running sum before tile t.
    tl.store(prefix_ptr, 0)
    tl.store(prefix_ptr + tiles + 1, 0)
    q = tl.zeros((), tl.int32)
    s = tl.zeros((), tl.int32)
    for start in range(0, tiles, CHUNK):
        offs = start + tl.arange(0, CHUNK)
        m = offs < tiles
        p = tl.load(agg_ptr + offs, mask=m, other=0)
        a0 = tl.load(agg_ptr + tiles + offs, mask=m, other=0)
        a1 = tl.load(agg_ptr + 2 * tiles + offs, mask=m, other=0)
        cp, c0, c1 = tl.associative_scan((p, a0, a1), 0, combine)
        # The state after tile offs is the carried state advanced by the inclusive summary up to it.
        tl.store(prefix_ptr + offs + 1, q ^ cp, mask=m)
        tl.store(prefix_ptr + tiles + 1 + offs + 1, s + tl.where(q != 0, c1, c0), mask=m)
        # Masked-off entries are the identity, so the last inclusive value is the whole chunk's summary.
        last = tl.arange(0, CHUNK) == CHUNK - 1
        tp = tl.sum(tl.where(last, cp, 0), 0)
        t0 = tl.sum(tl.where(last, c0, 0), 0)
        t1 = tl.sum(tl.where(last, c1, 0), 0)
        s = s + tl.where(q != 0, t1, t0)
        q = q ^ tp


@triton.jit
def final_pass(x_ptr, y_ptr, prefix_ptr, n, TILE: tl.constexpr):
    tile = tl.program_id(0)
    tiles = tl.cdiv(n, TILE)
    q = tl.load(prefix_ptr + tile)
    s = tl.load(prefix_ptr + tiles + 1 + tile)
    offs = tile * TILE + tl.arange(0, TILE)
    m = offs < n
    x = tl.load(x_ptr + offs, mask=m, other=0)
    p, a0, a1 = element_summary(x)
    cp, c0, c1 = tl.associative_scan((p, a0, a1), 0, combine)
    tl.store(y_ptr + offs, s + tl.where(q != 0, c1, c0), mask=m)
