// Issue 11: a correct kernel (one thread scans serially) that uses two instructions the PTX emulator does not
// run, __vabsdiffu4 (vabsdiff4) and __match_any_sync (match.any.sync). compile lists both with their .cu lines;
// verify, run and score on the emulator refuse it as an environment limit (exit 3); on a GPU it runs and is right.
// @plan launch serial_scan grid=1 block=32 args=(x, y, n)
extern "C" __global__ void serial_scan(const int* x, int* y, int n) {
    unsigned peers = __match_any_sync(0xFFFFFFFFu, threadIdx.x >> 5);
    if (threadIdx.x != 0) {
        return;
    }
    int s = 0;
    int odd = 0;
    for (int i = 0; i < n; i++) {
        int v = x[i];
        unsigned zero = __vabsdiffu4((unsigned) v, (unsigned) v);
        if (odd) {
            s += v;
        }
        y[i] = s + (int) zero;
        odd ^= v > 0;
    }
    if (peers == 0) {
        y[0] = 1; // never: every lane matches itself
    }
}
