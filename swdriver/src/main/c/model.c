/*
 * The model clock the software driver's events read. It is the traffic model, never a measurement: a
 * kernel takes a fixed launch latency plus the global bytes it moved at an H100 SXM's copy bandwidth;
 * a memset or device copy its bytes at that bandwidth; a host copy its bytes over PCIe. The same work
 * always takes the same model time, so every sample of a run is identical, and no result that reads it
 * may be called a GPU time (the workbench marks such results "simulated").
 */
#include "driver.h"

/* Measured stream-copy bandwidth of an H100 SXM, lower figure (2.9 TB/s), in bytes per nanosecond. */
#define MODEL_DEVICE_BYTES_PER_NS 2900.0
/* Back-to-back kernel launch latency in one stream on an H100 (a few microseconds): 2.5 us. */
#define MODEL_LAUNCH_NS 2500.0
/* Fixed cost of a memset or device-to-device copy in a stream: 1.5 us. */
#define MODEL_DEVICE_OP_NS 1500.0
/* Pageable host copies over PCIe 5.0 x16 as measured in practice (about 25 GB/s), and their fixed cost. */
#define MODEL_HOST_BYTES_PER_NS 25.0
#define MODEL_HOST_COPY_NS 10000.0

double sw_model_launch_ns(long long bytes_read, long long bytes_written) {
    return MODEL_LAUNCH_NS + (double) (bytes_read + bytes_written) / MODEL_DEVICE_BYTES_PER_NS;
}

double sw_model_memset_ns(size_t bytes) {
    return MODEL_DEVICE_OP_NS + (double) bytes / MODEL_DEVICE_BYTES_PER_NS;
}

double sw_model_device_copy_ns(size_t bytes) {
    return MODEL_DEVICE_OP_NS + 2.0 * (double) bytes / MODEL_DEVICE_BYTES_PER_NS;
}

double sw_model_host_copy_ns(size_t bytes) {
    return MODEL_HOST_COPY_NS + (double) bytes / MODEL_HOST_BYTES_PER_NS;
}
