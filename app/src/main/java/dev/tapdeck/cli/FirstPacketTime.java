package dev.tapdeck.cli;

import dev.tapdeck.file.PacketRecord;

/**
 * The time of the capture's first packet: the zero of {@code frame.time_relative} and of the
 * packet list's times. As in tshark, it is the first packet's even when that has no time
 * (a pcapng Simple Packet Block), which then counts as 0. The reading thread offers it every
 * packet before any thread decodes that packet, so workers that decode later packets see it.
 */
final class FirstPacketTime {
    private volatile long nanos = Long.MIN_VALUE;

    void offer(PacketRecord packet) {
        if (nanos == Long.MIN_VALUE) {
            nanos = packet.epochNanos();
        }
    }

    /** Nanoseconds since the epoch; 0 before the first packet. */
    long nanos() {
        long first = nanos;
        return first == Long.MIN_VALUE ? 0 : first;
    }
}
