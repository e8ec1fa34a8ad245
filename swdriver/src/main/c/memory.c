/*
 * Device memory: every allocation lives here, in C, so a host copy made inside a JNI critical region never
 * needs Java. The emulator keeps a mirror of each allocation at the same address; bridge.c brings it up to
 * date before a launch (allocations marked dirty here) and copies back what the launch changed.
 */
#include "driver.h"
#include <stdlib.h>
#include <string.h>

sw_alloc *sw_find_alloc(CUdeviceptr address, size_t bytes) {
    for (sw_alloc *a = sw.allocs; a != NULL; a = a->next) {
        if (address >= a->base && address < a->base + a->size) {
            return bytes <= a->base + a->size - address ? a : NULL;
        }
    }
    return NULL;
}

static void release(sw_alloc *a) {
    sw_bridge_free(a->base);
    sw.allocated -= a->size;
    free(a->mem);
    free(a);
}

void sw_free_all_allocs(void) {
    sw_alloc *a = sw.allocs;
    while (a != NULL) {
        sw_alloc *next = a->next;
        release(a);
        a = next;
    }
    sw.allocs = NULL;
}

CUresult cuMemAlloc_v2(CUdeviceptr *dptr, size_t bytes) {
    if (dptr == NULL) {
        return CUDA_ERROR_INVALID_VALUE;
    }
    sw_lock();
    CUresult r = sw_check_context();
    if (r == CUDA_SUCCESS && bytes == 0) {
        r = CUDA_ERROR_INVALID_VALUE;
    }
    if (r == CUDA_SUCCESS && bytes > SW_TOTAL_MEMORY - sw.allocated) {
        r = CUDA_ERROR_OUT_OF_MEMORY;
    }
    sw_alloc *a = NULL;
    if (r == CUDA_SUCCESS) {
        a = calloc(1, sizeof *a);
        /* Fresh device memory holds garbage on hardware; a fixed pattern keeps runs reproducible. */
        unsigned char *mem = a ? malloc(bytes) : NULL;
        if (mem == NULL) {
            free(a);
            r = CUDA_ERROR_OUT_OF_MEMORY;
        } else {
            memset(mem, 0, bytes);
            a->mem = mem;
            a->size = bytes;
            r = sw_bridge_alloc(bytes, mem, &a->base);
            if (r != CUDA_SUCCESS) {
                free(mem);
                free(a);
            }
        }
    }
    if (r == CUDA_SUCCESS) {
        a->next = sw.allocs;
        sw.allocs = a;
        sw.allocated += bytes;
        *dptr = a->base;
    }
    sw_unlock();
    return r;
}

CUresult cuMemFree_v2(CUdeviceptr dptr) {
    sw_lock();
    CUresult r = sw_check_context();
    if (r == CUDA_SUCCESS) {
        /* Kernels still queued may use it: the free waits for them, as the real one synchronises. */
        r = sw_drain(1);
    }
    if (r == CUDA_SUCCESS) {
        sw_alloc **p = &sw.allocs;
        while (*p != NULL && (*p)->base != dptr) {
            p = &(*p)->next;
        }
        if (*p == NULL) {
            r = CUDA_ERROR_INVALID_VALUE;
        } else {
            sw_alloc *a = *p;
            *p = a->next;
            release(a);
        }
    }
    sw_unlock();
    return r;
}

CUresult cuMemGetInfo_v2(size_t *free_bytes, size_t *total) {
    if (free_bytes == NULL || total == NULL) {
        return CUDA_ERROR_INVALID_VALUE;
    }
    sw_lock();
    CUresult r = sw_check_context();
    if (r == CUDA_SUCCESS) {
        *total = SW_TOTAL_MEMORY;
        *free_bytes = SW_TOTAL_MEMORY - sw.allocated;
    }
    sw_unlock();
    return r;
}

CUresult cuMemGetAddressRange_v2(CUdeviceptr *base, size_t *size, CUdeviceptr dptr) {
    sw_lock();
    CUresult r = sw_check_context();
    sw_alloc *a = r == CUDA_SUCCESS ? sw_find_alloc(dptr, 1) : NULL;
    if (r == CUDA_SUCCESS && a == NULL) {
        r = CUDA_ERROR_NOT_FOUND;
    }
    if (r == CUDA_SUCCESS) {
        if (base != NULL) {
            *base = a->base;
        }
        if (size != NULL) {
            *size = a->size;
        }
    }
    sw_unlock();
    return r;
}

/* ---- memset: queued, run in C by the drain ---- */
static CUresult memset_async(CUdeviceptr dst, unsigned value, int element, size_t count, CUstream stream,
                             int synchronous) {
    sw_lock();
    CUresult r = sw_check_context();
    if (r == CUDA_SUCCESS) {
        r = sw_validate_stream(stream);
    }
    if (r == CUDA_SUCCESS && (dst % (unsigned) element) != 0) {
        r = CUDA_ERROR_INVALID_VALUE;
    }
    if (r == CUDA_SUCCESS && count > 0 && sw_find_alloc(dst, count * (size_t) element) == NULL) {
        r = CUDA_ERROR_INVALID_VALUE;
    }
    if (r == CUDA_SUCCESS && count > 0) {
        sw_op *op = calloc(1, sizeof *op);
        if (op == NULL) {
            r = CUDA_ERROR_OUT_OF_MEMORY;
        } else {
            op->kind = OP_MEMSET;
            op->u.memset.dst = dst;
            op->u.memset.value = value;
            op->u.memset.element = element;
            op->u.memset.count = count;
            sw_enqueue(op);
        }
    }
    if (r == CUDA_SUCCESS && synchronous) {
        r = sw_drain(1);
    }
    sw_unlock();
    return r;
}

CUresult cuMemsetD8Async(CUdeviceptr dst, unsigned char value, size_t count, CUstream stream) {
    return memset_async(dst, value, 1, count, stream, 0);
}

CUresult cuMemsetD16Async(CUdeviceptr dst, unsigned short value, size_t count, CUstream stream) {
    return memset_async(dst, value, 2, count, stream, 0);
}

CUresult cuMemsetD32Async(CUdeviceptr dst, unsigned int value, size_t count, CUstream stream) {
    return memset_async(dst, value, 4, count, stream, 0);
}

CUresult cuMemsetD8_v2(CUdeviceptr dst, unsigned char value, size_t count) {
    return memset_async(dst, value, 1, count, NULL, 1);
}

CUresult cuMemsetD16_v2(CUdeviceptr dst, unsigned short value, size_t count) {
    return memset_async(dst, value, 2, count, NULL, 1);
}

CUresult cuMemsetD32_v2(CUdeviceptr dst, unsigned int value, size_t count) {
    return memset_async(dst, value, 4, count, NULL, 1);
}

/* ---- copies ---- */

/*
 * Host to device. The source may be a Java array pinned by a critical region, so it is copied at once:
 * straight into device memory when nothing is queued, else into a staging buffer queued behind the work.
 */
static CUresult copy_htod(CUdeviceptr dst, const void *src, size_t bytes, CUstream stream) {
    sw_lock();
    CUresult r = sw_check_context();
    if (r == CUDA_SUCCESS) {
        r = sw_validate_stream(stream);
    }
    sw_alloc *a = r == CUDA_SUCCESS ? sw_find_alloc(dst, bytes) : NULL;
    if (r == CUDA_SUCCESS && (a == NULL || (src == NULL && bytes > 0))) {
        r = CUDA_ERROR_INVALID_VALUE;
    }
    if (r == CUDA_SUCCESS && bytes > 0) {
        r = sw_drain(0);
        if (r == CUDA_ERROR_NOT_SUPPORTED) {
            sw_op *op = calloc(1, sizeof *op);
            unsigned char *staged = op ? malloc(bytes) : NULL;
            if (staged == NULL) {
                free(op);
                r = CUDA_ERROR_OUT_OF_MEMORY;
            } else {
                memcpy(staged, src, bytes);
                op->kind = OP_COPY_HTOD;
                op->u.copy.dst = dst;
                op->u.copy.staged = staged;
                op->u.copy.bytes = bytes;
                sw_enqueue(op);
                r = CUDA_SUCCESS;
            }
        } else if (r == CUDA_SUCCESS) {
            memcpy(a->mem + (dst - a->base), src, bytes);
            a->dirty = 1;
            sw.clock_ns += sw_model_host_copy_ns(bytes);
        }
    }
    sw_unlock();
    return r;
}

/*
 * Device to host. The destination may be a pinned Java array, so the copy must finish inside this call with
 * no Java: queued copies and memsets run here, but a queued launch cannot, and the call says so.
 */
static CUresult copy_dtoh(void *dst, CUdeviceptr src, size_t bytes, CUstream stream) {
    sw_lock();
    CUresult r = sw_check_context();
    if (r == CUDA_SUCCESS) {
        r = sw_validate_stream(stream);
    }
    sw_alloc *a = r == CUDA_SUCCESS ? sw_find_alloc(src, bytes) : NULL;
    if (r == CUDA_SUCCESS && (a == NULL || (dst == NULL && bytes > 0))) {
        r = CUDA_ERROR_INVALID_VALUE;
    }
    if (r == CUDA_SUCCESS) {
        r = sw_drain(0);
        if (r == CUDA_ERROR_NOT_SUPPORTED) {
            sw_bridge_note("a copy to the host was made with kernels still queued: the software CUDA driver runs"
                           " kernels only in calls that hold no JNI critical region (synchronise the stream or"
                           " context first, as the workbench does)");
        }
    }
    if (r == CUDA_SUCCESS && bytes > 0) {
        memcpy(dst, a->mem + (src - a->base), bytes);
        sw.clock_ns += sw_model_host_copy_ns(bytes);
    }
    sw_unlock();
    return r;
}

CUresult cuMemcpyHtoD_v2(CUdeviceptr dst, const void *src, size_t bytes) {
    return copy_htod(dst, src, bytes, NULL);
}

CUresult cuMemcpyHtoDAsync_v2(CUdeviceptr dst, const void *src, size_t bytes, CUstream stream) {
    return copy_htod(dst, src, bytes, stream);
}

CUresult cuMemcpyDtoH_v2(void *dst, CUdeviceptr src, size_t bytes) {
    return copy_dtoh(dst, src, bytes, NULL);
}

CUresult cuMemcpyDtoHAsync_v2(void *dst, CUdeviceptr src, size_t bytes, CUstream stream) {
    return copy_dtoh(dst, src, bytes, stream);
}

static CUresult copy_dtod(CUdeviceptr dst, CUdeviceptr src, size_t bytes, CUstream stream, int synchronous) {
    sw_lock();
    CUresult r = sw_check_context();
    if (r == CUDA_SUCCESS) {
        r = sw_validate_stream(stream);
    }
    if (r == CUDA_SUCCESS && bytes > 0 && (sw_find_alloc(dst, bytes) == NULL || sw_find_alloc(src, bytes) == NULL)) {
        r = CUDA_ERROR_INVALID_VALUE;
    }
    if (r == CUDA_SUCCESS && bytes > 0) {
        sw_op *op = calloc(1, sizeof *op);
        if (op == NULL) {
            r = CUDA_ERROR_OUT_OF_MEMORY;
        } else {
            op->kind = OP_COPY_DTOD;
            op->u.copy.dst = dst;
            op->u.copy.src = src;
            op->u.copy.bytes = bytes;
            sw_enqueue(op);
        }
    }
    if (r == CUDA_SUCCESS && synchronous) {
        r = sw_drain(1);
    }
    sw_unlock();
    return r;
}

CUresult cuMemcpyDtoD_v2(CUdeviceptr dst, CUdeviceptr src, size_t bytes) {
    return copy_dtod(dst, src, bytes, NULL, 1);
}

CUresult cuMemcpyDtoDAsync_v2(CUdeviceptr dst, CUdeviceptr src, size_t bytes, CUstream stream) {
    return copy_dtod(dst, src, bytes, stream, 0);
}
