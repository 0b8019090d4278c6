package dev.tapdeck.analysis;

import dev.tapdeck.analysis.process.ProcessInfo;

import java.net.InetAddress;
import java.util.Optional;

/**
 * One flow as {@link FlowTable} saw it: a bidirectional 5-tuple (and VLAN) with the counts of
 * each direction. The initiator is the end that sent the first packet seen (the SYN's sender
 * for TCP, also when the SYN-ACK is the first packet seen).
 *
 * @param id             stable for the flow's life, unique within one table
 * @param vlan           the outermost 802.1Q VLAN id, 0 when untagged
 * @param firstSeenNanos packet time of its first packet, nanoseconds since the epoch
 * @param owner          the program that owned the flow's local socket, null when unknown (see {@link #process()})
 */
public record Flow(long id, int ipProtocol, int vlan,
                   InetAddress initiator, int initiatorPort, InetAddress responder, int responderPort,
                   long initiatorPackets, long initiatorBytes, long responderPackets, long responderBytes,
                   long firstSeenNanos, long lastSeenNanos, TcpState tcpState, ProcessInfo owner) {

    /** The program that owned the flow: attributed live ({@link FlowOwners}) or named by its recorded packets. */
    public Optional<ProcessInfo> process() { return Optional.ofNullable(owner); }

    /** What a TCP flow's packets have shown so far; {@link #NONE} for other protocols. */
    public enum TcpState {
        NONE,
        /** The initiator's SYN, no answer yet. */
        SYN_SENT,
        /** The responder's SYN-ACK, not yet acknowledged. */
        SYN_RECEIVED,
        /** Handshake completed, or the flow was first seen in mid-stream. */
        ESTABLISHED,
        /** One side sent FIN. */
        CLOSING,
        /** Both sides sent FIN. */
        CLOSED,
        /** A side sent RST. */
        RESET
    }

    /** Orders of {@link FlowTable#flows}: largest or latest first. */
    public enum Order { BYTES, PACKETS, LAST_SEEN }

    public long packets() { return initiatorPackets + responderPackets; }

    public long bytes() { return initiatorBytes + responderBytes; }

    public long durationNanos() { return lastSeenNanos - firstSeenNanos; }

    /** The flow's protocol name: TCP, UDP, ICMP, ICMPv6 or the IP protocol number. */
    public String protocolName() {
        return switch (ipProtocol) {
            case 6 -> "TCP";
            case 17 -> "UDP";
            case 1 -> "ICMP";
            case 58 -> "ICMPv6";
            default -> "IP proto " + ipProtocol;
        };
    }

    /** {@code 10.0.0.1:443}, {@code [2001:db8::1]:443}, or the bare address when the protocol has no ports. */
    public String initiatorEnd() { return end(initiator, initiatorPort); }

    /** The initiator's address as text, IPv6 in its shortest form. */
    public String initiatorHost() { return Hosts.text(initiator); }

    public String responderHost() { return Hosts.text(responder); }

    public String responderEnd() { return end(responder, responderPort); }

    private String end(InetAddress address, int port) {
        return ipProtocol == 6 || ipProtocol == 17 ? Hosts.endText(address, port) : Hosts.text(address);
    }
}
