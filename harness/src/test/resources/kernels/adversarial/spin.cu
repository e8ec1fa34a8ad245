// Adversarial: never terminates (waits for a flag nobody sets).
// @plan scratch flag = 4 bytes zero
// @plan launch spin grid=1 block=32 args=(flag)
extern "C" __global__ void spin(volatile int* flag) {
    while (*flag == 0) {
    }
}
