package dev.scanbench.service.auth;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/** At most so many submissions per client in any window of the given length (a sliding window). */
public final class RateLimiter {
    private final int limit;
    private final long windowNanos;
    private final LongSupplier clock;
    private final Map<String, Deque<Long>> recent = new HashMap<>();

    /**
     * @param limit  submissions allowed per window, at least 1
     * @param window the window
     */
    public RateLimiter(int limit, Duration window) {
        this(limit, window, System::nanoTime);
    }

    RateLimiter(int limit, Duration window, LongSupplier clock) {
        if (limit < 1) {
            throw new IllegalArgumentException("the rate limit must be at least 1, got " + limit);
        }
        this.limit = limit;
        this.windowNanos = window.toNanos();
        this.clock = clock;
    }

    /**
     * Counts one submission for {@code client} if the window has room.
     *
     * @return 0 when admitted, else how many seconds until it would be (at least 1)
     */
    public synchronized long tryAcquire(String client) {
        long now = clock.getAsLong();
        Deque<Long> times = recent.computeIfAbsent(client, c -> new ArrayDeque<>());
        while (!times.isEmpty() && now - times.peekFirst() >= windowNanos) {
            times.removeFirst();
        }
        if (times.size() >= limit) {
            return Math.max(1, (times.peekFirst() + windowNanos - now + 999_999_999L) / 1_000_000_000L);
        }
        times.addLast(now);
        return 0;
    }

    /** @return the allowed submissions per window */
    public int limit() {
        return limit;
    }
}
