package dev.scanbench.harness.scoring;

import dev.scanbench.harness.backend.Backend;
import dev.scanbench.harness.backend.BackendException;
import dev.scanbench.harness.backend.DeviceBuffer;
import dev.scanbench.harness.backend.DeviceEvent;
import dev.scanbench.harness.backend.LoadedModule;
import dev.scanbench.harness.backend.ModuleImage;
import dev.scanbench.harness.backend.PackedParams;
import dev.scanbench.harness.plan.Dim3;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A backend with a device clock and no device: records every call in order, advances its clock by a set time
 * per candidate launch, and answers the harness kernels' compare with a mismatch when told to. Memory holds
 * what was copied in (zeros otherwise), so checksums agree and the CPU oracle runs on a zero input.
 */
final class ClockedFakeBackend implements Backend {
    private static final Set<String> HARNESS = Set.of("wb_generate", "wb_fill_canary", "wb_compare", "wb_checksum");

    private final List<String> log;
    private final double msPerLaunch;
    private final Map<Long, int[]> memory = new HashMap<>();
    private long nextAddress = 0x1000;
    private double clockMs;
    private long mismatchAt = -1;
    private final Map<String, Double> msByEntry = new HashMap<>();
    private java.util.Random jitter;
    private double jitterRelative;

    ClockedFakeBackend(List<String> log, double msPerLaunch) {
        this.log = log;
        this.msPerLaunch = msPerLaunch;
    }

    /** Launches of {@code entry} take {@code ms} on the device clock instead of the default. */
    ClockedFakeBackend time(String entry, double ms) {
        msByEntry.put(entry, ms);
        return this;
    }

    /**
     * From now on every candidate launch takes its time times (1 + relative * a standard normal draw), from a
     * seeded generator: samples that vary as a real device's do, reproducibly.
     */
    ClockedFakeBackend jitter(double relative, long seed) {
        jitterRelative = relative;
        jitter = new java.util.Random(seed);
        return this;
    }

    /** The device clock in ms: the sum of the launch times so far. */
    double clockMs() {
        return clockMs;
    }

    /** From now on every compare reports one wrong element at {@code index}. */
    void mismatchAt(long index) {
        mismatchAt = index;
    }

    @Override
    public String name() {
        return "fake";
    }

    @Override
    public String deviceDescription() {
        return "fake clocked device";
    }

    @Override
    public boolean hasClock() {
        return true;
    }

    @Override
    public DeviceBuffer allocate(long bytes) {
        long address = nextAddress;
        nextAddress += (bytes + 0xFFF) & ~0xFFFL;
        memory.put(address, new int[(int) Math.min(bytes / 4, 1 << 20)]);
        log.add("allocate " + bytes);
        return new DeviceBuffer() {
            @Override
            public long address() {
                return address;
            }

            @Override
            public long bytes() {
                return bytes;
            }

            @Override
            public void close() {
                log.add("free " + bytes);
            }
        };
    }

    @Override
    public void fill8(DeviceBuffer buffer, byte value) {
        log.add("fill8 " + buffer.bytes());
    }

    @Override
    public void fill32(DeviceBuffer buffer, int value) {
        log.add("fill32 " + buffer.bytes());
    }

    @Override
    public void copyIn(DeviceBuffer destination, int[] source) {
        int[] m = memory.get(destination.address());
        System.arraycopy(source, 0, m, 0, Math.min(source.length, m.length));
        log.add("copyIn " + destination.bytes());
    }

    @Override
    public void copyOut(DeviceBuffer source, int[] destination) {
        int[] m = memory.get(source.address());
        System.arraycopy(m, 0, destination, 0, Math.min(destination.length, m.length));
    }

    @Override
    public LoadedModule load(ModuleImage image) {
        log.add("load");
        return new LoadedModule() {
            @Override
            public boolean hasEntry(String entry) {
                return true;
            }

            @Override
            public void close() {
                log.add("unload");
            }
        };
    }

    @Override
    public void launch(LoadedModule module, String entry, Dim3 grid, Dim3 block, long sharedBytes,
                       PackedParams params) {
        if (entry.equals("wb_generate")) {
            // Parameters: x, n, seed, pattern; the seed tells iterations apart.
            log.add("launch wb_generate seed " + ByteBuffer.wrap(params.value(2)).order(ByteOrder.LITTLE_ENDIAN).getLong());
            return;
        }
        log.add("launch " + entry);
        if (entry.equals("wb_compare") && mismatchAt >= 0) {
            long result = ByteBuffer.wrap(params.value(3)).order(ByteOrder.LITTLE_ENDIAN).getLong();
            memory.get(result)[0] = 1;
            memory.get(result)[2] = (int) mismatchAt;
            memory.get(result)[3] = 0;
        }
        if (!HARNESS.contains(entry)) {
            double ms = msByEntry.getOrDefault(entry, msPerLaunch);
            clockMs += jitter == null ? ms : ms * Math.max(0.01, 1 + jitterRelative * jitter.nextGaussian());
        }
    }

    @Override
    public DeviceEvent record() {
        log.add("record");
        double at = clockMs;
        return new TimedEvent(at);
    }

    @Override
    public double elapsedMillis(DeviceEvent start, DeviceEvent end) throws BackendException {
        log.add("elapsed");
        return ((TimedEvent) end).at - ((TimedEvent) start).at;
    }

    @Override
    public void synchronize() {
        log.add("sync");
    }

    @Override
    public void close() {
        log.add("close");
    }

    private record TimedEvent(double at) implements DeviceEvent {
        @Override
        public void close() {
        }
    }
}
