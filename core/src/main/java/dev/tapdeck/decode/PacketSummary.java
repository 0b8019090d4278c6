package dev.tapdeck.decode;

import dev.tapdeck.stream.StreamFacts;
import dev.tapdeck.stream.StreamMessage;
import dev.tapdeck.stream.TcpAnalysis;

import java.util.List;

/**
 * The one-line view of a decoded packet, as a packet list shows it: source, destination,
 * protocol and an info text such as {@code Standard query 0x1a2b A example.com} or
 * {@code 443 → 51234 [SYN, ACK] Seq=... Ack=... Win=... Len=0}. Appends, never allocates.
 *
 * <p>The methods that take the packet's {@link StreamFacts} show it as Wireshark does with
 * what it knows from the packets before: the TCP analysis marks, and, with TCP desegmentation,
 * a segment of a stream decoded as messages by the messages it completes (a reassembled PDU
 * shown on its last segment), or as a plain TCP segment when it completes none.
 */
public final class PacketSummary {
    /** What TCP appends to the info of a segment that only carries part of a message. */
    private static final String SEGMENT_OF_PDU = " [TCP segment of a reassembled PDU]";

    private PacketSummary() {
    }

    /** Network source address, else the link-layer one. */
    public static void appendSource(Dissection d, StringBuilder out) {
        appendAddress(d, true, out);
    }

    public static void appendDestination(Dissection d, StringBuilder out) {
        appendAddress(d, false, out);
    }

    private static void appendAddress(Dissection d, boolean source, StringBuilder out) {
        if (d.ipVersion() == 4 && d.ipv4.isComplete()) {
            Addresses.appendIpv4(source ? d.ipv4.source() : d.ipv4.destination(), out);
        } else if (d.ipv6.present()) {
            Addresses.appendIpv6(d.bytes(), source ? d.ipv6.sourceOffset() : d.ipv6.destinationOffset(), out);
        } else if (d.arp.present() && d.arp.isEthernetIpv4()) {
            Addresses.appendMac(source ? d.arp.senderMac() : d.ethernet.present() ? d.ethernet.destination() : d.arp.targetMac(), out);
        } else if (d.ethernet.present()) {
            Addresses.appendMac(source ? d.ethernet.source() : d.ethernet.destination(), out);
        }
    }

    /** What TCP does with a segment's payload under desegmentation, as Wireshark's {@code decode_tcp_ports} decides. */
    private enum Handover {
        /** Nothing to decide (no desegmentation, no payload, a stream no decoder reads): the packet's own layers. */
        OWN_LAYERS,
        /** To the stream's decoder: shown by the messages it completes, or as part of one. */
        MESSAGES,
        /** A keep-alive's byte goes to the data dissector. */
        KEEP_ALIVE_DATA,
        /** A keep-alive's byte that overlaps the end of a reassembled PDU is an error of reassembly. */
        OVERLAP,
        /** A retransmitted or out-of-order segment goes to no dissector ({@code tcp.no_subdissector_on_error}). */
        NONE
    }

    private static final int NOT_HANDED_OVER = TcpAnalysis.RETRANSMISSION | TcpAnalysis.FAST_RETRANSMISSION
            | TcpAnalysis.SPURIOUS_RETRANSMISSION | TcpAnalysis.OUT_OF_ORDER;

    /**
     * True for a segment that begins a TLS record it does not complete, after no lost
     * segment: TCP hands it to TLS, which keeps its place among the protocols and clears
     * the info column before it asks for the rest (HTTP, asking the same, leaves both).
     */
    private static boolean startsTlsRecord(StreamFacts facts) {
        return Protocol.TLS.filterName().equals(facts.messageProtocol()) && facts.messages().isEmpty() && facts.inMessage()
                && !facts.continuesMessage() && (facts.analysisFlags() & TcpAnalysis.LOST_SEGMENT) == 0;
    }

    /**
     * True when TCP desegmentation hands the packet's payload to its stream's decoder: the
     * packet then shows the messages it completes, in place of its own layers above TCP.
     */
    public static boolean showsStreamMessages(Dissection d, StreamFacts facts) {
        return handover(d, facts) == Handover.MESSAGES;
    }

    private static Handover handover(Dissection d, StreamFacts facts) {
        if (facts == null || !facts.desegmenting() || !d.tcp.present() || d.tcp.payloadLength() <= 0) {
            return Handover.OWN_LAYERS;
        }
        int flags = facts.analysisFlags();
        if ((flags & TcpAnalysis.KEEP_ALIVE) != 0) {
            return facts.afterReassembledMessage() ? Handover.OVERLAP : Handover.KEEP_ALIVE_DATA;
        }
        if ((flags & NOT_HANDED_OVER) != 0 && facts.messages().isEmpty()) {
            return Handover.NONE;
        }
        return facts.messageProtocol() != null ? Handover.MESSAGES : Handover.OWN_LAYERS;
    }

    /**
     * {@code frame.protocols}: the chain, or up to TCP and then the messages the packet
     * completes. TCP hands a message that earlier segments began to its protocol alone, then
     * the rest of the segment in a second call, so the protocol is named twice.
     */
    public static void appendProtocols(Dissection d, StreamFacts facts, StringBuilder out) {
        Handover handover = handover(d, facts);
        if (handover == Handover.OWN_LAYERS) {
            d.appendProtocols(out);
            return;
        }
        d.appendProtocolsThrough(Protocol.TCP, out);
        if (handover == Handover.KEEP_ALIVE_DATA) {
            out.append(':').append(Protocol.DATA.filterName());
        }
        if (handover == Handover.MESSAGES && startsTlsRecord(facts)) {
            out.append(':').append(facts.messageProtocol());
        }
        List<StreamMessage> messages = facts.messages();
        for (int i = 0; i < messages.size(); i++) {
            if (i == 0 || (i == 1 && facts.continuesMessage())) {
                out.append(':').append(facts.messageProtocol());
            }
            String body = messages.get(i).summary().bodyProtocols();
            if (!body.isEmpty()) {
                out.append(':').append(body);
            }
        }
        if (messages.size() == 1 && facts.continuesMessage() && facts.inMessage()) {
            out.append(':').append(facts.messageProtocol());
        }
    }

    /** The protocol column: the last message's the packet completes, TCP for a segment that completes none. */
    public static void appendProtocol(Dissection d, StreamFacts facts, StringBuilder out) {
        Handover handover = handover(d, facts);
        if (handover == Handover.OWN_LAYERS) {
            appendProtocol(d, out);
        } else if (handover != Handover.MESSAGES || facts.messages().isEmpty()) {
            out.append("TCP");
        } else {
            out.append(facts.messages().getLast().summary().column());
        }
    }

    /**
     * The info column after the TCP analysis marks: the infos of the messages the packet
     * completes, else what TCP shows of a segment, followed by {@code [TCP segment of a
     * reassembled PDU]} when a message goes on past it. HTTP has put its start line there
     * when the segment starts a message.
     */
    public static void appendInfo(Dissection d, StreamFacts facts, StringBuilder out) {
        if (facts == null) {
            appendInfo(d, out);
            return;
        }
        int marksStart = out.length();
        TcpAnalysis.appendInfoMarks(facts, out);
        Handover handover = handover(d, facts);
        if (handover == Handover.OWN_LAYERS) {
            appendOwnInfo(d, facts, out);
            return;
        }
        if (handover != Handover.MESSAGES) {
            appendTcp(d.tcp, facts, out);
            if (handover == Handover.OVERLAP) {
                out.append("[Reassembly error, protocol TCP: New fragment overlaps old data (retransmission?)]");
            }
            return;
        }
        List<StreamMessage> messages = facts.messages();
        if (messages.isEmpty()) {
            if (!facts.inMessage()) {
                appendTcp(d.tcp, facts, out); // bytes of no message, as after a gap: TCP's own line
                return;
            }
            if (startsTlsRecord(facts)) {
                // TLS has cleared the column, and TCP appends with a separator only after text.
                out.append(out.length() > marksStart ? " " : "").append(SEGMENT_OF_PDU, 1, SEGMENT_OF_PDU.length());
                return;
            }
            if (facts.partialInfo() != null) {
                out.append(facts.partialInfo());
            } else {
                appendTcp(d.tcp, facts, out);
            }
            out.append(SEGMENT_OF_PDU);
            return;
        }
        // TLS appends each record with a comma, after the marks too; the others write after the marks.
        boolean commas = Protocol.TLS.filterName().equals(facts.messageProtocol());
        for (int i = 0; i < messages.size(); i++) {
            if (i > 0 || (commas && out.length() > marksStart)) {
                out.append(", ");
            }
            out.append(messages.get(i).summary().info());
        }
    }

    /** The protocol column: the innermost protocol decoded, in upper case. */
    public static void appendProtocol(Dissection d, StringBuilder out) {
        Protocol top = d.topProtocol();
        switch (top) {
            case TLS -> appendTlsVersion(d.tls, out);
            case IPV6_HOPOPTS, IPV6_ROUTING, IPV6_FRAGHDR, IPV6_DSTOPTS -> out.append("IPv6");
            case IP -> out.append("IPv4");
            case IPV6 -> out.append("IPv6");
            case ICMPV6 -> out.append("ICMPv6");
            case IEEE8021AD, VLAN -> out.append("802.1Q");
            case PPPOES -> out.append("PPPoE");
            default -> {
                String name = top.filterName();
                for (int i = 0; i < name.length(); i++) {
                    out.append(Character.toUpperCase(name.charAt(i)));
                }
            }
        }
    }

    private static void appendTlsVersion(TlsClientHello tls, StringBuilder out) {
        if (!tls.present()) {
            out.append("TLS");
            return;
        }
        switch (tls.recordVersion()) {
            case 0x0300 -> out.append("SSLv3");
            case 0x0301 -> out.append("TLSv1");
            case 0x0302 -> out.append("TLSv1.1");
            default -> out.append("TLSv1.2");
        }
    }

    /** The info column, from the packet alone. */
    public static void appendInfo(Dissection d, StringBuilder out) {
        appendOwnInfo(d, null, out);
    }

    /** The info column from the packet's own layers; TCP's line with what {@code facts} (null for nothing) know of its window. */
    private static void appendOwnInfo(Dissection d, StreamFacts facts, StringBuilder out) {
        Protocol top = d.topProtocol();
        // With desegmentation, tshark's own texts: HTTP leaves a space after its line, and the
        // marks of a damaged packet follow without one.
        boolean likeTshark = facts != null && facts.desegmenting();
        switch (top) {
            case DNS, MDNS, LLMNR -> appendDns(d.dns, out);
            case HTTP, SSDP -> {
                if (d.http.present()) {
                    d.http.appendLine(out);
                    if (likeTshark) {
                        out.append(' ');
                    }
                } else if (likeTshark) {
                    out.append("Continuation");
                } else {
                    appendTransport(d, facts, out);
                    out.append(" Continuation");
                }
            }
            case TLS -> appendTls(d, facts, out);
            case TCP, UDP -> appendTransport(d, facts, out);
            case ICMP -> appendIcmp(d, out);
            case ICMPV6 -> appendIcmpv6(d, out);
            case ARP -> appendArp(d.arp, out);
            default -> {
                if (d.tcp.present() || d.udp.present()) {
                    appendTransport(d, facts, out);
                } else if (d.ipv4.present() && d.ipv4.isComplete() && d.ipv4.fragmentOffset() != 0) {
                    out.append("Fragmented IP protocol (proto=").append(d.ipv4.protocol())
                            .append(", off=").append(d.ipv4.fragmentOffset() * 8).append(')');
                } else {
                    out.append(d.frameLength()).append(" bytes");
                }
            }
        }
        if (d.malformed()) {
            out.append(likeTshark ? "[Malformed Packet]" : " [Malformed Packet]");
        } else if (d.truncated()) {
            out.append(likeTshark ? "[Packet size limited during capture]" : " [Packet size limited during capture]");
        }
    }

    private static void appendTransport(Dissection d, StreamFacts facts, StringBuilder out) {
        if (d.tcp.present()) {
            appendTcp(d.tcp, facts, out);
        } else if (d.udp.present()) {
            UdpHeader udp = d.udp;
            out.append(udp.sourcePort()).append(" → ").append(udp.destinationPort())
                    .append(" Len=").append(Math.max(0, udp.length() - UdpHeader.LENGTH));
        }
    }

    /** In bit order, the order in which Wireshark lists them. */
    private static final String[] TCP_FLAG_NAMES = {"FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR", "AE"};

    /** The names of the set flags, comma-separated: {@code SYN, ACK}. */
    public static void appendTcpFlagNames(int flags, StringBuilder out) {
        boolean first = true;
        for (int bit = 0; bit < TCP_FLAG_NAMES.length; bit++) {
            if ((flags & (1 << bit)) != 0) {
                out.append(first ? "" : ", ").append(TCP_FLAG_NAMES[bit]);
                first = false;
            }
        }
    }

    /**
     * TCP's line. With TCP desegmentation ({@code facts} say so), as Wireshark writes it: the
     * window scaled by the factor the handshake set, the options in the header's order, each
     * SACK block's edges. Else, as Tapdeck always has: the window as sent, the options in a
     * fixed order.
     */
    private static void appendTcp(TcpHeader tcp, StreamFacts facts, StringBuilder out) {
        out.append(tcp.sourcePort()).append(" → ").append(tcp.destinationPort()).append(" [");
        int flags = tcp.flags();
        appendTcpFlagNames(flags, out);
        out.append("] Seq=").append(tcp.sequence());
        if ((flags & TcpHeader.ACK) != 0) {
            out.append(" Ack=").append(tcp.acknowledgement());
        }
        boolean likeTshark = facts != null && facts.desegmenting();
        out.append(" Win=").append(likeTshark && facts.windowSize() >= 0 ? facts.windowSize() : tcp.window());
        out.append(" Len=").append(Math.max(0, tcp.payloadLength()));
        if (likeTshark) {
            tcp.appendOptionsInfo(out);
            return;
        }
        int mss = tcp.maximumSegmentSize();
        if (mss >= 0) {
            out.append(" MSS=").append(mss);
        }
        if (tcp.sackPermitted()) {
            out.append(" SACK_PERM");
        }
        long tsval = tcp.timestampValue();
        if (tsval >= 0) {
            out.append(" TSval=").append(tsval).append(" TSecr=").append(tcp.timestampEcho());
        }
        int scale = tcp.windowScale();
        if (scale >= 0) {
            out.append(" WS=").append(1 << Math.min(scale, 14));
        }
        int sacks = tcp.sackBlocks();
        if (sacks > 0) {
            out.append(" SACK blocks=").append(sacks);
        }
    }

    private static void appendDns(DnsMessage dns, StringBuilder out) {
        if (!dns.present()) {
            out.append("DNS (incomplete)");
            return;
        }
        out.append(dns.opcode() == 0 ? "Standard query" : dns.opcode() == 5 ? "Dynamic update" : "Query");
        if (dns.isResponse()) {
            out.append(" response");
        }
        out.append(" 0x");
        appendHex4(dns.id(), out);
        if (dns.isResponse() && dns.responseCode() != 0) {
            out.append(' ').append(responseCodeName(dns.responseCode()));
        }
        for (int i = 0; i < dns.questionsDecoded(); i++) {
            out.append(' ').append(recordTypeName(dns.questionType(i))).append(' ');
            dns.appendQuestionName(i, out);
        }
    }

    private static void appendHex4(int value, StringBuilder out) {
        for (int shift = 12; shift >= 0; shift -= 4) {
            out.append(Character.forDigit((value >>> shift) & 0xf, 16));
        }
    }

    /** RFC 1035 §3.2.2 and later registrations. */
    public static String recordTypeName(int type) {
        return switch (type) {
            case 1 -> "A";
            case 2 -> "NS";
            case 5 -> "CNAME";
            case 6 -> "SOA";
            case 12 -> "PTR";
            case 13 -> "HINFO";
            case 15 -> "MX";
            case 16 -> "TXT";
            case 28 -> "AAAA";
            case 33 -> "SRV";
            case 35 -> "NAPTR";
            case 41 -> "OPT";
            case 43 -> "DS";
            case 46 -> "RRSIG";
            case 47 -> "NSEC";
            case 48 -> "DNSKEY";
            case 64 -> "SVCB";
            case 65 -> "HTTPS";
            case 255 -> "ANY";
            default -> "TYPE" + type;
        };
    }

    private static String responseCodeName(int rcode) {
        return switch (rcode) {
            case 1 -> "Format error";
            case 2 -> "Server failure";
            case 3 -> "No such name";
            case 4 -> "Not implemented";
            case 5 -> "Refused";
            default -> "Rcode " + rcode;
        };
    }

    private static void appendTls(Dissection d, StreamFacts facts, StringBuilder out) {
        TlsClientHello tls = d.tls;
        if (!tls.present()) {
            appendTransport(d, facts, out);
            out.append(" Continuation Data");
            return;
        }
        switch (tls.contentType()) {
            case TlsClientHello.CONTENT_HANDSHAKE -> {
                switch (tls.handshakeType()) {
                    case 1 -> {
                        out.append("Client Hello");
                        if (tls.hasServerName()) {
                            out.append(" (SNI=");
                            tls.appendServerName(out);
                            out.append(')');
                        }
                    }
                    case 2 -> out.append("Server Hello");
                    case 4 -> out.append("New Session Ticket");
                    case 11 -> out.append("Certificate");
                    case 12 -> out.append("Server Key Exchange");
                    case 14 -> out.append("Server Hello Done");
                    case 16 -> out.append("Client Key Exchange");
                    default -> out.append("Handshake");
                }
            }
            case TlsClientHello.CONTENT_CHANGE_CIPHER_SPEC -> out.append("Change Cipher Spec");
            case TlsClientHello.CONTENT_ALERT -> out.append("Alert");
            case TlsClientHello.CONTENT_APPLICATION_DATA -> out.append("Application Data");
            default -> out.append("Heartbeat");
        }
    }

    private static void appendIcmp(Dissection d, StringBuilder out) {
        IcmpHeader icmp = d.icmp;
        if (!icmp.present()) {
            out.append("ICMP");
            return;
        }
        int type = icmp.type();
        switch (type) {
            case 0, 8 -> {
                // Wireshark's column: the sequence number read both ways, then the TTL.
                out.append(type == 8 ? "Echo (ping) request" : "Echo (ping) reply");
                if (!icmp.hasRestOfHeader()) {
                    return;
                }
                out.append(type == 8 ? "  id=0x" : "    id=0x");
                appendHex4(icmp.identifier(), out);
                int sequence = icmp.sequenceNumber();
                out.append(", seq=").append(sequence).append('/').append(Integer.reverseBytes(sequence) >>> 16);
                if (d.ipv4.isComplete()) {
                    out.append(", ttl=").append(d.ipv4.ttl());
                }
            }
            case 3 -> out.append("Destination unreachable (").append(unreachableReason(icmp.code())).append(')');
            case 4 -> out.append("Source quench (flow control)");
            case 5 -> out.append("Redirect");
            case 9 -> out.append("Router advertisement");
            case 10 -> out.append("Router solicitation");
            case 11 -> out.append(icmp.code() == 0 ? "Time-to-live exceeded (Time to live exceeded in transit)"
                    : "Time-to-live exceeded (Fragment reassembly time exceeded)");
            case 12 -> out.append("Parameter problem");
            case 13 -> out.append("Timestamp request");
            case 14 -> out.append("Timestamp reply");
            case 17 -> out.append("Address mask request");
            case 18 -> out.append("Address mask reply");
            default -> out.append("Type ").append(type).append(", code ").append(icmp.code());
        }
    }

    private static String unreachableReason(int code) {
        return switch (code) {
            case 0 -> "Network unreachable";
            case 1 -> "Host unreachable";
            case 2 -> "Protocol unreachable";
            case 3 -> "Port unreachable";
            case 4 -> "Fragmentation needed";
            case 13 -> "Communication administratively filtered";
            default -> "code " + code;
        };
    }

    private static void appendIcmpv6(Dissection d, StringBuilder out) {
        IcmpHeader icmp = d.icmpv6;
        if (!icmp.present()) {
            out.append("ICMPv6");
            return;
        }
        int type = icmp.type();
        switch (type) {
            case 1 -> out.append("Destination Unreachable");
            case 2 -> out.append("Packet Too Big");
            case 3 -> out.append("Time Exceeded");
            case 4 -> out.append("Parameter Problem");
            case 128, 129 -> {
                out.append(type == 128 ? "Echo (ping) request" : "Echo (ping) reply");
                if (!icmp.hasRestOfHeader()) {
                    return;
                }
                out.append(" id=0x");
                appendHex4(icmp.identifier(), out);
                out.append(", seq=").append(icmp.sequenceNumber());
            }
            case 130 -> out.append("Multicast Listener Query");
            case 131 -> out.append("Multicast Listener Report");
            case 132 -> out.append("Multicast Listener Done");
            case 133 -> out.append("Router Solicitation");
            case 134 -> out.append("Router Advertisement");
            case 135 -> out.append("Neighbor Solicitation");
            case 136 -> out.append("Neighbor Advertisement");
            case 137 -> out.append("Redirect");
            case 143 -> out.append("Multicast Listener Report Message v2");
            default -> out.append("Type ").append(type).append(", code ").append(icmp.code());
        }
    }

    private static void appendArp(ArpHeader arp, StringBuilder out) {
        if (!arp.present() || !arp.isEthernetIpv4()) {
            out.append("ARP");
            return;
        }
        switch (arp.opcode()) {
            case 1 -> {
                out.append("Who has ");
                Addresses.appendIpv4(arp.targetIpv4(), out);
                out.append("? Tell ");
                Addresses.appendIpv4(arp.senderIpv4(), out);
            }
            case 2 -> {
                Addresses.appendIpv4(arp.senderIpv4(), out);
                out.append(" is at ");
                Addresses.appendMac(arp.senderMac(), out);
            }
            default -> out.append("ARP opcode ").append(arp.opcode());
        }
    }
}
