/*
 * Streams, events and the work queue. All streams feed one queue in submission order: a legal schedule for
 * CUDA's stream semantics (every stream's order and every event dependency holds), run by the synchronising
 * calls. Stream and event structures are never freed, only marked dead, so a stale handle is reported as
 * invalid rather than read from freed memory.
 */
#include "driver.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define STREAM_LEGACY ((CUstream) 0x1)
#define STREAM_PER_THREAD ((CUstream) 0x2)

CUresult sw_validate_stream(CUstream s) {
    if (s == NULL || s == STREAM_LEGACY || s == STREAM_PER_THREAD) {
        return CUDA_SUCCESS;
    }
    if (s->magic != SW_MAGIC_STREAM || !s->live || s->generation != sw.context.generation) {
        return CUDA_ERROR_INVALID_HANDLE;
    }
    return CUDA_SUCCESS;
}

static CUresult validate_event(CUevent e) {
    if (e == NULL || e->magic != SW_MAGIC_EVENT || !e->live || e->generation != sw.context.generation) {
        return CUDA_ERROR_INVALID_HANDLE;
    }
    return CUDA_SUCCESS;
}

void sw_enqueue(sw_op *op) {
    op->next = NULL;
    if (sw.queue_tail == NULL) {
        sw.queue_head = op;
    } else {
        sw.queue_tail->next = op;
    }
    sw.queue_tail = op;
    if (op->kind == OP_LAUNCH) {
        sw.queued_launches++;
    }
}

static sw_op *dequeue(void) {
    sw_op *op = sw.queue_head;
    sw.queue_head = op->next;
    if (sw.queue_head == NULL) {
        sw.queue_tail = NULL;
    }
    if (op->kind == OP_LAUNCH) {
        sw.queued_launches--;
    }
    return op;
}

static void free_op(sw_op *op) {
    if (op->kind == OP_LAUNCH) {
        free(op->u.launch.params);
    } else if (op->kind == OP_COPY_HTOD) {
        free(op->u.copy.staged);
    }
    free(op);
}

void sw_discard_queue(void) {
    while (sw.queue_head != NULL) {
        free_op(dequeue());
    }
}

static void fill(unsigned char *p, unsigned value, int element, size_t count) {
    if (element == 1) {
        memset(p, (int) (value & 0xFF), count);
        return;
    }
    for (size_t i = 0; i < count; i++) {
        /* Device memory is little-endian, as the host is. */
        memcpy(p + i * (size_t) element, &value, (size_t) element);
    }
}

/* A kernel that never finishes: on an H100 (no watchdog) the synchronising call never returns either. */
static void hang(const sw_op *op) {
    fprintf(stderr, "software CUDA driver: kernel %s does not finish (the emulator found no warp able to make"
            " progress); like a GPU, this call now waits forever\n", op->u.launch.function->name);
    fflush(stderr);
    for (;;) {
        pause();
    }
}

static CUresult execute(sw_op *op) {
    switch (op->kind) {
    case OP_MEMSET: {
        sw_alloc *a = sw_find_alloc(op->u.memset.dst, op->u.memset.count * (size_t) op->u.memset.element);
        if (a == NULL) {
            return CUDA_ERROR_ILLEGAL_ADDRESS; /* freed while queued */
        }
        fill(a->mem + (op->u.memset.dst - a->base), op->u.memset.value, op->u.memset.element, op->u.memset.count);
        a->dirty = 1;
        sw.clock_ns += sw_model_memset_ns(op->u.memset.count * (size_t) op->u.memset.element);
        return CUDA_SUCCESS;
    }
    case OP_COPY_HTOD: {
        sw_alloc *a = sw_find_alloc(op->u.copy.dst, op->u.copy.bytes);
        if (a == NULL) {
            return CUDA_ERROR_ILLEGAL_ADDRESS;
        }
        memcpy(a->mem + (op->u.copy.dst - a->base), op->u.copy.staged, op->u.copy.bytes);
        a->dirty = 1;
        sw.clock_ns += sw_model_host_copy_ns(op->u.copy.bytes);
        return CUDA_SUCCESS;
    }
    case OP_COPY_DTOD: {
        sw_alloc *d = sw_find_alloc(op->u.copy.dst, op->u.copy.bytes);
        sw_alloc *s = sw_find_alloc(op->u.copy.src, op->u.copy.bytes);
        if (d == NULL || s == NULL) {
            return CUDA_ERROR_ILLEGAL_ADDRESS;
        }
        memmove(d->mem + (op->u.copy.dst - d->base), s->mem + (op->u.copy.src - s->base), op->u.copy.bytes);
        d->dirty = 1;
        sw.clock_ns += sw_model_device_copy_ns(op->u.copy.bytes);
        return CUDA_SUCCESS;
    }
    case OP_EVENT:
        if (op->u.event->live) {
            op->u.event->time_ns = sw.clock_ns;
            op->u.event->state = EVENT_DONE;
        }
        return CUDA_SUCCESS;
    case OP_LAUNCH: {
        long long read = 0;
        long long written = 0;
        int r = sw_bridge_launch(op, &read, &written);
        if (r < 0) {
            hang(op);
        }
        if (r == CUDA_SUCCESS) {
            sw.clock_ns += sw_model_launch_ns(read, written);
        }
        return r;
    }
    default:
        return CUDA_ERROR_UNKNOWN;
    }
}

/* Errors of a running kernel poison the context for good, as on hardware. */
static int sticky(CUresult r) {
    return r != CUDA_ERROR_NOT_SUPPORTED && r != CUDA_ERROR_OUT_OF_MEMORY && r != CUDA_ERROR_UNKNOWN;
}

CUresult sw_drain(int allow_java) {
    while (sw.queue_head != NULL) {
        if (sw.queue_head->kind == OP_LAUNCH && !allow_java) {
            return CUDA_ERROR_NOT_SUPPORTED;
        }
        sw_op *op = dequeue();
        CUresult r = execute(op);
        free_op(op);
        if (r != CUDA_SUCCESS) {
            if (sticky(r)) {
                sw.sticky = r;
            }
            /* Work queued behind a failed kernel never runs. */
            sw_discard_queue();
            return r;
        }
    }
    return CUDA_SUCCESS;
}

/* ---- streams ---- */

static CUresult create_stream(CUstream *stream, unsigned flags) {
    if (stream == NULL || flags > 1) {
        return CUDA_ERROR_INVALID_VALUE;
    }
    sw_lock();
    CUresult r = sw_check_context();
    if (r == CUDA_SUCCESS) {
        struct sw_stream *s = calloc(1, sizeof *s);
        if (s == NULL) {
            r = CUDA_ERROR_OUT_OF_MEMORY;
        } else {
            s->magic = SW_MAGIC_STREAM;
            s->live = 1;
            s->generation = sw.context.generation;
            s->flags = flags;
            *stream = s;
        }
    }
    sw_unlock();
    return r;
}

CUresult cuStreamCreate(CUstream *stream, unsigned int flags) {
    return create_stream(stream, flags);
}

CUresult cuStreamCreateWithPriority(CUstream *stream, unsigned int flags, int priority) {
    (void) priority;
    return create_stream(stream, flags);
}

CUresult cuStreamDestroy_v2(CUstream stream) {
    sw_lock();
    CUresult r = sw_check_context();
    if (r == CUDA_SUCCESS) {
        r = stream == NULL || stream == STREAM_LEGACY || stream == STREAM_PER_THREAD ? CUDA_ERROR_INVALID_HANDLE
                : sw_validate_stream(stream);
    }
    if (r == CUDA_SUCCESS) {
        r = sw_drain(1);
        stream->live = 0;
    }
    sw_unlock();
    return r;
}

static CUresult synchronize_stream(CUstream stream) {
    sw_lock();
    CUresult r = sw_check_context();
    if (r == CUDA_SUCCESS) {
        r = sw_validate_stream(stream);
    }
    if (r == CUDA_SUCCESS) {
        r = sw_drain(1);
    }
    sw_unlock();
    return r;
}

CUresult cuStreamSynchronize(CUstream stream) {
    return synchronize_stream(stream);
}

/* The emulator finishes whatever it is asked to run, so a query that runs the queue always finds it done. */
CUresult cuStreamQuery(CUstream stream) {
    return synchronize_stream(stream);
}

CUresult cuStreamWaitEvent(CUstream stream, CUevent event, unsigned int flags) {
    sw_lock();
    CUresult r = sw_check_context();
    if (r == CUDA_SUCCESS) {
        r = sw_validate_stream(stream);
    }
    if (r == CUDA_SUCCESS) {
        r = flags != 0 ? CUDA_ERROR_INVALID_VALUE : validate_event(event);
    }
    /* One queue for every stream: the event's work is already ahead of anything enqueued after this. */
    sw_unlock();
    return r;
}

CUresult cuStreamGetFlags(CUstream stream, unsigned int *flags) {
    sw_lock();
    CUresult r = sw_check_context();
    if (r == CUDA_SUCCESS) {
        r = flags == NULL ? CUDA_ERROR_INVALID_VALUE : sw_validate_stream(stream);
    }
    if (r == CUDA_SUCCESS) {
        *flags = (stream == NULL || stream == STREAM_LEGACY || stream == STREAM_PER_THREAD) ? 0 : stream->flags;
    }
    sw_unlock();
    return r;
}

CUresult cuStreamGetPriority(CUstream stream, int *priority) {
    sw_lock();
    CUresult r = sw_check_context();
    if (r == CUDA_SUCCESS) {
        r = priority == NULL ? CUDA_ERROR_INVALID_VALUE : sw_validate_stream(stream);
    }
    if (r == CUDA_SUCCESS) {
        *priority = 0;
    }
    sw_unlock();
    return r;
}

/* ---- events ---- */

CUresult cuEventCreate(CUevent *event, unsigned int flags) {
    if (event == NULL || (flags & ~(unsigned) (CU_EVENT_BLOCKING_SYNC | CU_EVENT_DISABLE_TIMING | CU_EVENT_INTERPROCESS))) {
        return CUDA_ERROR_INVALID_VALUE;
    }
    if ((flags & CU_EVENT_INTERPROCESS) && !(flags & CU_EVENT_DISABLE_TIMING)) {
        return CUDA_ERROR_INVALID_VALUE;
    }
    sw_lock();
    CUresult r = sw_check_context();
    if (r == CUDA_SUCCESS) {
        struct sw_event *e = calloc(1, sizeof *e);
        if (e == NULL) {
            r = CUDA_ERROR_OUT_OF_MEMORY;
        } else {
            e->magic = SW_MAGIC_EVENT;
            e->live = 1;
            e->generation = sw.context.generation;
            e->flags = flags;
            e->state = EVENT_NEVER_RECORDED;
            *event = e;
        }
    }
    sw_unlock();
    return r;
}

CUresult cuEventDestroy_v2(CUevent event) {
    sw_lock();
    CUresult r = sw_check_context();
    if (r == CUDA_SUCCESS) {
        r = validate_event(event);
    }
    if (r == CUDA_SUCCESS) {
        event->live = 0;
    }
    sw_unlock();
    return r;
}

static CUresult record(CUevent event, CUstream stream) {
    sw_lock();
    CUresult r = sw_check_context();
    if (r == CUDA_SUCCESS) {
        r = validate_event(event);
    }
    if (r == CUDA_SUCCESS) {
        r = sw_validate_stream(stream);
    }
    if (r == CUDA_SUCCESS) {
        sw_op *op = calloc(1, sizeof *op);
        if (op == NULL) {
            r = CUDA_ERROR_OUT_OF_MEMORY;
        } else {
            op->kind = OP_EVENT;
            op->u.event = event;
            event->state = EVENT_PENDING;
            sw_enqueue(op);
        }
    }
    sw_unlock();
    return r;
}

CUresult cuEventRecord(CUevent event, CUstream stream) {
    return record(event, stream);
}

CUresult cuEventRecordWithFlags(CUevent event, CUstream stream, unsigned int flags) {
    if (flags > 1) {
        return CUDA_ERROR_INVALID_VALUE;
    }
    return record(event, stream);
}

static CUresult wait_event(CUevent event) {
    sw_lock();
    CUresult r = sw_check_context();
    if (r == CUDA_SUCCESS) {
        r = validate_event(event);
    }
    if (r == CUDA_SUCCESS && event->state == EVENT_PENDING) {
        r = sw_drain(1);
    }
    sw_unlock();
    return r;
}

CUresult cuEventSynchronize(CUevent event) {
    return wait_event(event);
}

CUresult cuEventQuery(CUevent event) {
    return wait_event(event);
}

CUresult cuEventElapsedTime(float *ms, CUevent start, CUevent end) {
    if (ms == NULL) {
        return CUDA_ERROR_INVALID_VALUE;
    }
    sw_lock();
    CUresult r = sw_check_context();
    if (r == CUDA_SUCCESS) {
        r = validate_event(start);
    }
    if (r == CUDA_SUCCESS) {
        r = validate_event(end);
    }
    if (r == CUDA_SUCCESS) {
        if (start->state == EVENT_NEVER_RECORDED || end->state == EVENT_NEVER_RECORDED
                || (start->flags & CU_EVENT_DISABLE_TIMING) || (end->flags & CU_EVENT_DISABLE_TIMING)) {
            r = CUDA_ERROR_INVALID_HANDLE;
        } else if (start->state == EVENT_PENDING || end->state == EVENT_PENDING) {
            r = CUDA_ERROR_NOT_READY;
        } else {
            *ms = (float) ((end->time_ns - start->time_ns) / 1e6);
        }
    }
    sw_unlock();
    return r;
}
