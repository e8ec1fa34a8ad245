/**
 * Triton candidates in the harness: the plan's {@code # @plan triton} directives and launches become kernel
 * specs for the Triton bridge; the bridge's kernels become one PTX module assembled like a {@code .ptx}
 * candidate; and each Triton launch gets what Triton's own launcher would pass (the block of
 * {@code 32 * num_warps} threads, the kernel's dynamic shared memory, the trailing hidden scratch pointers).
 */
package dev.scanbench.harness.triton;
