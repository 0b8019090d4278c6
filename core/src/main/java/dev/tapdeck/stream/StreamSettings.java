package dev.tapdeck.stream;

/**
 * Bounds of a {@link StreamTracker}: how many conversations it remembers per protocol, and how
 * many bytes of out-of-order TCP segments it holds, per direction and in all, while it waits
 * for the segments before them. Past a holding limit the tracker stops waiting for the oldest
 * hole in that direction: it reports the hole as a gap and delivers what it held after it.
 */
public record StreamSettings(int maxConversations, int maxHeldBytesPerDirection, long maxHeldBytesTotal) {
    /** The largest TCP segment an IPv4 or non-jumbo IPv6 packet carries: any direction must hold one. */
    static final int MAX_SEGMENT = 65_535;

    public static final StreamSettings DEFAULTS = new StreamSettings(1 << 20, 4 << 20, 256L << 20);

    public StreamSettings {
        if (maxConversations < 1) {
            throw new IllegalArgumentException("maxConversations must be at least 1, not " + maxConversations);
        }
        if (maxHeldBytesPerDirection < MAX_SEGMENT) {
            throw new IllegalArgumentException("maxHeldBytesPerDirection must hold one segment: at least "
                    + MAX_SEGMENT + ", not " + maxHeldBytesPerDirection);
        }
        if (maxHeldBytesTotal < maxHeldBytesPerDirection) {
            throw new IllegalArgumentException("maxHeldBytesTotal (" + maxHeldBytesTotal
                    + ") must be at least maxHeldBytesPerDirection (" + maxHeldBytesPerDirection + ")");
        }
    }
}
