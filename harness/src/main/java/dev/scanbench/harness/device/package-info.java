/**
 * The harness's own device kernels (CUDA C compiled at run time): seeded input generation bit-identical to the
 * Java generator, canary fill, exact comparison and the input checksum.
 */
package dev.scanbench.harness.device;
