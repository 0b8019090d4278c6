package dev.tapdeck.analysis;

import dev.tapdeck.analysis.process.ProcessInfo;
import dev.tapdeck.decode.Dissection;

/**
 * What the analysis needs from one decoded packet, read once and shared by the flow table and
 * the detectors: the two ends, the protocol, TCP flags, and what the flow table made of it.
 * One instance is refilled for every packet.
 */
final class PacketFacts {
    /** IPv4 addresses are kept as IPv4-mapped IPv6 (RFC 4291 §2.5.5.2) so one key shape fits both. */
    static final long IPV4_MAPPED = 0xffff_0000_0000L;

    long frameNumber;
    long timeNanos;
    int length;
    /** False when the packet has no IP header to name its ends: nothing below is set. */
    boolean addressed;
    long sourceHigh, sourceLow, destinationHigh, destinationLow;
    int sourcePort, destinationPort;
    int ipProtocol;
    int vlan;
    /** TCP flag bits, or -1 when the packet has no TCP header. */
    int tcpFlags;

    /** The flow the packet was counted in, or 0 when the flow table had no room. */
    long flowId;
    boolean newFlow;
    /** True when the packet comes from the flow's initiator. */
    boolean fromInitiator;
    /** True when this packet completed the flow's TCP handshake. */
    boolean handshakeCompleted;
    /**
     * The packet's program: before counting, the one its recording named (null for none);
     * after, its flow's when the flow has one.
     */
    ProcessInfo process;

    void read(long frameNumber, Dissection d, long timeNanos) {
        this.frameNumber = frameNumber;
        this.timeNanos = timeNanos;
        this.length = d.frameLength();
        flowId = 0;
        newFlow = false;
        fromInitiator = false;
        handshakeCompleted = false;
        process = null;
        if (d.ipVersion() == 4 && d.ipv4.isComplete()) {
            sourceHigh = 0;
            sourceLow = IPV4_MAPPED | (d.ipv4.source() & 0xffff_ffffL);
            destinationHigh = 0;
            destinationLow = IPV4_MAPPED | (d.ipv4.destination() & 0xffff_ffffL);
            ipProtocol = d.ipv4.protocol();
        } else if (d.ipv6.present()) {
            sourceHigh = d.ipv6.sourceHigh64();
            sourceLow = d.ipv6.sourceLow64();
            destinationHigh = d.ipv6.destinationHigh64();
            destinationLow = d.ipv6.destinationLow64();
            // The next header may be an extension header: name the transport found behind it.
            ipProtocol = d.tcp.present() ? 6 : d.udp.present() ? 17 : d.icmpv6.present() ? 58 : d.ipv6.nextHeader();
        } else {
            addressed = false;
            tcpFlags = -1;
            return;
        }
        addressed = true;
        vlan = d.vlans.vlanCount() > 0 ? d.vlans.vlanId(0) : 0;
        // Ports and flags only of the transport the outer IP header carries: inside a tunnel
        // (L2TP, GRE) the first TCP header belongs to an inner datagram of the tunnel's flow.
        tcpFlags = ipProtocol == 6 && d.tcp.present() ? d.tcp.flags() : -1;
        if (ipProtocol == 6 && d.tcp.present()) {
            sourcePort = d.tcp.sourcePort();
            destinationPort = d.tcp.destinationPort();
        } else if (ipProtocol == 17 && d.udp.present()) {
            sourcePort = d.udp.sourcePort();
            destinationPort = d.udp.destinationPort();
        } else {
            sourcePort = 0;
            destinationPort = 0;
        }
    }

    boolean isTcp() { return tcpFlags >= 0; }

    boolean hasFlags(int flags) { return tcpFlags >= 0 && (tcpFlags & flags) == flags; }

    /** A connection request: SYN without ACK. */
    boolean isSyn() { return tcpFlags >= 0 && (tcpFlags & (0x02 | 0x10)) == 0x02; }
}
