package dev.tapdeck.generate;

import java.util.Arrays;

/**
 * Writes the outer layers of a frame into the shared packet buffer: Ethernet II (with an
 * 802.1Q tag for VLAN flows) and an IPv4 or IPv6 header. A transport builder calls
 * {@link #begin} for the headers, writes its own header and payload behind them, and calls
 * {@link #finish} to fill in the lengths and checksums, which depend on everything written.
 */
final class IpFrameBuilder {
    static final int ETHERTYPE_IPV4 = 0x0800;
    static final int ETHERTYPE_IPV6 = 0x86DD;
    static final int ETHERTYPE_VLAN = 0x8100;
    static final int PROTOCOL_ICMP = 1;
    static final int PROTOCOL_TCP = 6;
    static final int PROTOCOL_UDP = 17;
    static final int PROTOCOL_ICMPV6 = 58;
    static final int IPV4_HEADER = 20;
    static final int IPV6_HEADER = 40;
    /** IEEE 802.3 minimum frame of 64 bytes, less the 4-byte FCS a capture does not keep. */
    static final int MIN_FRAME = 60;
    /** A 1500-byte MTU payload behind an Ethernet header and one VLAN tag. */
    static final int MAX_FRAME = 1500 + 14 + 4;

    private final byte[] frame;
    private boolean ipv6;
    private int protocol;
    private int ipOffset;
    private int transportOffset;

    IpFrameBuilder(byte[] frame) {
        this.frame = frame;
    }

    byte[] frame() {
        return frame;
    }

    /**
     * Writes Ethernet, the VLAN tag if any, and the IP header for one direction of
     * {@code conversation}, leaving lengths and checksums for {@link #finish}.
     *
     * @return the offset where the transport header starts
     */
    int begin(Conversation conversation, boolean fromClient, int protocol) {
        this.ipv6 = conversation.ipv6;
        this.protocol = protocol;
        BigEndian.put48(frame, 0, fromClient ? conversation.routerMac : conversation.clientMac);
        BigEndian.put48(frame, 6, fromClient ? conversation.clientMac : conversation.routerMac);
        int offset = 12;
        if (conversation.vlanId != 0) {
            // IEEE 802.1Q tag: TPID, then priority 0, DEI 0 and the 12-bit VLAN id.
            BigEndian.put16(frame, offset, ETHERTYPE_VLAN);
            BigEndian.put16(frame, offset + 2, conversation.vlanId);
            offset += 4;
        }
        BigEndian.put16(frame, offset, ipv6 ? ETHERTYPE_IPV6 : ETHERTYPE_IPV4);
        ipOffset = offset + 2;
        byte[] source = fromClient ? conversation.clientAddress : conversation.serverAddress;
        byte[] destination = fromClient ? conversation.serverAddress : conversation.clientAddress;
        int hopLimit = fromClient ? conversation.clientHopLimit : conversation.serverHopLimit;
        if (ipv6) {
            // RFC 8200 §3: version 6, traffic class 0, flow label; payload length comes later.
            int flowLabel = fromClient ? conversation.clientFlowLabel : conversation.serverFlowLabel;
            BigEndian.put32(frame, ipOffset, 0x6000_0000 | flowLabel);
            frame[ipOffset + 6] = (byte) protocol;
            frame[ipOffset + 7] = (byte) hopLimit;
            System.arraycopy(source, 0, frame, ipOffset + 8, 16);
            System.arraycopy(destination, 0, frame, ipOffset + 24, 16);
            transportOffset = ipOffset + IPV6_HEADER;
        } else {
            // RFC 791 §3.1: version 4, IHL 5 (no options), TOS 0; total length comes later.
            int id = fromClient ? ++conversation.clientIpId : ++conversation.serverIpId;
            frame[ipOffset] = 0x45;
            frame[ipOffset + 1] = 0;
            BigEndian.put16(frame, ipOffset + 4, id);
            BigEndian.put16(frame, ipOffset + 6, conversation.dontFragment ? 0x4000 : 0);
            frame[ipOffset + 8] = (byte) hopLimit;
            frame[ipOffset + 9] = (byte) protocol;
            System.arraycopy(source, 0, frame, ipOffset + 12, 4);
            System.arraycopy(destination, 0, frame, ipOffset + 16, 4);
            transportOffset = ipOffset + IPV4_HEADER;
        }
        return transportOffset;
    }

    /**
     * Completes the frame begun last: IP lengths, the IPv4 header checksum and the transport
     * checksum over the {@code transportLength} bytes written behind the IP header; pads the
     * frame to the Ethernet minimum.
     *
     * @return the frame length
     */
    int finish(int transportLength) {
        if (ipv6) {
            BigEndian.put16(frame, ipOffset + 4, transportLength);
        } else {
            BigEndian.put16(frame, ipOffset + 2, IPV4_HEADER + transportLength);
            BigEndian.put16(frame, ipOffset + 10, 0);
            BigEndian.put16(frame, ipOffset + 10,
                    InternetChecksum.finish(InternetChecksum.add(0, frame, ipOffset, IPV4_HEADER)));
        }
        int checksumAt = transportOffset + switch (protocol) {
            case PROTOCOL_TCP -> 16;
            case PROTOCOL_UDP -> 6;
            default -> 2; // ICMP and ICMPv6
        };
        BigEndian.put16(frame, checksumAt, 0);
        // ICMP for IPv4 sums only its own message (RFC 792); TCP, UDP and ICMPv6 also cover
        // a pseudo-header of the addresses, protocol and length (RFC 9293 §3.1, RFC 768,
        // RFC 8200 §8.1, RFC 4443 §2.3).
        long sum = protocol == PROTOCOL_ICMP ? 0 : pseudoHeaderSum(transportLength);
        int checksum = InternetChecksum.finish(InternetChecksum.add(sum, frame, transportOffset, transportLength));
        if (checksum == 0 && protocol == PROTOCOL_UDP) {
            checksum = 0xFFFF; // RFC 768: a zero field means "no checksum", so send all ones
        }
        BigEndian.put16(frame, checksumAt, checksum);
        int length = transportOffset + transportLength;
        if (length < MIN_FRAME) {
            Arrays.fill(frame, length, MIN_FRAME, (byte) 0);
            length = MIN_FRAME;
        }
        return length;
    }

    private long pseudoHeaderSum(int transportLength) {
        // Source and destination addresses sit side by side in both IP headers.
        long sum = ipv6
                ? InternetChecksum.add(0, frame, ipOffset + 8, 32)
                : InternetChecksum.add(0, frame, ipOffset + 12, 8);
        return sum + protocol + transportLength;
    }
}
