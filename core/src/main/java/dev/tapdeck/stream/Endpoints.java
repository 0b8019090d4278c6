package dev.tapdeck.stream;

import dev.tapdeck.decode.Dissection;

/**
 * The two ends of a packet's transport conversation as one key for both directions: the lower
 * (address, port) end first, as Wireshark's conversation table orders them. IPv4 addresses
 * are kept IPv4-mapped (RFC 4291 §2.5.5.2) so one key shape fits both versions.
 */
final class Endpoints {
    private static final long IPV4_MAPPED = 0xffff_0000_0000L;

    long lowHigh, lowLow, highHigh, highLow;
    /** Ports of the two ends, low end in the upper 16 bits. */
    long ports;
    /** True when the packet's source is the key's low end. */
    boolean sourceIsLow;

    /** Reads the ends of the packet's outer IP header and the given ports; false when there is no IP header. */
    boolean read(Dissection d, int sourcePort, int destinationPort) {
        long sHigh, sLow, dHigh, dLow;
        if (d.ipVersion() == 4 && d.ipv4.isComplete()) {
            sHigh = 0;
            sLow = IPV4_MAPPED | (d.ipv4.source() & 0xffff_ffffL);
            dHigh = 0;
            dLow = IPV4_MAPPED | (d.ipv4.destination() & 0xffff_ffffL);
        } else if (d.ipv6.present()) {
            sHigh = d.ipv6.sourceHigh64();
            sLow = d.ipv6.sourceLow64();
            dHigh = d.ipv6.destinationHigh64();
            dLow = d.ipv6.destinationLow64();
        } else {
            return false;
        }
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

    private void set(long aHigh, long aLow, long bHigh, long bLow, int aPort, int bPort) {
        lowHigh = aHigh;
        lowLow = aLow;
        highHigh = bHigh;
        highLow = bLow;
        ports = ((long) aPort << 16) | bPort;
    }
}
