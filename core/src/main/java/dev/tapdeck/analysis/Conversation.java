package dev.tapdeck.analysis;

import dev.tapdeck.decode.Addresses;

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

    /** {@code 10.0.0.1:443}, {@code [2001:db8::1]:443}, or the bare address when the protocol has no ports. */
    public String endA() {
        return end(addressA, portA);
    }

    public String endB() {
        return end(addressB, portB);
    }

    private String end(InetAddress address, int port) {
        StringBuilder text = new StringBuilder();
        byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
            Addresses.appendIpv4(ByteBuffer.wrap(bytes).getInt(), text);
        } else {
            // RFC 5952 form, as the packet lines print it (InetAddress spells every zero group out).
            Addresses.appendIpv6(bytes, 0, text);
        }
        if (ipProtocol != 6 && ipProtocol != 17) {
            return text.toString();
        }
        return (bytes.length == 4 ? text : text.insert(0, '[').append(']')).append(':').append(port).toString();
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
