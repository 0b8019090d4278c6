package dev.tapdeck.decode.field;

import dev.tapdeck.decode.ArpHeader;
import dev.tapdeck.decode.Ipv4Header;
import dev.tapdeck.decode.Ipv6Header;
import dev.tapdeck.decode.Protocol;

import java.util.List;
import java.util.stream.Stream;

import static dev.tapdeck.decode.field.FieldType.BOOLEAN;
import static dev.tapdeck.decode.field.FieldType.IPV4;
import static dev.tapdeck.decode.field.FieldType.IPV6;
import static dev.tapdeck.decode.field.FieldType.UINT16;
import static dev.tapdeck.decode.field.FieldType.UINT8;

/** The network layer: IPv4, IPv6 and its extension headers, ARP. */
public final class NetworkFields {
    private static final Declarations IP = new Declarations("ip", Protocol.IP);

    public static final FieldDef IP_PROTO = IP.protocol("Internet Protocol Version 4");
    /** Also reported for IPv6, whose dissector adds it too: the version of the outermost IP header. */
    public static final FieldDef IP_VERSION = IP.field("ip.version", UINT8, "Version", Protocol.IP, Protocol.IPV6)
            .hot((p, out) -> {
                if (p.dissection().ipVersion() != 0) {
                    out.addNumber(p.dissection().ipVersion());
                }
            });
    public static final FieldDef IP_HDR_LEN = IP.field("ip.hdr_len", UINT8, "Header Length")
            .describe("Header length in 32-bit words")
            .hot((p, out) -> {
                Ipv4Header ip = p.dissection().ipv4;
                if (ip.present() && ip.hasHeaderLength()) {
                    Reads.number(p, ip.headerLength(), ip.offset(), 1, out);
                }
            });
    public static final FieldDef IP_LEN = IP.field("ip.len", UINT16, "Total Length")
            .hot((p, out) -> {
                Ipv4Header ip = p.dissection().ipv4;
                if (ip.present() && ip.hasTotalLength()) {
                    Reads.number(p, ip.totalLength(), ip.offset() + 2, 2, out);
                }
            });
    public static final FieldDef IP_ID = IP.field("ip.id", UINT16, "Identification").hex()
            .hot((p, out) -> {
                Ipv4Header ip = p.dissection().ipv4;
                if (ip.present() && ip.isComplete()) {
                    Reads.number(p, ip.identification(), ip.offset() + 4, 2, out);
                }
            });
    public static final FieldDef IP_FLAGS_DF = IP.field("ip.flags.df", BOOLEAN, "Don't fragment")
            .hot((p, out) -> {
                Ipv4Header ip = p.dissection().ipv4;
                if (ip.present() && ip.isComplete()) {
                    Reads.bool(ip.dontFragment(), out);
                }
            });
    public static final FieldDef IP_FLAGS_MF = IP.field("ip.flags.mf", BOOLEAN, "More fragments")
            .hot((p, out) -> {
                Ipv4Header ip = p.dissection().ipv4;
                if (ip.present() && ip.isComplete()) {
                    Reads.bool(ip.moreFragments(), out);
                }
            });
    public static final FieldDef IP_FRAG_OFFSET = IP.field("ip.frag_offset", UINT16, "Fragment Offset")
            .describe("Fragment offset (13 bits)")
            .hot((p, out) -> {
                Ipv4Header ip = p.dissection().ipv4;
                if (ip.present() && ip.isComplete()) {
                    out.addNumber(ip.fragmentOffset());
                }
            });
    public static final FieldDef IP_TTL = IP.field("ip.ttl", UINT8, "Time to Live")
            .hot((p, out) -> {
                Ipv4Header ip = p.dissection().ipv4;
                if (ip.present() && ip.isComplete()) {
                    Reads.number(p, ip.ttl(), ip.offset() + 8, 1, out);
                }
            });
    public static final FieldDef IP_PROTOCOL = IP.field("ip.proto", UINT8, "Protocol")
            .hot((p, out) -> {
                Ipv4Header ip = p.dissection().ipv4;
                if (ip.present() && ip.isComplete()) {
                    Reads.number(p, ip.protocol(), ip.offset() + 9, 1, out);
                }
            });
    public static final FieldDef IP_SRC = IP.field("ip.src", IPV4, "Source Address")
            .hot((p, out) -> {
                Ipv4Header ip = p.dissection().ipv4;
                if (ip.present() && ip.isComplete()) {
                    Reads.ipv4(p, ip.source(), ip.offset() + 12, out);
                }
            });
    public static final FieldDef IP_DST = IP.field("ip.dst", IPV4, "Destination Address")
            .hot((p, out) -> {
                Ipv4Header ip = p.dissection().ipv4;
                if (ip.present() && ip.hasDestination()) {
                    Reads.ipv4(p, ip.destination(), ip.destinationOffset(), out);
                }
            });
    public static final FieldDef IP_ADDR = IP.field("ip.addr", IPV4, "Source or Destination Address")
            .anyOf(IP_SRC, IP_DST)
            .hot((p, out) -> {
                IP_SRC.hotRead().read(p, out);
                IP_DST.hotRead().read(p, out);
            });

    private static final Declarations IPV6_DECL = new Declarations("ipv6", Protocol.IPV6);

    public static final FieldDef IPV6_PROTO = IPV6_DECL.protocol("Internet Protocol Version 6");
    public static final FieldDef IPV6_VERSION = IPV6_DECL.field("ipv6.version", UINT8, "Version")
            .hot((p, out) -> {
                Ipv6Header ip = p.dissection().ipv6;
                if (ip.present()) {
                    Reads.number(p, ip.version(), ip.offset(), 1, out);
                }
            });
    public static final FieldDef IPV6_PLEN = IPV6_DECL.field("ipv6.plen", UINT16, "Payload Length")
            .hot((p, out) -> {
                Ipv6Header ip = p.dissection().ipv6;
                if (ip.present()) {
                    Reads.number(p, ip.payloadLength(), ip.offset() + 4, 2, out);
                }
            });
    public static final FieldDef IPV6_NXT = IPV6_DECL.field("ipv6.nxt", UINT8, "Next Header")
            .hot((p, out) -> {
                Ipv6Header ip = p.dissection().ipv6;
                if (ip.present()) {
                    Reads.number(p, ip.nextHeader(), ip.offset() + 6, 1, out);
                }
            });
    public static final FieldDef IPV6_HLIM = IPV6_DECL.field("ipv6.hlim", UINT8, "Hop Limit")
            .hot((p, out) -> {
                Ipv6Header ip = p.dissection().ipv6;
                if (ip.present()) {
                    Reads.number(p, ip.hopLimit(), ip.offset() + 7, 1, out);
                }
            });
    public static final FieldDef IPV6_SRC = IPV6_DECL.field("ipv6.src", IPV6, "Source Address")
            .describe("Source IPv6 Address")
            .hot((p, out) -> {
                Ipv6Header ip = p.dissection().ipv6;
                if (ip.present()) {
                    Reads.bytes(p, (int) ip.sourceOffset(), 16, out);
                }
            });
    public static final FieldDef IPV6_DST = IPV6_DECL.field("ipv6.dst", IPV6, "Destination Address")
            .describe("Destination IPv6 Address")
            .hot((p, out) -> {
                Ipv6Header ip = p.dissection().ipv6;
                if (ip.present()) {
                    Reads.bytes(p, (int) ip.destinationOffset(), 16, out);
                }
            });
    public static final FieldDef IPV6_ADDR = IPV6_DECL.field("ipv6.addr", IPV6, "Source or Destination Address")
            .anyOf(IPV6_SRC, IPV6_DST)
            .hot((p, out) -> {
                IPV6_SRC.hotRead().read(p, out);
                IPV6_DST.hotRead().read(p, out);
            });
    public static final FieldDef IPV6_FRAGHDR_OFFSET = IPV6_DECL.field("ipv6.fraghdr.offset", UINT16, "Offset")
            .describe("Fragment Offset")
            .hot((p, out) -> {
                Ipv6Header ip = p.dissection().ipv6;
                if (ip.hasFragmentHeader()) {
                    out.addNumber(ip.fragmentOffset());
                }
            });
    public static final FieldDef IPV6_FRAGHDR_MORE = IPV6_DECL.field("ipv6.fraghdr.more", BOOLEAN, "More Fragments")
            .hot((p, out) -> {
                Ipv6Header ip = p.dissection().ipv6;
                if (ip.hasFragmentHeader()) {
                    Reads.bool(ip.moreFragments(), out);
                }
            });

    private static final List<FieldDef> IPV6_EXTENSIONS = List.of(
            new Declarations("ipv6.hopopts", Protocol.IPV6_HOPOPTS).protocol("IPv6 Hop-by-Hop Option"),
            new Declarations("ipv6.routing", Protocol.IPV6_ROUTING).protocol("Routing Header for IPv6"),
            new Declarations("ipv6.fraghdr", Protocol.IPV6_FRAGHDR).protocol("Fragment Header for IPv6"),
            new Declarations("ipv6.dstopts", Protocol.IPV6_DSTOPTS).protocol("Destination Options for IPv6"),
            new Declarations("ah", Protocol.AH).protocol("Authentication Header"));

    private static final Declarations ARP = new Declarations("arp", Protocol.ARP);

    public static final FieldDef ARP_PROTO = ARP.protocol("Address Resolution Protocol");
    public static final FieldDef ARP_OPCODE = ARP.field("arp.opcode", UINT16, "Opcode")
            .values(java.util.Map.of(1L, "request", 2L, "reply", 3L, "reverse request", 4L, "reverse reply"))
            .hot((p, out) -> {
                ArpHeader arp = p.dissection().arp;
                if (arp.present()) {
                    Reads.number(p, arp.opcode(), arp.offset() + 6, 2, out);
                }
            });
    public static final FieldDef ARP_SRC_PROTO_IPV4 = ARP.field("arp.src.proto_ipv4", IPV4, "Sender IP address")
            .hot((p, out) -> {
                ArpHeader arp = p.dissection().arp;
                if (arp.present() && arp.hasIpv4Addresses()) {
                    Reads.ipv4(p, arp.senderIpv4(), arp.offset() + 8 + arp.hardwareSize(), out);
                }
            });
    public static final FieldDef ARP_DST_PROTO_IPV4 = ARP.field("arp.dst.proto_ipv4", IPV4, "Target IP address")
            .hot((p, out) -> {
                ArpHeader arp = p.dissection().arp;
                if (arp.present() && arp.hasIpv4Addresses()) {
                    Reads.ipv4(p, arp.targetIpv4(), arp.offset() + 8 + 2 * arp.hardwareSize() + arp.protocolSize(), out);
                }
            });

    private NetworkFields() {
    }

    static List<FieldDef> all() {
        return Stream.of(IP.all(), IPV6_DECL.all(), IPV6_EXTENSIONS, ARP.all())
                .flatMap(List::stream).toList();
    }
}
