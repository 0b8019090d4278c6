package dev.tapdeck.analysis;

import dev.tapdeck.analysis.process.ProcessInfo;

/**
 * One program's share of the flows a {@link FlowTable} holds: how many of them it owned, and
 * their packets and bytes, both directions.
 *
 * @param firstSeenNanos the first packet of its flows, nanoseconds since the epoch
 * @param lastSeenNanos  the last packet of its flows
 */
public record ProgramTraffic(ProcessInfo process, int flows, long packets, long bytes, long firstSeenNanos, long lastSeenNanos) {

    /** The two shares of one program together. */
    ProgramTraffic plus(ProgramTraffic other) {
        return new ProgramTraffic(process, flows + other.flows, packets + other.packets, bytes + other.bytes,
                Math.min(firstSeenNanos, other.firstSeenNanos), Math.max(lastSeenNanos, other.lastSeenNanos));
    }

    /** Bytes per second from its flows' first packet to their last; 0 for a single instant. */
    public double bytesPerSecond() {
        long span = lastSeenNanos - firstSeenNanos;
        return span <= 0 ? 0 : bytes * 1e9 / span;
    }
}
