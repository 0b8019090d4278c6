package dev.tapdeck.analysis;

/**
 * Back-to-back windows of packet time, the first starting at the first packet. The counting
 * detectors forget their counts when a window ends.
 */
final class TumblingWindow {
    private final long lengthNanos;
    private long start;
    private boolean started;

    TumblingWindow(long lengthNanos) {
        this.lengthNanos = lengthNanos;
    }

    /** Moves to the window holding {@code timeNanos}; true when that is a new window. */
    boolean advance(long timeNanos) {
        if (!started) {
            started = true;
            start = timeNanos;
            return true;
        }
        if (timeNanos - start < lengthNanos) {
            return false;
        }
        start += (timeNanos - start) / lengthNanos * lengthNanos;
        return true;
    }

    long lengthNanos() { return lengthNanos; }

    double seconds() { return lengthNanos / 1e9; }
}
