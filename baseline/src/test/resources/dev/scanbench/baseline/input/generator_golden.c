/*
 * Independent C implementation of the InputGenerator algorithm, written from its Javadoc, used by
 * InputGeneratorTest to prove the algorithm is portable integer code that a CUDA kernel can reproduce.
 * Usage: generator_golden SEED INDEX [SEED INDEX ...]   (decimal, may be negative: two's complement)
 * Prints one line per pair: "<seed> <index> <hash64 as signed decimal> <value>".
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

static uint64_t mix64(uint64_t z) {
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

int main(int argc, char **argv) {
    for (int i = 1; i + 1 < argc; i += 2) {
        uint64_t seed = (uint64_t) strtoll(argv[i], NULL, 10);
        uint64_t index = (uint64_t) strtoll(argv[i + 1], NULL, 10);
        uint64_t key = mix64(seed);
        uint64_t h = mix64(key + (index + 1) * UINT64_C(0x9E3779B97F4A7C15));
        uint64_t r = h >> 32;
        int32_t value = (int32_t) ((r * UINT64_C(20)) >> 32) - 10;
        printf("%" PRId64 " %" PRId64 " %" PRId64 " %" PRId32 "\n",
               (int64_t) seed, (int64_t) index, (int64_t) h, value);
    }
    return 0;
}
