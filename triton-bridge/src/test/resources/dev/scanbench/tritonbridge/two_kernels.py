# Two small kernels for the bridge tests: a block copy and a block inclusive sum.
import triton
import triton.language as tl

# @plan triton copy_block num_warps=2 signature=(*i32, *i32, i32) constexprs=(BLOCK=256)
# @plan triton block_sums num_warps=8 signature=(*i32, *i32, i32) constexprs=(BLOCK=1024)


@triton.jit
def copy_block(x_ptr, y_ptr, n, BLOCK: tl.constexpr):
    offs = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)
    mask = offs < n
    tl.store(y_ptr + offs, tl.load(x_ptr + offs, mask=mask), mask=mask)


@triton.jit
def block_sums(x_ptr, y_ptr, n, BLOCK: tl.constexpr):
    offs = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)
    mask = offs < n
    v = tl.load(x_ptr + offs, mask=mask, other=0)
    tl.store(y_ptr + offs, tl.cumsum(v, 0), mask=mask)


def not_a_kernel():
    return 0
