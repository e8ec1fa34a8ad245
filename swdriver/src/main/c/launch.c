/*
 * Kernel launches: checked against sm_90's limits with the error codes the real driver returns, their
 * parameters copied (JCuda passes them inside a JNI critical region), then queued. Occupancy follows the
 * sm_90 rules (warps, registers in 256-per-warp units, shared memory in 128-byte units plus the 1 KiB each
 * block reserves, 32 blocks) and sets how many CTAs the emulator keeps resident: 132 SMs times that.
 */
#include "driver.h"
#include <stdlib.h>
#include <string.h>

int sw_occupancy(const struct sw_function *f, int block_threads, size_t dynamic_shared) {
    if (block_threads <= 0 || block_threads > sw_max_threads(f)) {
        return 0;
    }
    int warps = (block_threads + 31) / 32;
    int blocks = SW_MAX_THREADS_PER_SM / 32 / warps;
    if (blocks > SW_MAX_BLOCKS_PER_SM) {
        blocks = SW_MAX_BLOCKS_PER_SM;
    }
    if (f->registers > 0) {
        int per_warp = (f->registers * 32 + SW_REGISTER_UNIT_PER_WARP - 1) / SW_REGISTER_UNIT_PER_WARP
                * SW_REGISTER_UNIT_PER_WARP;
        int by_registers = SW_REGISTERS_PER_SM / per_warp / warps;
        if (by_registers < blocks) {
            blocks = by_registers;
        }
    }
    size_t shared = (size_t) f->static_shared + dynamic_shared + SW_RESERVED_SHARED_PER_BLOCK;
    shared = (shared + SW_SHARED_ALLOCATION_UNIT - 1) / SW_SHARED_ALLOCATION_UNIT * SW_SHARED_ALLOCATION_UNIT;
    int by_shared = (int) (SW_SHARED_PER_SM / shared);
    return by_shared < blocks ? by_shared : blocks;
}

static CUresult launch(CUfunction f, const unsigned grid[3], const unsigned block[3], unsigned shared,
                       CUstream stream, void **params, void **extra, int cooperative) {
    sw_lock();
    CUresult r = sw_check_context();
    if (r == CUDA_SUCCESS) {
        r = sw_validate_function(f);
    }
    if (r == CUDA_SUCCESS) {
        r = sw_validate_stream(stream);
    }
    unsigned long long threads = (unsigned long long) block[0] * block[1] * block[2];
    if (r == CUDA_SUCCESS) {
        if (grid[0] == 0 || grid[1] == 0 || grid[2] == 0 || grid[0] > SW_MAX_GRID_X || grid[1] > SW_MAX_GRID_YZ
                || grid[2] > SW_MAX_GRID_YZ) {
            r = CUDA_ERROR_INVALID_VALUE;
        } else if (block[0] == 0 || block[1] == 0 || block[2] == 0 || block[0] > 1024 || block[1] > 1024
                || block[2] > 64 || threads > SW_MAX_THREADS_PER_BLOCK) {
            r = CUDA_ERROR_INVALID_VALUE;
        } else if (threads > (unsigned long long) sw_max_threads(f)) {
            r = CUDA_ERROR_LAUNCH_OUT_OF_RESOURCES;
        } else if (shared > (unsigned) f->max_dynamic_shared) {
            /* Above 48 KiB minus the static shared memory a kernel must opt in first. */
            r = CUDA_ERROR_INVALID_VALUE;
        } else if (extra != NULL) {
            sw_bridge_note("cuLaunchKernel with 'extra' (a packed parameter buffer) is not implemented by the"
                           " software CUDA driver; pass kernelParams");
            r = CUDA_ERROR_NOT_SUPPORTED;
        } else if (params == NULL && f->param_count > 0) {
            r = CUDA_ERROR_INVALID_VALUE;
        } else if (f->param_bytes > SW_MAX_PARAM_BYTES) {
            r = CUDA_ERROR_INVALID_VALUE;
        }
    }
    int per_sm = r == CUDA_SUCCESS ? sw_occupancy(f, (int) threads, shared) : 0;
    if (r == CUDA_SUCCESS && per_sm == 0) {
        r = CUDA_ERROR_LAUNCH_OUT_OF_RESOURCES;
    }
    unsigned long long ctas = (unsigned long long) grid[0] * grid[1] * grid[2];
    if (r == CUDA_SUCCESS && cooperative && ctas > (unsigned long long) per_sm * SW_SM_COUNT) {
        r = CUDA_ERROR_COOPERATIVE_LAUNCH_TOO_LARGE;
    }
    if (r == CUDA_SUCCESS) {
        sw_op *op = calloc(1, sizeof *op);
        unsigned char *bytes = op ? malloc(f->param_bytes > 0 ? (size_t) f->param_bytes : 1) : NULL;
        if (bytes == NULL) {
            free(op);
            r = CUDA_ERROR_OUT_OF_MEMORY;
        } else {
            size_t at = 0;
            for (int i = 0; i < f->param_count; i++) {
                if (params[i] == NULL) {
                    r = CUDA_ERROR_INVALID_VALUE;
                    break;
                }
                /* Each value in the order of the entry's parameters; the emulator lays them out by the PTX. */
                memcpy(bytes + at, params[i], (size_t) f->param_sizes[i]);
                at += (size_t) f->param_sizes[i];
            }
            if (r != CUDA_SUCCESS) {
                free(bytes);
                free(op);
            } else {
                op->kind = OP_LAUNCH;
                op->u.launch.function = f;
                memcpy(op->u.launch.grid, grid, sizeof op->u.launch.grid);
                memcpy(op->u.launch.block, block, sizeof op->u.launch.block);
                op->u.launch.shared = shared;
                op->u.launch.params = bytes;
                op->u.launch.resident_ctas = per_sm * SW_SM_COUNT;
                op->u.launch.cooperative = cooperative;
                sw_enqueue(op);
            }
        }
    }
    sw_unlock();
    return r;
}

CUresult cuLaunchKernel(CUfunction f, unsigned gx, unsigned gy, unsigned gz, unsigned bx, unsigned by, unsigned bz,
                        unsigned shared, CUstream stream, void **params, void **extra) {
    unsigned grid[3] = {gx, gy, gz};
    unsigned block[3] = {bx, by, bz};
    return launch(f, grid, block, shared, stream, params, extra, 0);
}

CUresult cuLaunchCooperativeKernel(CUfunction f, unsigned gx, unsigned gy, unsigned gz, unsigned bx, unsigned by,
                                   unsigned bz, unsigned shared, CUstream stream, void **params) {
    unsigned grid[3] = {gx, gy, gz};
    unsigned block[3] = {bx, by, bz};
    return launch(f, grid, block, shared, stream, params, NULL, 1);
}

CUresult cuOccupancyMaxActiveBlocksPerMultiprocessorWithFlags(int *blocks, CUfunction f, int block_size,
                                                              size_t dynamic_shared, unsigned int flags) {
    if (blocks == NULL || flags > 1) {
        return CUDA_ERROR_INVALID_VALUE;
    }
    sw_lock();
    CUresult r = sw_check_context();
    if (r == CUDA_SUCCESS) {
        r = sw_validate_function(f);
    }
    if (r == CUDA_SUCCESS) {
        *blocks = sw_occupancy(f, block_size, dynamic_shared);
    }
    sw_unlock();
    return r;
}

CUresult cuOccupancyMaxActiveBlocksPerMultiprocessor(int *blocks, CUfunction f, int block_size,
                                                     size_t dynamic_shared) {
    return cuOccupancyMaxActiveBlocksPerMultiprocessorWithFlags(blocks, f, block_size, dynamic_shared, 0);
}

CUresult cuOccupancyAvailableDynamicSMemPerBlock(size_t *dynamic_shared, CUfunction f, int blocks, int block_size) {
    if (dynamic_shared == NULL || blocks <= 0) {
        return CUDA_ERROR_INVALID_VALUE;
    }
    sw_lock();
    CUresult r = sw_check_context();
    if (r == CUDA_SUCCESS) {
        r = sw_validate_function(f);
    }
    if (r == CUDA_SUCCESS) {
        long long per_block = SW_SHARED_PER_SM / blocks / SW_SHARED_ALLOCATION_UNIT * SW_SHARED_ALLOCATION_UNIT
                - SW_RESERVED_SHARED_PER_BLOCK - f->static_shared;
        if (per_block > SW_OPTIN_SHARED_PER_BLOCK - f->static_shared) {
            per_block = SW_OPTIN_SHARED_PER_BLOCK - f->static_shared;
        }
        *dynamic_shared = per_block > 0 && sw_occupancy(f, block_size, 0) >= blocks ? (size_t) per_block : 0;
    }
    sw_unlock();
    return r;
}
