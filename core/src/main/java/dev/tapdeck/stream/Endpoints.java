package dev.tapdeck.stream;

import dev.tapdeck.decode.Bytes;
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
        long port = d.start() + d.layerOffset(transport);
        sourcePort = Bytes.u16(b, port);
        destinationPort = Bytes.u16(b, port + 2);
        ipLayer = ip;
        ipv6 = d.layer(ip) == Protocol.IPV6;
        if (ipv6) {
            order(Bytes.i64(b, at + 8), Bytes.i64(b, at + 16), Bytes.i64(b, at + 24), Bytes.i64(b, at + 32));
        } else {
            boolean outer = d.ipv4.present() && d.ipv4.offset() == d.layerOffset(ip);
            // Wireshark's destination is a source route's last hop (ip.dst); the decoder knows it for the outer header.
            long destination = outer ? d.ipv4.destination() & 0xffff_ffffL : Bytes.u32(b, at + 16);
            order(0, IPV4_MAPPED | Bytes.u32(b, at + 12), 0, IPV4_MAPPED | destination);
        }
        return true;
    }

    /** Puts the source (sHigh, sLow, sourcePort) and destination ends in key order. */
    private void order(long sHigh, long sLow, long dHigh, long dLow) {
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
}
