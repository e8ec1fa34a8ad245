import triton
import triton.language as tl


@triton.jit
def uses_unknown(x_ptr, y_ptr, n, BLOCK: tl.constexpr):
    offs = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)
    v = tl.load(x_ptr + offs)
    w = tl.no_such_function(v)
    tl.store(y_ptr + offs, w)
