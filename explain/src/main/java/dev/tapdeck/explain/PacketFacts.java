package dev.tapdeck.explain;

import dev.tapdeck.decode.Addresses;
import dev.tapdeck.decode.Dissection;
import dev.tapdeck.decode.LinkTypes;
import dev.tapdeck.decode.PacketDecoder;
import dev.tapdeck.decode.PacketSummary;
import dev.tapdeck.decode.Protocol;
import dev.tapdeck.file.PacketRecord;

import java.lang.foreign.MemorySegment;
import java.time.Instant;

/**
 * What the explainer needs of one packet to place it in its conversation, copied out of the
 * reused flyweights so that many packets can be compared. Numbers a packet lacks are -1,
 * texts it lacks are null.
 *
 * @param time      null when the capture gave the packet no timestamp
 * @param transport "tcp", "udp", "icmp", "icmpv6", "arp", or null
 * @param summary   the packet list's info column
 * @param quoted    the datagram an ICMP error quotes, or null
 */
record PacketFacts(long number, Instant time, String source, String destination, String transport,
                   int sourcePort, int destinationPort,
                   int tcpFlags, long sequence, long acknowledgement, int payloadLength, int window,
                   int dnsId, boolean dnsResponse, int dnsResponseCode, String dnsQuestion,
                   int icmpType, int icmpCode, int icmpIdentifier, int icmpSequence,
                   int arpOpcode, String arpSenderIp, String arpTargetIp, String arpSenderMac,
                   String httpLine, boolean httpRequest, String serverName, String summary,
                   PacketFacts quoted) {

    static PacketFacts of(long number, PacketRecord record, Dissection d) {
        Instant time = record.hasTimestamp() ? Instant.ofEpochSecond(record.epochSeconds(), record.nanos()) : null;
        return ofDissection(number, time, d);
    }

    private static PacketFacts ofDissection(long number, Instant time, Dissection d) {
        String source = text(out -> PacketSummary.appendSource(d, out));
        String destination = text(out -> PacketSummary.appendDestination(d, out));
        String summary = text(out -> PacketSummary.appendInfo(d, out));
        String transport = null;
        int sourcePort = -1, destinationPort = -1;
        int tcpFlags = -1, payloadLength = -1, window = -1;
        long sequence = -1, acknowledgement = -1;
        if (d.tcp.present()) {
            transport = "tcp";
            sourcePort = d.tcp.sourcePort();
            destinationPort = d.tcp.destinationPort();
            tcpFlags = d.tcp.flags();
            sequence = d.tcp.sequence();
            acknowledgement = d.tcp.acknowledgement();
            payloadLength = Math.max(0, d.tcp.payloadLength());
            window = d.tcp.window();
        } else if (d.udp.present()) {
            transport = "udp";
            sourcePort = d.udp.sourcePort();
            destinationPort = d.udp.destinationPort();
            payloadLength = Math.max(0, d.udp.length() - 8);
        }
        int dnsId = -1, dnsResponseCode = -1;
        boolean dnsResponse = false;
        String dnsQuestion = null;
        if (d.dns.present()) {
            dnsId = d.dns.id();
            dnsResponse = d.dns.isResponse();
            dnsResponseCode = d.dns.responseCode();
            if (d.dns.questionsDecoded() > 0) {
                dnsQuestion = PacketSummary.recordTypeName(d.dns.questionType(0)) + " " + text(out -> d.dns.appendQuestionName(0, out));
            }
        }
        int icmpType = -1, icmpCode = -1, icmpIdentifier = -1, icmpSequence = -1;
        var icmp = d.icmp.present() ? d.icmp : d.icmpv6.present() ? d.icmpv6 : null;
        if (icmp != null) {
            transport = icmp == d.icmp ? "icmp" : "icmpv6";
            icmpType = icmp.type();
            icmpCode = icmp.code();
            if (icmp.hasRestOfHeader()) {
                icmpIdentifier = icmp.identifier();
                icmpSequence = icmp.sequenceNumber();
            }
        }
        int arpOpcode = -1;
        String arpSenderIp = null, arpTargetIp = null, arpSenderMac = null;
        if (d.arp.present() && d.arp.isEthernetIpv4()) {
            transport = "arp";
            arpOpcode = d.arp.opcode();
            arpSenderIp = text(out -> Addresses.appendIpv4(d.arp.senderIpv4(), out));
            arpTargetIp = text(out -> Addresses.appendIpv4(d.arp.targetIpv4(), out));
            arpSenderMac = text(out -> Addresses.appendMac(d.arp.senderMac(), out));
        }
        String httpLine = d.http.present() ? text(d.http::appendLine) : null;
        String serverName = d.tls.present() && d.tls.hasServerName() ? text(d.tls::appendServerName) : null;
        return new PacketFacts(number, time, source, destination, transport, sourcePort, destinationPort,
                tcpFlags, sequence, acknowledgement, payloadLength, window,
                dnsId, dnsResponse, dnsResponseCode, dnsQuestion,
                icmpType, icmpCode, icmpIdentifier, icmpSequence,
                arpOpcode, arpSenderIp, arpTargetIp, arpSenderMac,
                httpLine, d.http.present() && d.http.isRequest(), serverName, summary, quoted(d));
    }

    /** The datagram inside an ICMP error, decoded on its own from its IP header. */
    private static PacketFacts quoted(Dissection outer) {
        int start = outer.quoteStart();
        if (start >= outer.layerCount()) {
            return null;
        }
        Protocol first = outer.layer(start);
        if (first != Protocol.IP && first != Protocol.IPV6) {
            return null;
        }
        int at = outer.layerOffset(start);
        int length = outer.capturedLength() - at;
        Dissection inner = new PacketDecoder().decode(MemorySegment.ofArray(outer.bytes()), at, length, length,
                first == Protocol.IPV6 ? LinkTypes.IPV6 : LinkTypes.IPV4);
        return ofDissection(0, null, inner);
    }

    boolean isTcp() { return "tcp".equals(transport); }
    boolean isUdp() { return "udp".equals(transport); }
    boolean has(int tcpFlag) { return tcpFlags >= 0 && (tcpFlags & tcpFlag) != 0; }
    boolean isDns() { return dnsId >= 0; }

    /** Same transport and the same two endpoints, in either direction. */
    boolean sameConversation(PacketFacts other) {
        return transport != null && transport.equals(other.transport) && sameDirection(other) || reverseOf(other);
    }

    /** Same transport, endpoints swapped: a packet going the other way. */
    boolean reverseOf(PacketFacts other) {
        return transport != null && transport.equals(other.transport)
                && source.equals(other.destination) && destination.equals(other.source)
                && sourcePort == other.destinationPort && destinationPort == other.sourcePort;
    }

    boolean sameDirection(PacketFacts other) {
        return source.equals(other.source) && destination.equals(other.destination) && sourcePort == other.sourcePort
                && destinationPort == other.destinationPort;
    }

    private static String text(java.util.function.Consumer<StringBuilder> writer) {
        StringBuilder out = new StringBuilder();
        writer.accept(out);
        return out.toString();
    }
}
