// Adversarial: does nothing, hoping the output buffer already holds the answer. The canary survives.
// @plan launch noop grid=1 block=32 args=(x, y, n)
extern "C" __global__ void noop(const int* x, int* y, int n) {
}
