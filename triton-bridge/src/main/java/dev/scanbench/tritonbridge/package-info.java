/**
 * The Triton bridge: compiles the {@code @triton.jit} kernels of a candidate {@code .py} ahead of time, for
 * CUDA sm_90 with an explicit target (no GPU, no driver), in a Python subprocess running a pinned Triton from
 * a private virtual environment. The result is PTX, cubin and the launch facts Triton's own launcher would
 * use (threads per block, dynamic shared memory, trailing hidden scratch parameters). Python never runs in
 * the process that times a kernel. Entry point: {@link dev.scanbench.tritonbridge.TritonCompiler}.
 */
package dev.scanbench.tritonbridge;
