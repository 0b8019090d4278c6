package dev.tapdeck.cli;

import dev.tapdeck.file.PacketRecord;

/**
 * The time of the first packet that has one: the zero of {@code frame.time_relative} and of
 * the packet list's times. The reading thread offers it every packet before any thread
 * decodes that packet, so workers that decode later packets see it set.
 */
final class FirstPacketTime {
    private volatile long nanos = Long.MIN_VALUE;

    void offer(PacketRecord packet) {
        if (nanos == Long.MIN_VALUE && packet.hasTimestamp()) {
            nanos = packet.epochSeconds() * 1_000_000_000L + packet.nanos();
        }
    }

    /** Nanoseconds since the epoch; 0 while no packet has had a time. */
    long nanos() {
        long first = nanos;
        return first == Long.MIN_VALUE ? 0 : first;
    }
}
