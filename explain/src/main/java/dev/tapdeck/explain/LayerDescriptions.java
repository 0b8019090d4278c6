package dev.tapdeck.explain;

import dev.tapdeck.decode.Addresses;
import dev.tapdeck.decode.Dissection;
import dev.tapdeck.decode.IcmpHeader;
import dev.tapdeck.decode.PacketSummary;
import dev.tapdeck.decode.Protocol;
import dev.tapdeck.decode.TcpHeader;
import dev.tapdeck.decode.TlsClientHello;
import dev.tapdeck.file.PacketRecord;

import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** "What it is": one bullet per decoded layer, outermost first, in plain words with the key fields. */
final class LayerDescriptions {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private LayerDescriptions() {
    }

    static List<String> describe(Dissection d, PacketRecord record, PacketFacts facts) {
        List<String> bullets = new ArrayList<>();
        bullets.add(frame(d, record));
        Set<Protocol> described = EnumSet.noneOf(Protocol.class);
        for (int i = 0; i < d.quoteStart(); i++) {
            Protocol protocol = d.layer(i);
            if (protocol == Protocol.ETHERTYPE || !described.add(protocol)) {
                continue;
            }
            String bullet = layer(d, protocol, i, facts);
            if (bullet != null) {
                bullets.add(bullet);
            }
        }
        return bullets;
    }

    private static String frame(Dissection d, PacketRecord record) {
        StringBuilder text = new StringBuilder("**Frame:** ").append(record.originalLength()).append(" bytes on the wire, ");
        text.append(record.capturedLength() == record.originalLength() ? "all captured"
                : "only " + record.capturedLength() + " captured (the capture's snap length cut the rest)");
        if (record.hasTimestamp()) {
            text.append(", at ").append(TIME.format(java.time.Instant.ofEpochSecond(record.epochSeconds())));
            String fraction = String.format("%09d", record.nanos()).substring(0, Math.min(9, Math.max(1, record.timestampDigits())));
            text.append('.').append(fraction).append(" UTC");
        }
        StringBuilder protocols = new StringBuilder();
        d.appendProtocols(protocols);
        return text.append("; protocols `").append(protocols).append("`.").toString();
    }

    private static String layer(Dissection d, Protocol protocol, int index, PacketFacts facts) {
        return switch (protocol) {
            case ETH -> ethernet(d);
            case VLAN, IEEE8021AD -> vlans(d);
            case SLL -> "**Linux cooked capture:** the pseudo link header Linux writes when capturing on any interface.";
            case NULL -> "**BSD loopback:** the link header of a loopback interface (no Ethernet addresses).";
            case RAW -> "**Raw IP:** the capture holds no link-layer header; the packet starts with IP.";
            case MPLS -> "**MPLS:** a label-switched packet; the labels are stripped to reach the payload.";
            case PPPOES, PPP -> "**PPPoE / PPP:** a point-to-point session header, as DSL links use.";
            case ARP -> arp(facts);
            case IP -> index > 0 && d.ipv4.offset() != d.layerOffset(index) ? "**Inner IPv4:** an IP packet carried inside another (a tunnel)." : ipv4(d);
            case IPV6 -> index > 0 && d.ipv6.offset() != d.layerOffset(index) ? "**Inner IPv6:** an IP packet carried inside another (a tunnel)." : ipv6(d);
            case IPV6_HOPOPTS -> "**IPv6 hop-by-hop options:** options every router on the path must look at (often a Router Alert for multicast listeners).";
            case IPV6_ROUTING -> "**IPv6 routing header:** a list of hops the packet is asked to visit.";
            case IPV6_FRAGHDR -> ipv6Fragment(d);
            case IPV6_DSTOPTS -> "**IPv6 destination options:** options for the receiver only.";
            case AH -> "**IPsec AH:** an authentication header that protects the packet's integrity.";
            case TCP -> tcp(d.tcp);
            case UDP -> "**UDP:** from port " + Ports.describe(d.udp.sourcePort()) + " to port " + Ports.describe(d.udp.destinationPort())
                    + ", " + bytes(Math.max(0, d.udp.length() - 8)) + " of payload.";
            case ICMP -> icmp(d.icmp, facts);
            case ICMPV6 -> icmpv6(d, facts);
            case DNS, MDNS, LLMNR -> dns(d, protocol);
            case TLS -> tls(d.tls, facts);
            case HTTP, SSDP -> http(protocol, facts);
            case DATA -> "**Data:** " + bytes(d.capturedLength() - d.layerOffset(index)) + " of payload Tapdeck does not decode further.";
            default -> "**" + protocol.filterName().toUpperCase(java.util.Locale.ROOT) + ":** a header Tapdeck recognises but does not explain.";
        };
    }

    private static String ethernet(Dissection d) {
        StringBuilder text = new StringBuilder("**Ethernet:** from ");
        Addresses.appendMac(d.ethernet.source(), text);
        text.append(" to ");
        long destination = d.ethernet.destination();
        Addresses.appendMac(destination, text);
        if (destination == 0xffff_ffff_ffffL) {
            text.append(" (broadcast: every host on the link)");
        } else if ((destination >>> 40 & 1) != 0) {
            text.append(" (multicast)");
        }
        int type = d.ethernet.typeOrLength();
        text.append(type <= 1500 ? ", an IEEE 802.3 frame of " + type + " bytes" : ", EtherType 0x%04x".formatted(type) + etherTypeName(type));
        return text.append('.').toString();
    }

    private static String etherTypeName(int type) {
        return switch (type) {
            case 0x0800 -> " (IPv4)";
            case 0x0806 -> " (ARP)";
            case 0x86dd -> " (IPv6)";
            case 0x8100 -> " (802.1Q VLAN tag)";
            case 0x88a8 -> " (802.1ad service tag)";
            case 0x8847, 0x8848 -> " (MPLS)";
            case 0x8864 -> " (PPPoE session)";
            default -> "";
        };
    }

    private static String vlans(Dissection d) {
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < d.vlans.serviceCount(); i++) {
            ids.add(d.vlans.serviceId(i));
        }
        for (int i = 0; i < d.vlans.vlanCount(); i++) {
            ids.add(d.vlans.vlanId(i));
        }
        return "**VLAN tags:** " + (ids.size() == 1 ? "VLAN " + ids.getFirst() : "VLANs " + ids + ", outermost first (stacked, Q-in-Q)") + ".";
    }

    private static String arp(PacketFacts facts) {
        if (facts.arpOpcode() < 0) {
            return "**ARP:** not Ethernet/IPv4 addresses, which Tapdeck does not explain further.";
        }
        return switch (facts.arpOpcode()) {
            case 1 -> facts.arpSenderIp().equals(facts.arpTargetIp())
                    ? "**ARP:** a gratuitous request: " + facts.arpSenderIp() + " announces that it is at " + facts.arpSenderMac() + "."
                    : "**ARP:** request: who has " + facts.arpTargetIp() + "? Tell " + facts.arpSenderIp() + " (" + facts.arpSenderMac() + ").";
            case 2 -> "**ARP:** reply: " + facts.arpSenderIp() + " is at " + facts.arpSenderMac() + ".";
            default -> "**ARP:** opcode " + facts.arpOpcode() + " (neither request nor reply).";
        };
    }

    private static String ipv4(Dissection d) {
        var ip = d.ipv4;
        if (!ip.isComplete()) {
            return "**IPv4:** the header is cut short; only its first bytes are there.";
        }
        StringBuilder text = new StringBuilder("**IPv4:** from ");
        Addresses.appendIpv4(ip.source(), text);
        text.append(" (").append(AddressScope.ipv4(ip.source())).append(") to ");
        Addresses.appendIpv4(ip.destination(), text);
        text.append(" (").append(AddressScope.ipv4(ip.destination())).append("), TTL ").append(ip.ttl())
                .append(", protocol ").append(ipProtocolName(ip.protocol())).append(" (").append(ip.protocol()).append("), ")
                .append(ip.totalLength()).append(" bytes");
        if (ip.headerLength() > 20) {
            text.append(", ").append(ip.headerLength() - 20).append(" bytes of IP options");
        }
        if (ip.moreFragments() || ip.fragmentOffset() != 0) {
            text.append(", a fragment at byte offset ").append(ip.fragmentOffset() * 8)
                    .append(ip.moreFragments() ? " with more to follow" : ", the last one");
        } else if (ip.dontFragment()) {
            text.append(", don't-fragment set");
        }
        return text.append('.').toString();
    }

    private static String ipv6(Dissection d) {
        var ip = d.ipv6;
        byte[] bytes = d.bytes();
        StringBuilder text = new StringBuilder("**IPv6:** from ");
        Addresses.appendIpv6(bytes, ip.sourceOffset(), text);
        text.append(" (").append(AddressScope.ipv6(bytes, (int) ip.sourceOffset())).append(") to ");
        Addresses.appendIpv6(bytes, ip.destinationOffset(), text);
        text.append(" (").append(AddressScope.ipv6(bytes, (int) ip.destinationOffset())).append("), hop limit ").append(ip.hopLimit())
                .append(", next header ").append(ipProtocolName(ip.nextHeader())).append(" (").append(ip.nextHeader()).append("), ")
                .append(ip.payloadLength()).append(" bytes of payload");
        if (ip.flowLabel() != 0) {
            text.append(", flow label 0x%05x".formatted(ip.flowLabel()));
        }
        return text.append('.').toString();
    }

    private static String ipv6Fragment(Dissection d) {
        if (!d.ipv6.hasFragmentHeader()) {
            return "**IPv6 fragment header:** part of a datagram split into fragments.";
        }
        return "**IPv6 fragment header:** a fragment at byte offset " + d.ipv6.fragmentOffset() * 8
                + (d.ipv6.moreFragments() ? " with more to follow." : ", the last one.");
    }

    private static String ipProtocolName(int protocol) {
        return switch (protocol) {
            case 0 -> "hop-by-hop options";
            case 1 -> "ICMP";
            case 2 -> "IGMP";
            case 4 -> "IPv4 (tunnel)";
            case 6 -> "TCP";
            case 17 -> "UDP";
            case 41 -> "IPv6 (tunnel)";
            case 43 -> "routing header";
            case 44 -> "fragment header";
            case 47 -> "GRE";
            case 50 -> "ESP";
            case 51 -> "AH";
            case 58 -> "ICMPv6";
            case 59 -> "no next header";
            case 60 -> "destination options";
            case 89 -> "OSPF";
            case 132 -> "SCTP";
            default -> "protocol";
        };
    }

    private static String tcp(TcpHeader tcp) {
        StringBuilder text = new StringBuilder("**TCP:** from port ").append(Ports.describe(tcp.sourcePort()))
                .append(" to port ").append(Ports.describe(tcp.destinationPort())).append(", flags ");
        if (tcp.flags() == 0) {
            text.append("none");
        } else {
            PacketSummary.appendTcpFlagNames(tcp.flags(), text);
        }
        text.append(", sequence number ").append(tcp.sequence());
        if ((tcp.flags() & TcpHeader.ACK) != 0) {
            text.append(", acknowledges ").append(tcp.acknowledgement());
        }
        text.append(", window ").append(tcp.window()).append(", ");
        text.append(tcp.payloadLength() > 0 ? bytes(tcp.payloadLength()) + " of payload" : "no payload");
        List<String> options = new ArrayList<>();
        if (tcp.maximumSegmentSize() >= 0) {
            options.add("maximum segment size " + tcp.maximumSegmentSize());
        }
        if (tcp.sackPermitted()) {
            options.add("selective acknowledgements permitted");
        }
        if (tcp.windowScale() >= 0) {
            options.add("window scale ×" + (1 << Math.min(14, tcp.windowScale())));
        }
        if (tcp.timestampValue() >= 0) {
            options.add("timestamps");
        }
        if (tcp.sackBlocks() > 0) {
            options.add(tcp.sackBlocks() + " SACK block" + (tcp.sackBlocks() == 1 ? "" : "s"));
        }
        if (!options.isEmpty()) {
            text.append("; options: ").append(String.join(", ", options));
        }
        return text.append('.').toString();
    }

    private static String icmp(IcmpHeader icmp, PacketFacts facts) {
        StringBuilder text = new StringBuilder("**ICMP:** type ").append(icmp.type()).append(" code ").append(icmp.code()).append(", ")
                .append(icmp.type() == 8 || icmp.type() == 0 ? echo(icmp) : message(facts));
        return appendQuote(text, facts).append('.').toString();
    }

    private static String icmpv6(Dissection d, PacketFacts facts) {
        IcmpHeader icmp = d.icmpv6;
        StringBuilder text = new StringBuilder("**ICMPv6:** type ").append(icmp.type()).append(" code ").append(icmp.code()).append(", ")
                .append(icmp.type() == 128 || icmp.type() == 129 ? echo(icmp) : message(facts));
        String meaning = switch (icmp.type()) {
            case 133 -> ": a host asks the routers on its link to announce themselves";
            case 134 -> ": a router announces itself and the prefixes of the link";
            case 135 -> facts.source().equals("::")
                    ? ": a host checks that no one else uses " + ndpTarget(d) + " before taking it (duplicate address detection)"
                    : ": a host asks for the link-layer address of " + ndpTarget(d) + " (IPv6's ARP request)";
            case 136 -> ": " + ndpTarget(d) + " gives its link-layer address (IPv6's ARP reply)";
            case 137 -> ": a router tells the host of a better first hop for a destination";
            case 130, 131, 132, 143 -> ": multicast group membership (MLD)";
            default -> "";
        };
        text.append(meaning);
        return appendQuote(text, facts).append('.').toString();
    }

    private static String echo(IcmpHeader icmp) {
        String kind = icmp.type() == 8 || icmp.type() == 128 ? "an echo request (ping)" : "an echo reply (the answer to a ping)";
        return icmp.hasRestOfHeader() ? kind + ", identifier 0x%04x, sequence number %d".formatted(icmp.identifier(), icmp.sequenceNumber()) : kind;
    }

    /** The packet list's text of an ICMP message, without the decoder's marks. */
    private static String message(PacketFacts facts) {
        return facts.summary().replace(" [Malformed Packet]", "").replace(" [Packet size limited during capture]", "");
    }

    /** The target address of a Neighbor Solicitation or Advertisement (RFC 4861 §4.3, §4.4). */
    private static String ndpTarget(Dissection d) {
        long at = d.icmpv6.offset() + 8;
        if (at + 16 > d.capturedLength()) {
            return "an address cut off by the capture";
        }
        StringBuilder text = new StringBuilder();
        Addresses.appendIpv6(d.bytes(), at, text);
        return text.toString();
    }

    private static StringBuilder appendQuote(StringBuilder text, PacketFacts facts) {
        PacketFacts quoted = facts.quoted();
        if (quoted != null) {
            text.append("; it quotes the start of the packet that caused it: ").append(endpoints(quoted));
        }
        return text;
    }

    /** {@code UDP 10.0.0.1:5353 → 10.0.0.2:53}, or the addresses alone. */
    static String endpoints(PacketFacts facts) {
        String transport = facts.transport() == null ? "IP" : facts.transport().toUpperCase(java.util.Locale.ROOT);
        if (facts.sourcePort() < 0) {
            return transport + " " + facts.source() + " → " + facts.destination();
        }
        return transport + " " + facts.source() + ":" + facts.sourcePort() + " → " + facts.destination() + ":" + Ports.describe(facts.destinationPort());
    }

    private static String dns(Dissection d, Protocol protocol) {
        var dns = d.dns;
        String name = switch (protocol) {
            case MDNS -> "mDNS";
            case LLMNR -> "LLMNR";
            default -> "DNS";
        };
        if (!dns.present()) {
            return "**" + name + ":** a message too short to read.";
        }
        StringBuilder text = new StringBuilder("**").append(name).append(":** ")
                .append(dns.isResponse() ? "response" : "query").append(" 0x%04x".formatted(dns.id()));
        List<String> questions = new ArrayList<>();
        for (int i = 0; i < dns.questionsDecoded(); i++) {
            StringBuilder question = new StringBuilder(PacketSummary.recordTypeName(dns.questionType(i))).append(" record of ");
            dns.appendQuestionName(i, question);
            questions.add(question.toString());
        }
        if (!questions.isEmpty()) {
            text.append(dns.isResponse() ? " about the " : " asking for the ").append(String.join(", ", questions));
        }
        if (!dns.isResponse()) {
            text.append((dns.flags() & 0x0100) != 0 ? ", recursion desired" : ", no recursion asked");
            return text.append('.').toString();
        }
        text.append(": ").append(responseCode(dns.responseCode()));
        List<String> answers = DnsAnswers.read(dns, d.bytes(), d.capturedLength());
        text.append(", ").append(dns.answerCount()).append(dns.answerCount() == 1 ? " answer" : " answers");
        if (!answers.isEmpty()) {
            text.append(" (").append(String.join(", ", answers)).append(')');
        }
        if ((dns.flags() & 0x0400) != 0) {
            text.append(", authoritative");
        }
        if ((dns.flags() & 0x0200) != 0) {
            text.append(", truncated (the client should retry over TCP)");
        }
        return text.append('.').toString();
    }

    /** RFC 1035 §4.1.1, RFC 2136. */
    static String responseCode(int rcode) {
        return switch (rcode) {
            case 0 -> "no error";
            case 1 -> "a format error (FORMERR)";
            case 2 -> "a server failure (SERVFAIL)";
            case 3 -> "no such name (NXDOMAIN)";
            case 4 -> "not implemented (NOTIMP)";
            case 5 -> "a refusal (REFUSED)";
            default -> "response code " + rcode;
        };
    }

    private static String tls(TlsClientHello tls, PacketFacts facts) {
        if (!tls.present()) {
            return "**TLS:** the continuation of a record begun in an earlier segment (encrypted or handshake bytes).";
        }
        String record = switch (tls.contentType()) {
            case TlsClientHello.CONTENT_HANDSHAKE -> "a handshake record";
            case TlsClientHello.CONTENT_CHANGE_CIPHER_SPEC -> "a change-cipher-spec record (from here on this side encrypts)";
            case TlsClientHello.CONTENT_ALERT -> "an alert record (a warning or the reason the session ends)";
            case TlsClientHello.CONTENT_APPLICATION_DATA -> "an application-data record: encrypted content";
            default -> "a heartbeat record";
        };
        StringBuilder text = new StringBuilder("**TLS:** ").append(record).append(" of ").append(tls.recordLength()).append(" bytes");
        if (tls.handshakeType() == 1) {
            text.append(", a ClientHello: the client opens a TLS session");
            text.append(facts.serverName() != null ? " and names the server it wants, " + facts.serverName() + " (SNI)" : " without naming a server (no SNI)");
        } else if (tls.handshakeType() == 2) {
            text.append(", a ServerHello: the server accepts and picks the session's parameters");
        } else if (tls.handshakeType() >= 0 && tls.contentType() == TlsClientHello.CONTENT_HANDSHAKE) {
            text.append(", handshake message type ").append(tls.handshakeType());
        }
        return text.append('.').toString();
    }

    private static String http(Protocol protocol, PacketFacts facts) {
        String name = protocol == Protocol.SSDP ? "SSDP" : "HTTP";
        if (facts.httpLine() == null) {
            return "**" + name + ":** the continuation of a message begun in an earlier segment.";
        }
        return "**" + name + ":** " + (facts.httpRequest() ? "a request" : "a response") + ", `" + facts.httpLine() + "`.";
    }

    static String bytes(int count) {
        return count == 1 ? "1 byte" : count + " bytes";
    }
}
