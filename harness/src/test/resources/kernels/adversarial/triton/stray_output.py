# Adversarial: at import, writes bytes that are not UTF-8 on the compile's stdout. Then hands over a correct scan.
# @plan triton tile_aggregates num_warps=8 signature=(*i32, *i32, i32) constexprs=(TILE=4096)
# @plan triton scan_aggregates num_warps=8 signature=(*i32, *i32, i32) constexprs=(TILE=4096, CHUNK=1024)
# @plan triton final_pass num_warps=8 signature=(*i32, *i32, *i32, i32) constexprs=(TILE=4096)
# @plan scratch agg = 12 * ceil_div(n, 4096) bytes
# @plan scratch prefix = 8 * (ceil_div(n, 4096) + 1) bytes
# @plan launch tile_aggregates grid=ceil_div(n, 4096) block=256 args=(x, agg, n)
# @plan launch scan_aggregates grid=1 block=256 args=(agg, prefix, n)
# @plan launch final_pass grid=ceil_div(n, 4096) block=256 args=(x, y, prefix, n)
import sys

sys.stdout.buffer.write(b"stray \xff\xfe\x80 bytes\n")
sys.stdout.flush()

from three_pass import *  # noqa: E402,F401,F403
