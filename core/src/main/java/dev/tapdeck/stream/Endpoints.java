package dev.tapdeck.stream;

import dev.tapdeck.decode.Dissection;
import dev.tapdeck.decode.Protocol;

/**
 * The two ends of a transport header's conversation as one key for both directions: the
 * lower (address, port) end first, as Wireshark's conversation table orders them. The
 * addresses are those of the IP header the transport header is carried in, the innermost
 * one before it, as Wireshark's {@code pinfo->src} and {@code dst} are when its TCP or UDP
 * dissector runs: the tunnelled header's inside a tunnel, the quoted datagram's inside an
 * ICMP error. IPv4 addresses are kept IPv4-mapped (RFC 4291 §2.5.5.2) so one key shape fits
 * both versions.
 */
final class Endpoints {
    private static final long IPV4_MAPPED = 0xffff_0000_0000L;

    long lowHigh, lowLow, highHigh, highLow;
    /** Ports of the two ends, low end in the upper 16 bits. */
    long ports;
    /** True when the packet's source is the key's low end. */
    boolean sourceIsLow;
    int sourcePort, destinationPort;
    /** Chain index of the IP header the transport header is carried in. */
    int ipLayer;
    boolean ipv6;

    /**
     * Reads the ends of the transport header at chain index {@code transport} of {@code d},
     * whose ports are its first four bytes; false when no IP header carries it.
     */
    boolean read(Dissection d, int transport) {
        int ip = transport - 1;
        while (ip >= 0 && d.layer(ip) != Protocol.IP && d.layer(ip) != Protocol.IPV6) {
            ip--;
        }
        if (ip < 0) {
            return false;
        }
        byte[] b = d.bytes();
        long at = d.start() + d.layerOffset(ip);
        long sHigh, sLow, dHigh, dLow;
        if (d.layer(ip) == Protocol.IP) {
            boolean outer = d.ipv4.present() && d.ipv4.offset() == d.layerOffset(ip);
            sHigh = 0;
            sLow = IPV4_MAPPED | u32(b, at + 12);
            dHigh = 0;
            // Wireshark's destination is a source route's last hop (ip.dst); the decoder knows it for the outer header.
            dLow = IPV4_MAPPED | (outer ? d.ipv4.destination() & 0xffff_ffffL : u32(b, at + 16));
        } else {
            sHigh = i64(b, at + 8);
            sLow = i64(b, at + 16);
            dHigh = i64(b, at + 24);
            dLow = i64(b, at + 32);
        }
        long port = d.start() + d.layerOffset(transport);
        sourcePort = u16(b, port);
        destinationPort = u16(b, port + 2);
        ipLayer = ip;
        ipv6 = d.layer(ip) == Protocol.IPV6;
        int order = Long.compareUnsigned(sHigh, dHigh);
        if (order == 0) {
            order = Long.compareUnsigned(sLow, dLow);
        }
        sourceIsLow = order < 0 || (order == 0 && sourcePort <= destinationPort);
        if (sourceIsLow) {
            set(sHigh, sLow, dHigh, dLow, sourcePort, destinationPort);
        } else {
            set(dHigh, dLow, sHigh, sLow, destinationPort, sourcePort);
        }
        return true;
    }

    /** Tells {@code listener} of the new stream whose first packet these ends were read from. */
    void begin(StreamListener listener, boolean tcp, int stream, long frame) {
        if (sourceIsLow) {
            listener.begin(tcp, stream, frame, ipv6, lowHigh, lowLow, sourcePort, highHigh, highLow, destinationPort);
        } else {
            listener.begin(tcp, stream, frame, ipv6, highHigh, highLow, sourcePort, lowHigh, lowLow, destinationPort);
        }
    }

    private void set(long aHigh, long aLow, long bHigh, long bLow, int aPort, int bPort) {
        lowHigh = aHigh;
        lowLow = aLow;
        highHigh = bHigh;
        highLow = bLow;
        ports = ((long) aPort << 16) | bPort;
    }

    static int u16(byte[] b, long at) {
        return ((b[(int) at] & 0xff) << 8) | (b[(int) at + 1] & 0xff);
    }

    static long u32(byte[] b, long at) {
        return ((long) u16(b, at) << 16) | u16(b, at + 2);
    }

    private static long i64(byte[] b, long at) {
        return (u32(b, at) << 32) | u32(b, at + 4);
    }
}
