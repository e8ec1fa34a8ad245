// Adversarial (issue 9): never ends, and keeps changing memory while it runs, so the emulator's deadlock
// detector (which waits for a step without progress) never fires; only the watchdog stops it. verify ran it in
// the CLI process with no watchdog, still running after 300 s. Its way out tests a value the loop changes (the
// counter, stepped by 2 from 0, never odd), so the static endless-loop check cannot prove it endless, as it
// cannot for any loop that could end.
// @plan scratch counter = 4 bytes zero
// @plan launch endless grid=1 block=32 args=(counter)
extern "C" __global__ void endless(volatile unsigned* counter) {
    if (threadIdx.x != 0) {
        return;
    }
    while (*counter != 1u) {
        *counter = *counter + 2;
    }
}
