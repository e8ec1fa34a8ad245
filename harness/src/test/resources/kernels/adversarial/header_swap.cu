// Adversarial (the header swap): the whole kernel lives in a header, so the kernel file itself never changes.
// The test puts a correct body in header_swap/body.cuh (a copy of tile_scan.cu), scores it, then swaps in
// header_swap/wrong_body.cuh: the new content must be compiled and hashed, never served from the cache.
//
// @plan scratch tiles = 12 * ceil_div(n, 1024) bytes
// @plan launch tile_reduce grid=ceil_div(n, 1024) block=256 args=(x, n, tiles)
// @plan launch tile_prefix grid=1 block=32 args=(tiles, n)
// @plan launch tile_scan grid=ceil_div(n, 1024) block=256 args=(x, y, n, tiles)
#include "header_swap/body.cuh"
