package dev.tapdeck.explain;

import java.util.concurrent.TimeUnit;

/** A token bucket: up to {@code perMinute} requests in a burst, refilled evenly over a minute. */
final class RateLimit {
    private static final long MINUTE_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final int perMinute;
    private double tokens;
    private long refilledAt = System.nanoTime();

    RateLimit(int perMinute) {
        this.perMinute = perMinute;
        this.tokens = perMinute;
    }

    /** Takes a token if one is left. */
    synchronized boolean tryAcquire() {
        long now = System.nanoTime();
        tokens = Math.min(perMinute, tokens + (double) (now - refilledAt) * perMinute / MINUTE_NANOS);
        refilledAt = now;
        if (tokens < 1) {
            return false;
        }
        tokens--;
        return true;
    }
}
