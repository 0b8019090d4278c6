package dev.tapdeck.decode.field;

import dev.tapdeck.decode.ArpHeader;
import dev.tapdeck.decode.Ipv4Header;
import dev.tapdeck.decode.Ipv6Header;
import dev.tapdeck.decode.Protocol;
import dev.tapdeck.decode.field.FieldDef.Display;

import java.util.List;
import java.util.stream.Stream;

import static dev.tapdeck.decode.field.FieldType.BOOLEAN;
import static dev.tapdeck.decode.field.FieldType.BYTES;
import static dev.tapdeck.decode.field.FieldType.ETHER;
import static dev.tapdeck.decode.field.FieldType.IPV4;
import static dev.tapdeck.decode.field.FieldType.IPV6;
import static dev.tapdeck.decode.field.FieldType.NONE;
import static dev.tapdeck.decode.field.FieldType.UINT16;
import static dev.tapdeck.decode.field.FieldType.UINT24;
import static dev.tapdeck.decode.field.FieldType.UINT32;
import static dev.tapdeck.decode.field.FieldType.UINT8;

/** The network layer: IPv4 and its options, IPv6 and its extension headers, ARP. */
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
    public static final FieldDef IP_DSFIELD = IP.field("ip.dsfield", UINT8, "Differentiated Services Field").hex();
    public static final FieldDef IP_DSFIELD_DSCP = IP.field("ip.dsfield.dscp", UINT8, "Differentiated Services Codepoint").mask(0xfc)
            .values(ValueNames.DSCP);
    public static final FieldDef IP_DSFIELD_ECN = IP.field("ip.dsfield.ecn", UINT8, "Explicit Congestion Notification").mask(0x3)
            .values(ValueNames.ECN);
    public static final FieldDef IP_LEN = IP.field("ip.len", UINT16, "Total Length")
            .hot((p, out) -> {
                Ipv4Header ip = p.dissection().ipv4;
                if (ip.present() && ip.hasTotalLength()) {
                    Reads.number(p, ip.totalLength(), ip.offset() + 2, 2, out);
                }
            });
    public static final FieldDef IP_ID = IP.field("ip.id", UINT16, "Identification").display(Display.HEX_DEC)
            .hot((p, out) -> {
                Ipv4Header ip = p.dissection().ipv4;
                if (ip.present() && ip.isComplete()) {
                    Reads.number(p, ip.identification(), ip.offset() + 4, 2, out);
                }
            });
    public static final FieldDef IP_FLAGS = IP.field("ip.flags", UINT8, "Flags").hex().mask(0xe0)
            .describe("Flags (3 bits)");
    public static final FieldDef IP_FLAGS_RB = IP.field("ip.flags.rb", BOOLEAN, "Reserved bit").bit(8, 0x80)
            .trueFalse("Set", "Not set");
    public static final FieldDef IP_FLAGS_DF = IP.field("ip.flags.df", BOOLEAN, "Don't fragment").bit(8, 0x40)
            .trueFalse("Set", "Not set")
            .hot((p, out) -> {
                Ipv4Header ip = p.dissection().ipv4;
                if (ip.present() && ip.isComplete()) {
                    Reads.bool(ip.dontFragment(), out);
                }
            });
    public static final FieldDef IP_FLAGS_MF = IP.field("ip.flags.mf", BOOLEAN, "More fragments").bit(8, 0x20)
            .trueFalse("Set", "Not set")
            .hot((p, out) -> {
                Ipv4Header ip = p.dissection().ipv4;
                if (ip.present() && ip.isComplete()) {
                    Reads.bool(ip.moreFragments(), out);
                }
            });
    public static final FieldDef IP_FRAG_OFFSET = IP.field("ip.frag_offset", UINT16, "Fragment Offset").mask(0x1fff)
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
            .values(ValueNames.IP_PROTOCOLS)
            .hot((p, out) -> {
                Ipv4Header ip = p.dissection().ipv4;
                if (ip.present() && ip.isComplete()) {
                    Reads.number(p, ip.protocol(), ip.offset() + 9, 1, out);
                }
            });
    public static final FieldDef IP_CHECKSUM = IP.field("ip.checksum", UINT16, "Header Checksum").hex();
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
    /** The header's destination when a source route names the final one: the next hop. */
    public static final FieldDef IP_CUR_RT = IP.field("ip.cur_rt", IPV4, "Current Route");
    public static final FieldDef IP_OPT_TYPE = IP.field("ip.opt.type", UINT8, "Type");
    public static final FieldDef IP_OPT_TYPE_COPY = IP.field("ip.opt.type.copy", BOOLEAN, "Copy on fragmentation").bit(8, 0x80)
            .trueFalse("Yes", "No");
    public static final FieldDef IP_OPT_TYPE_CLASS = IP.field("ip.opt.type.class", UINT8, "Class").mask(0x60)
            .values(ValueNames.IP_OPTION_CLASSES);
    public static final FieldDef IP_OPT_TYPE_NUMBER = IP.field("ip.opt.type.number", UINT8, "Number").mask(0x1f)
            .values(ValueNames.IP_OPTION_NUMBERS);
    public static final FieldDef IP_OPT_LEN = IP.field("ip.opt.len", UINT8, "Length");
    public static final FieldDef IP_OPT_PTR = IP.field("ip.opt.ptr", UINT8, "Pointer");
    public static final FieldDef IP_REC_RT = IP.field("ip.rec_rt", IPV4, "Recorded Route");
    public static final FieldDef IP_SRC_RT = IP.field("ip.src_rt", IPV4, "Source Route");
    public static final FieldDef IP_EMPTY_RT = IP.field("ip.empty_rt", IPV4, "Empty Route");
    // Expert items: the conditions Wireshark's IPv4 dissector reports.
    public static final FieldDef IP_BOGUS_IP_LENGTH = IP.field("ip.bogus_ip_length", NONE, "Bogus IP length");
    public static final FieldDef IP_BOGUS_IP_VERSION = IP.field("ip.bogus_ip_version", NONE, "Bogus IP version");
    public static final FieldDef IP_TTL_TOO_SMALL = IP.field("ip.ttl.too_small", NONE, "Time To Live");
    public static final FieldDef IP_TTL_LNCB = IP.field("ip.ttl.lncb", NONE, "Time To Live");

    /** Each IPv4 option is a protocol of its own in Wireshark, so that its line can be filtered on. */
    public static final FieldDef IP_OPTIONS_EOL = new Declarations("ip.options.eol").protocol("IP Option - End of Options List (EOL)");
    public static final FieldDef IP_OPTIONS_NOP = new Declarations("ip.options.nop").protocol("IP Option - No-Operation (NOP)");
    public static final FieldDef IP_OPTIONS_ROUTE = new Declarations("ip.options.route").protocol("IP Option - Loose Source Route");
    public static final FieldDef IP_OPTIONS_SOURCE_ROUTE = new Declarations("ip.options.source_route").protocol("IP Option - Strict Source Route");
    public static final FieldDef IP_OPTIONS_RECORD_ROUTE = new Declarations("ip.options.record_route").protocol("IP Option - Record Route");
    public static final FieldDef IP_OPTIONS_TIMESTAMP = new Declarations("ip.options.timestamp").protocol("IP Option - Time Stamp");
    public static final FieldDef IP_OPTIONS_ROUTERALERT = new Declarations("ip.options.routeralert").protocol("IP Option - Router Alert");
    public static final FieldDef IP_OPTIONS_SECURITY = new Declarations("ip.options.security").protocol("IP Option - Security");
    public static final FieldDef IP_OPTIONS_EXT_SECURITY = new Declarations("ip.options.ext_security").protocol("IP Option - Extended Security");
    public static final FieldDef IP_OPTIONS_CIPSO = new Declarations("ip.options.cipso").protocol("IP Option - Commercial Security");
    public static final FieldDef IP_OPTIONS_SID = new Declarations("ip.options.sid").protocol("IP Option - Stream ID");
    public static final FieldDef IP_OPTIONS_MTU_PROBE = new Declarations("ip.options.mtu_probe").protocol("IP Option - MTU Probe");
    public static final FieldDef IP_OPTIONS_MTU_REPLY = new Declarations("ip.options.mtu_reply").protocol("IP Option - MTU Reply");
    public static final FieldDef IP_OPTIONS_TRACEROUTE = new Declarations("ip.options.traceroute").protocol("IP Option - Traceroute");
    public static final FieldDef IP_OPTIONS_SDB = new Declarations("ip.options.sdb").protocol("IP Option - Selective Directed Broadcast");
    public static final FieldDef IP_OPTIONS_QS = new Declarations("ip.options.qs").protocol("IP Option - Quick-Start");
    private static final List<FieldDef> IP_OPTIONS = List.of(IP_OPTIONS_EOL, IP_OPTIONS_NOP, IP_OPTIONS_ROUTE,
            IP_OPTIONS_SOURCE_ROUTE, IP_OPTIONS_RECORD_ROUTE, IP_OPTIONS_TIMESTAMP, IP_OPTIONS_ROUTERALERT, IP_OPTIONS_SECURITY,
            IP_OPTIONS_EXT_SECURITY, IP_OPTIONS_CIPSO, IP_OPTIONS_SID, IP_OPTIONS_MTU_PROBE, IP_OPTIONS_MTU_REPLY,
            IP_OPTIONS_TRACEROUTE, IP_OPTIONS_SDB, IP_OPTIONS_QS);

    private static final Declarations IPV6_DECL = new Declarations("ipv6", Protocol.IPV6);

    public static final FieldDef IPV6_PROTO = IPV6_DECL.protocol("Internet Protocol Version 6");
    public static final FieldDef IPV6_VERSION = IPV6_DECL.field("ipv6.version", UINT8, "Version")
            .hot((p, out) -> {
                Ipv6Header ip = p.dissection().ipv6;
                if (ip.present()) {
                    Reads.number(p, ip.version(), ip.offset(), 1, out);
                }
            });
    public static final FieldDef IPV6_TCLASS = IPV6_DECL.field("ipv6.tclass", UINT32, "Traffic Class").hex().mask(0xff00000);
    public static final FieldDef IPV6_TCLASS_DSCP = IPV6_DECL.field("ipv6.tclass.dscp", UINT32, "Differentiated Services Codepoint").mask(0xfc00000)
            .values(ValueNames.DSCP);
    public static final FieldDef IPV6_TCLASS_ECN = IPV6_DECL.field("ipv6.tclass.ecn", UINT32, "Explicit Congestion Notification").mask(0x300000)
            .values(ValueNames.ECN);
    public static final FieldDef IPV6_FLOW = IPV6_DECL.field("ipv6.flow", UINT24, "Flow Label").hex().mask(0xfffff);
    public static final FieldDef IPV6_PLEN = IPV6_DECL.field("ipv6.plen", UINT16, "Payload Length")
            .hot((p, out) -> {
                Ipv6Header ip = p.dissection().ipv6;
                if (ip.present()) {
                    Reads.number(p, ip.payloadLength(), ip.offset() + 4, 2, out);
                }
            });
    public static final FieldDef IPV6_NXT = IPV6_DECL.field("ipv6.nxt", UINT8, "Next Header")
            .values(ValueNames.IP_PROTOCOLS)
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

    private static final Declarations HOPOPTS = new Declarations("ipv6.hopopts", Protocol.IPV6_HOPOPTS);

    public static final FieldDef IPV6_HOPOPTS_PROTO = HOPOPTS.protocol("IPv6 Hop-by-Hop Option");
    public static final FieldDef IPV6_HOPOPTS_NXT = HOPOPTS.field("ipv6.hopopts.nxt", UINT8, "Next Header")
            .values(ValueNames.IP_PROTOCOLS);
    public static final FieldDef IPV6_HOPOPTS_LEN = HOPOPTS.field("ipv6.hopopts.len", UINT8, "Length")
            .describe("Extension header length in 8-octet words (minus 1)");
    public static final FieldDef IPV6_HOPOPTS_LEN_OCT = HOPOPTS.field("ipv6.hopopts.len_oct", UINT16, "Length")
            .describe("Extension header length in octets");

    private static final Declarations ROUTING = new Declarations("ipv6.routing", Protocol.IPV6_ROUTING);

    public static final FieldDef IPV6_ROUTING_PROTO = ROUTING.protocol("Routing Header for IPv6");
    public static final FieldDef IPV6_ROUTING_NXT = ROUTING.field("ipv6.routing.nxt", UINT8, "Next Header")
            .values(ValueNames.IP_PROTOCOLS);
    public static final FieldDef IPV6_ROUTING_LEN = ROUTING.field("ipv6.routing.len", UINT8, "Length")
            .describe("Extension header length in 8-octet words (minus 1)");
    public static final FieldDef IPV6_ROUTING_LEN_OCT = ROUTING.field("ipv6.routing.len_oct", UINT16, "Length")
            .describe("Extension header length in octets");
    public static final FieldDef IPV6_ROUTING_TYPE = ROUTING.field("ipv6.routing.type", UINT8, "Type")
            .describe("Routing Header Type")
            .values(ValueNames.IPV6_ROUTING_TYPES);
    public static final FieldDef IPV6_ROUTING_SEGLEFT = ROUTING.field("ipv6.routing.segleft", UINT8, "Segments Left")
            .describe("Routing Header Segments Left");
    public static final FieldDef IPV6_ROUTING_DEPRECATED = ROUTING.field("ipv6.routing.deprecated", NONE, "Routing header type is deprecated");

    private static final Declarations FRAGHDR = new Declarations("ipv6.fraghdr", Protocol.IPV6_FRAGHDR);

    public static final FieldDef IPV6_FRAGHDR_PROTO = FRAGHDR.protocol("Fragment Header for IPv6");
    public static final FieldDef IPV6_FRAGHDR_NXT = FRAGHDR.field("ipv6.fraghdr.nxt", UINT8, "Next header")
            .values(ValueNames.IP_PROTOCOLS);
    public static final FieldDef IPV6_FRAGHDR_RESERVED_OCTET = FRAGHDR.field("ipv6.fraghdr.reserved_octet", UINT8, "Reserved octet").hex()
            .describe("Should always be 0");
    public static final FieldDef IPV6_FRAGHDR_OFFSET = FRAGHDR.field("ipv6.fraghdr.offset", UINT16, "Offset").mask(0xfff8)
            .describe("Fragment Offset")
            .hot((p, out) -> {
                Ipv6Header ip = p.dissection().ipv6;
                if (ip.hasFragmentHeader()) {
                    out.addNumber(ip.fragmentOffset());
                }
            });
    public static final FieldDef IPV6_FRAGHDR_RESERVED_BITS = FRAGHDR.field("ipv6.fraghdr.reserved_bits", UINT16, "Reserved bits").mask(0x6);
    public static final FieldDef IPV6_FRAGHDR_MORE = FRAGHDR.field("ipv6.fraghdr.more", BOOLEAN, "More Fragments").bit(16, 0x1)
            .trueFalse("Yes", "No")
            .hot((p, out) -> {
                Ipv6Header ip = p.dissection().ipv6;
                if (ip.hasFragmentHeader()) {
                    Reads.bool(ip.moreFragments(), out);
                }
            });
    public static final FieldDef IPV6_FRAGHDR_IDENT = FRAGHDR.field("ipv6.fraghdr.ident", UINT32, "Identification").hex()
            .describe("Fragment Identification");

    private static final Declarations DSTOPTS = new Declarations("ipv6.dstopts", Protocol.IPV6_DSTOPTS);

    public static final FieldDef IPV6_DSTOPTS_PROTO = DSTOPTS.protocol("Destination Options for IPv6");
    public static final FieldDef IPV6_DSTOPTS_NXT = DSTOPTS.field("ipv6.dstopts.nxt", UINT8, "Next Header")
            .values(ValueNames.IP_PROTOCOLS);
    public static final FieldDef IPV6_DSTOPTS_LEN = DSTOPTS.field("ipv6.dstopts.len", UINT8, "Length")
            .describe("Extension header length in 8-octet words (minus 1)");
    public static final FieldDef IPV6_DSTOPTS_LEN_OCT = DSTOPTS.field("ipv6.dstopts.len_oct", UINT16, "Length")
            .describe("Extension header length in octets");

    public static final FieldDef AH_PROTO = new Declarations("ah", Protocol.AH).protocol("Authentication Header");

    private static final Declarations ARP = new Declarations("arp", Protocol.ARP);

    public static final FieldDef ARP_PROTO = ARP.protocol("Address Resolution Protocol");
    public static final FieldDef ARP_HW_TYPE = ARP.field("arp.hw.type", UINT16, "Hardware type")
            .values(ValueNames.ARP_HARDWARE_TYPES);
    public static final FieldDef ARP_PROTO_TYPE = ARP.field("arp.proto.type", UINT16, "Protocol type").hex()
            .values(ValueNames.ETHER_TYPES);
    public static final FieldDef ARP_HW_SIZE = ARP.field("arp.hw.size", UINT8, "Hardware size");
    public static final FieldDef ARP_PROTO_SIZE = ARP.field("arp.proto.size", UINT8, "Protocol size");
    public static final FieldDef ARP_OPCODE = ARP.field("arp.opcode", UINT16, "Opcode")
            .values(ValueNames.ARP_OPCODES)
            .hot((p, out) -> {
                ArpHeader arp = p.dissection().arp;
                if (arp.present()) {
                    Reads.number(p, arp.opcode(), arp.offset() + 6, 2, out);
                }
            });
    public static final FieldDef ARP_SRC_HW_MAC = ARP.field("arp.src.hw_mac", ETHER, "Sender MAC address");
    public static final FieldDef ARP_SRC_HW = ARP.field("arp.src.hw", BYTES, "Sender hardware address");
    public static final FieldDef ARP_SRC_PROTO_IPV4 = ARP.field("arp.src.proto_ipv4", IPV4, "Sender IP address")
            .hot((p, out) -> {
                ArpHeader arp = p.dissection().arp;
                if (arp.present() && arp.hasIpv4Addresses()) {
                    Reads.ipv4(p, arp.senderIpv4(), arp.offset() + 8 + arp.hardwareSize(), out);
                }
            });
    public static final FieldDef ARP_SRC_PROTO = ARP.field("arp.src.proto", BYTES, "Sender protocol address");
    public static final FieldDef ARP_DST_HW_MAC = ARP.field("arp.dst.hw_mac", ETHER, "Target MAC address");
    public static final FieldDef ARP_DST_HW = ARP.field("arp.dst.hw", BYTES, "Target hardware address");
    public static final FieldDef ARP_DST_PROTO_IPV4 = ARP.field("arp.dst.proto_ipv4", IPV4, "Target IP address")
            .hot((p, out) -> {
                ArpHeader arp = p.dissection().arp;
                if (arp.present() && arp.hasIpv4Addresses()) {
                    Reads.ipv4(p, arp.targetIpv4(), arp.offset() + 8 + 2 * arp.hardwareSize() + arp.protocolSize(), out);
                }
            });
    public static final FieldDef ARP_DST_PROTO = ARP.field("arp.dst.proto", BYTES, "Target protocol address");


    private NetworkFields() {
    }

    static List<FieldDef> all() {
        return Stream.of(IP.all(), IP_OPTIONS, IPV6_DECL.all(), HOPOPTS.all(), ROUTING.all(), FRAGHDR.all(), DSTOPTS.all(),
                List.of(AH_PROTO), ARP.all()).flatMap(List::stream).toList();
    }
}
