# Single-pass scan with decoupled look-back (Merrill & Garland 2016) in Triton: x is read once. Each program
# takes the next tile in launch order from an atomic counter (so every tile it waits on has already started),
# summarises its tile with tl.associative_scan over the (p, a0, a1) monoid, publishes that aggregate, walks back
# over its predecessors' published summaries until one carries an inclusive prefix, publishes its own inclusive
# prefix and writes y.
#
# A tile's summary is two 64-bit words written atomically: (status << 33) | (p << 32) | a0 and the same with a1,
# status 1 = aggregate of the tile alone, 2 = inclusive prefix up to and including it. A reader uses the pair
# only when both words carry the same status, so it never mixes an aggregate with an inclusive prefix.
#
# @plan triton lookback_scan num_warps=8 signature=(*i32, *i32, *i64, *i32, i32) constexprs=(TILE=2048)
# @plan scratch state = 16 * ceil_div(n, 2048) bytes zero
# @plan scratch counter = 4 bytes zero
# @plan launch lookback_scan grid=ceil_div(n, 2048) block=256 args=(x, y, state, counter, n)
import triton
import triton.language as tl


@triton.jit
def combine(p1, a0_1, a1_1, p2, a0_2, a1_2):
    # S1 . S2: S2's contribution depends on the parity S1 leaves behind. Associative, not commutative.
    odd = p1 != 0
    return p1 ^ p2, a0_1 + tl.where(odd, a1_2, a0_2), a1_1 + tl.where(odd, a0_2, a1_2)


@triton.jit
def pack(status, p, a):
    return (tl.cast(status, tl.int64) << 33) | (p.to(tl.int64) << 32) | (a.to(tl.int64) & 0xFFFFFFFF)


@triton.jit
def publish(state_ptr, tile, status, p, a0, a1):
    tl.atomic_xchg(state_ptr + 2 * tile, pack(status, p, a0), sem="release")
    tl.atomic_xchg(state_ptr + 2 * tile + 1, pack(status, p, a1), sem="release")


@triton.jit
def lookback_scan(x_ptr, y_ptr, state_ptr, counter_ptr, n, TILE: tl.constexpr):
    tile = tl.atomic_add(counter_ptr, 1)
    offs = tile * TILE + tl.arange(0, TILE)
    m = offs < n
    x = tl.load(x_ptr + offs, mask=m, other=0)
    cp, c0, c1 = tl.associative_scan(((x > 0).to(tl.int32), tl.zeros_like(x), x), 0, combine)
    # The tile's aggregate is the last inclusive value (padding with 0 is the identity).
    last = tl.arange(0, TILE) == TILE - 1
    ap = tl.sum(tl.where(last, cp, 0), 0)
    a0 = tl.sum(tl.where(last, c0, 0), 0)
    a1 = tl.sum(tl.where(last, c1, 0), 0)
    publish(state_ptr, tile, tl.where(tile == 0, 2, 1), ap, a0, a1)
    # Exclusive prefix, accumulated right to left: prefix = summary(j) . prefix.
    pp = tl.zeros((), tl.int32)
    p0 = tl.zeros((), tl.int32)
    p1 = tl.zeros((), tl.int32)
    j = tile - 1
    while j >= 0:
        w0 = tl.atomic_add(state_ptr + 2 * j, 0, sem="acquire")
        w1 = tl.atomic_add(state_ptr + 2 * j + 1, 0, sem="acquire")
        status = (w0 >> 33).to(tl.int32)
        ready = (status != 0) & (status == (w1 >> 33).to(tl.int32))
        jp = tl.where(ready, ((w0 >> 32) & 1).to(tl.int32), 0)
        j0 = tl.where(ready, w0.to(tl.int32), 0)
        j1 = tl.where(ready, w1.to(tl.int32), 0)
        pp, p0, p1 = combine(jp, j0, j1, pp, p0, p1)
        j = tl.where(ready, tl.where(status == 2, -1, j - 1), j)
    if tile > 0:
        ip, i0, i1 = combine(pp, p0, p1, ap, a0, a1)
        publish(state_ptr, tile, 2, ip, i0, i1)
    # State before this tile: parity pp, running sum p0 (the whole scan starts at parity 0, sum 0).
    tl.store(y_ptr + offs, p0 + tl.where(pp != 0, c1, c0), mask=m)
