package dev.tapdeck.generate;

import java.nio.charset.StandardCharsets;

/**
 * Just enough of a dissector to check the generator's frames from the outside: Ethernet,
 * one optional 802.1Q tag, IPv4 or IPv6 (no extension headers, which the generator never
 * writes), and the TCP, UDP, ICMP or ICMPv6 header. Has its own checksum code on purpose, so
 * that a bug in the generator's is not repeated here.
 */
final class DissectedFrame {
    static final int TCP = 6;
    static final int UDP = 17;
    static final int ICMP = 1;
    static final int ICMPV6 = 58;
    static final int FIN = 0x01;
    static final int SYN = 0x02;
    static final int RST = 0x04;
    static final int ACK = 0x10;

    final byte[] bytes;
    final int vlanId;
    final int etherType;
    final int ipOffset;
    final int ipVersion;
    final int protocol;
    final int transportOffset;
    final int transportLength;
    /** Bytes the IP header says the packet has; the rest of the frame is Ethernet padding. */
    final int ipEnd;

    DissectedFrame(byte[] bytes) {
        this.bytes = bytes;
        int type = u16(12);
        int offset = 14;
        if (type == 0x8100) {
            vlanId = u16(14) & 0x0FFF;
            type = u16(16);
            offset = 18;
        } else {
            vlanId = -1;
        }
        etherType = type;
        ipOffset = offset;
        if (type == 0x0800) {
            ipVersion = bytes[offset] >> 4 & 0xF;
            int headerLength = (bytes[offset] & 0xF) * 4;
            protocol = bytes[offset + 9] & 0xFF;
            transportOffset = offset + headerLength;
            ipEnd = offset + u16(offset + 2);
        } else if (type == 0x86DD) {
            ipVersion = bytes[offset] >> 4 & 0xF;
            protocol = bytes[offset + 6] & 0xFF;
            transportOffset = offset + 40;
            ipEnd = transportOffset + u16(offset + 4);
        } else {
            throw new IllegalArgumentException("not IP: ethertype 0x" + Integer.toHexString(type));
        }
        transportLength = ipEnd - transportOffset;
    }

    boolean ipv6() {
        return etherType == 0x86DD;
    }

    int u8(int at) {
        return bytes[at] & 0xFF;
    }

    int u16(int at) {
        return (bytes[at] & 0xFF) << 8 | (bytes[at + 1] & 0xFF);
    }

    long u32(int at) {
        return (long) u16(at) << 16 | u16(at + 2);
    }

    int sourcePort() {
        return u16(transportOffset);
    }

    int destinationPort() {
        return u16(transportOffset + 2);
    }

    int tcpFlags() {
        return u8(transportOffset + 13) & 0x3F;
    }

    boolean hasFlags(int flags) {
        return (tcpFlags() & flags) == flags;
    }

    long tcpSeq() {
        return u32(transportOffset + 4);
    }

    long tcpAck() {
        return u32(transportOffset + 8);
    }

    int tcpHeaderLength() {
        return (u8(transportOffset + 12) >> 4) * 4;
    }

    int payloadOffset() {
        return switch (protocol) {
            case TCP -> transportOffset + tcpHeaderLength();
            default -> transportOffset + 8; // UDP header, or the ICMP echo header
        };
    }

    int payloadLength() {
        return ipEnd - payloadOffset();
    }

    String payloadText() {
        return new String(bytes, payloadOffset(), payloadLength(), StandardCharsets.ISO_8859_1);
    }

    /** A direction-sensitive flow key: addresses and ports of source, then destination. */
    String directionKey() {
        int addressLength = ipv6() ? 16 : 4;
        int sourceAt = ipOffset + (ipv6() ? 8 : 12);
        return hex(sourceAt, addressLength) + ":" + sourcePort() + ">" + hex(sourceAt + addressLength, addressLength)
                + ":" + destinationPort();
    }

    String reverseKey() {
        int addressLength = ipv6() ? 16 : 4;
        int sourceAt = ipOffset + (ipv6() ? 8 : 12);
        return hex(sourceAt + addressLength, addressLength) + ":" + destinationPort() + ">" + hex(sourceAt, addressLength)
                + ":" + sourcePort();
    }

    boolean ipv4HeaderChecksumVerifies() {
        return onesComplementSum(ipOffset, transportOffset - ipOffset, 0) == 0xFFFF;
    }

    /** Whether the TCP, UDP, ICMP or ICMPv6 checksum, with its pseudo-header where it has one, verifies. */
    boolean transportChecksumVerifies() {
        long pseudo = 0;
        if (protocol != ICMP) {
            int addresses = ipv6() ? 32 : 8;
            int at = ipOffset + (ipv6() ? 8 : 12);
            pseudo = onesComplementSum(at, addresses, 0) + protocol + transportLength;
        }
        return onesComplementSum(transportOffset, transportLength, pseudo) == 0xFFFF;
    }

    /** RFC 1071, word by word: the sum of 16-bit words with end-around carry. */
    private int onesComplementSum(int at, int length, long start) {
        long sum = start;
        for (int i = 0; i + 1 < length; i += 2) {
            sum += u16(at + i);
        }
        if ((length & 1) != 0) {
            sum += u8(at + length - 1) << 8;
        }
        while (sum > 0xFFFF) {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }
        return (int) sum;
    }

    private String hex(int at, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append(String.format("%02x", bytes[at + i]));
        }
        return text.toString();
    }
}
