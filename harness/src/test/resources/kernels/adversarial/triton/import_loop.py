# Adversarial: never finishes importing.
# @plan triton tile_aggregates num_warps=8 signature=(*i32, *i32, i32) constexprs=(TILE=4096)
# @plan triton scan_aggregates num_warps=8 signature=(*i32, *i32, i32) constexprs=(TILE=4096, CHUNK=1024)
# @plan triton final_pass num_warps=8 signature=(*i32, *i32, *i32, i32) constexprs=(TILE=4096)
# @plan scratch agg = 12 * ceil_div(n, 4096) bytes
# @plan scratch prefix = 8 * (ceil_div(n, 4096) + 1) bytes
# @plan launch tile_aggregates grid=ceil_div(n, 4096) block=256 args=(x, agg, n)
# @plan launch scan_aggregates grid=1 block=256 args=(agg, prefix, n)
# @plan launch final_pass grid=ceil_div(n, 4096) block=256 args=(x, y, prefix, n)
while True:
    pass
