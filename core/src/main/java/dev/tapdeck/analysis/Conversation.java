package dev.tapdeck.analysis;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;

/** One bidirectional conversation, as {@link ConversationTable#top(int)} reports it. */
public record Conversation(int ipProtocol, InetAddress addressA, int portA, InetAddress addressB, int portB,
                           long packets, long bytes, long firstSeenNanos, long lastSeenNanos) {

    /** The conversation's protocol name: TCP, UDP, ICMP, ICMPv6 or the IP protocol number. */
    public String protocolName() {
        return switch (ipProtocol) {
            case 6 -> "TCP";
            case 17 -> "UDP";
            case 1 -> "ICMP";
            case 58 -> "ICMPv6";
            default -> "IP proto " + ipProtocol;
        };
    }

    public long durationNanos() {
        return lastSeenNanos - firstSeenNanos;
    }

    /** Decodes a key's 128 bits; IPv4-mapped addresses come back as IPv4. */
    static InetAddress address(long high, long low) {
        byte[] bytes = ByteBuffer.allocate(16).putLong(high).putLong(low).array();
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
