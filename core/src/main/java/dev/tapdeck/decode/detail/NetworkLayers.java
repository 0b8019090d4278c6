package dev.tapdeck.decode.detail;

import dev.tapdeck.decode.Addresses;
import dev.tapdeck.decode.ArpHeader;
import dev.tapdeck.decode.Dissection;
import dev.tapdeck.decode.Ipv4Header;
import dev.tapdeck.decode.Ipv6Header;
import dev.tapdeck.decode.Protocol;
import dev.tapdeck.decode.field.FieldDef;
import dev.tapdeck.decode.field.NetworkFields;

import java.util.ArrayList;
import java.util.List;

import static dev.tapdeck.decode.detail.LinkLayers.hex2;
import static dev.tapdeck.decode.field.NetworkFields.ARP_DST_HW;
import static dev.tapdeck.decode.field.NetworkFields.ARP_DST_HW_MAC;
import static dev.tapdeck.decode.field.NetworkFields.ARP_DST_PROTO;
import static dev.tapdeck.decode.field.NetworkFields.ARP_DST_PROTO_IPV4;
import static dev.tapdeck.decode.field.NetworkFields.ARP_HW_SIZE;
import static dev.tapdeck.decode.field.NetworkFields.ARP_HW_TYPE;
import static dev.tapdeck.decode.field.NetworkFields.ARP_OPCODE;
import static dev.tapdeck.decode.field.NetworkFields.ARP_PROTO;
import static dev.tapdeck.decode.field.NetworkFields.ARP_PROTO_SIZE;
import static dev.tapdeck.decode.field.NetworkFields.ARP_PROTO_TYPE;
import static dev.tapdeck.decode.field.NetworkFields.ARP_SRC_HW;
import static dev.tapdeck.decode.field.NetworkFields.ARP_SRC_HW_MAC;
import static dev.tapdeck.decode.field.NetworkFields.ARP_SRC_PROTO;
import static dev.tapdeck.decode.field.NetworkFields.ARP_SRC_PROTO_IPV4;
import static dev.tapdeck.decode.field.NetworkFields.IPV6_DST;
import static dev.tapdeck.decode.field.NetworkFields.IPV6_FLOW;
import static dev.tapdeck.decode.field.NetworkFields.IPV6_FRAGHDR_IDENT;
import static dev.tapdeck.decode.field.NetworkFields.IPV6_FRAGHDR_MORE;
import static dev.tapdeck.decode.field.NetworkFields.IPV6_FRAGHDR_NXT;
import static dev.tapdeck.decode.field.NetworkFields.IPV6_FRAGHDR_OFFSET;
import static dev.tapdeck.decode.field.NetworkFields.IPV6_FRAGHDR_PROTO;
import static dev.tapdeck.decode.field.NetworkFields.IPV6_FRAGHDR_RESERVED_BITS;
import static dev.tapdeck.decode.field.NetworkFields.IPV6_FRAGHDR_RESERVED_OCTET;
import static dev.tapdeck.decode.field.NetworkFields.IPV6_HLIM;
import static dev.tapdeck.decode.field.NetworkFields.IPV6_NXT;
import static dev.tapdeck.decode.field.NetworkFields.IPV6_PLEN;
import static dev.tapdeck.decode.field.NetworkFields.IPV6_PROTO;
import static dev.tapdeck.decode.field.NetworkFields.IPV6_ROUTING_SEGLEFT;
import static dev.tapdeck.decode.field.NetworkFields.IPV6_ROUTING_TYPE;
import static dev.tapdeck.decode.field.NetworkFields.IPV6_SRC;
import static dev.tapdeck.decode.field.NetworkFields.IPV6_TCLASS;
import static dev.tapdeck.decode.field.NetworkFields.IPV6_TCLASS_DSCP;
import static dev.tapdeck.decode.field.NetworkFields.IPV6_TCLASS_ECN;
import static dev.tapdeck.decode.field.NetworkFields.IPV6_VERSION;
import static dev.tapdeck.decode.field.NetworkFields.IP_CHECKSUM;
import static dev.tapdeck.decode.field.NetworkFields.IP_CUR_RT;
import static dev.tapdeck.decode.field.NetworkFields.IP_DSFIELD;
import static dev.tapdeck.decode.field.NetworkFields.IP_DSFIELD_DSCP;
import static dev.tapdeck.decode.field.NetworkFields.IP_DSFIELD_ECN;
import static dev.tapdeck.decode.field.NetworkFields.IP_DST;
import static dev.tapdeck.decode.field.NetworkFields.IP_EMPTY_RT;
import static dev.tapdeck.decode.field.NetworkFields.IP_FLAGS;
import static dev.tapdeck.decode.field.NetworkFields.IP_FLAGS_DF;
import static dev.tapdeck.decode.field.NetworkFields.IP_FLAGS_MF;
import static dev.tapdeck.decode.field.NetworkFields.IP_FLAGS_RB;
import static dev.tapdeck.decode.field.NetworkFields.IP_FRAG_OFFSET;
import static dev.tapdeck.decode.field.NetworkFields.IP_HDR_LEN;
import static dev.tapdeck.decode.field.NetworkFields.IP_ID;
import static dev.tapdeck.decode.field.NetworkFields.IP_LEN;
import static dev.tapdeck.decode.field.NetworkFields.IP_OPT_LEN;
import static dev.tapdeck.decode.field.NetworkFields.IP_OPT_PTR;
import static dev.tapdeck.decode.field.NetworkFields.IP_OPT_TYPE;
import static dev.tapdeck.decode.field.NetworkFields.IP_OPT_TYPE_CLASS;
import static dev.tapdeck.decode.field.NetworkFields.IP_OPT_TYPE_COPY;
import static dev.tapdeck.decode.field.NetworkFields.IP_OPT_TYPE_NUMBER;
import static dev.tapdeck.decode.field.NetworkFields.IP_PROTO;
import static dev.tapdeck.decode.field.NetworkFields.IP_PROTOCOL;
import static dev.tapdeck.decode.field.NetworkFields.IP_REC_RT;
import static dev.tapdeck.decode.field.NetworkFields.IP_SRC;
import static dev.tapdeck.decode.field.NetworkFields.IP_SRC_RT;
import static dev.tapdeck.decode.field.NetworkFields.IP_TTL;
import static dev.tapdeck.decode.field.NetworkFields.IP_VERSION;

/** Detail nodes of the network layer: ARP, IPv4 with its options, IPv6 with its extension headers. */
final class NetworkLayers {
    private NetworkLayers() {
    }

    /** ARP (RFC 826): the fixed part, then the four addresses whose sizes it gives. */
    static void arp(Dissection d, PacketBytes bytes, int at, List<NodeBuilder> layers) {
        ArpHeader arp = d.arp;
        int opcode = arp.opcode();
        int hardwareSize = arp.hardwareSize();
        int protocolSize = arp.protocolSize();
        String operation = ARP_OPCODE.valueName(opcode);
        NodeBuilder node = NodeBuilder.protocol(bytes, ARP_PROTO, "Address Resolution Protocol (" + (operation == null ? "opcode " + opcode : operation) + ")",
                at, 8 + 2 * (hardwareSize + protocolSize));
        layers.add(node);
        node.number(ARP_HW_TYPE, arp.hardwareType(), at, 2);
        node.number(ARP_PROTO_TYPE, arp.protocolType(), at + 2, 2);
        node.field(ARP_HW_SIZE, hardwareSize, at + 4, 1);
        node.field(ARP_PROTO_SIZE, protocolSize, at + 5, 1);
        node.number(ARP_OPCODE, opcode, at + 6, 2);
        int sender = at + 8;
        int target = sender + hardwareSize + protocolSize;
        address(node, ARP_SRC_HW_MAC, ARP_SRC_HW, ARP_SRC_PROTO_IPV4, ARP_SRC_PROTO, bytes, sender, hardwareSize, protocolSize);
        address(node, ARP_DST_HW_MAC, ARP_DST_HW, ARP_DST_PROTO_IPV4, ARP_DST_PROTO, bytes, target, hardwareSize, protocolSize);
    }

    /** A hardware address and a protocol address: a MAC and an IPv4 address when their sizes say so, else bytes. */
    private static void address(NodeBuilder arp, FieldDef mac, FieldDef hardware, FieldDef ipv4, FieldDef protocol,
                                PacketBytes bytes, int at, int hardwareSize, int protocolSize) {
        if (hardwareSize == 6) {
            arp.field(mac, bytes.mac(at), at, 6);
        } else {
            arp.field(hardware, bytes.colonHex(at, hardwareSize), at, hardwareSize);
        }
        int protocolAt = at + hardwareSize;
        if (protocolSize == 4) {
            arp.field(ipv4, bytes.ipv4(protocolAt), protocolAt, 4);
        } else {
            arp.field(protocol, bytes.colonHex(protocolAt, protocolSize), protocolAt, protocolSize);
        }
    }

    /**
     * IPv4 (RFC 791 §3.1). Returns where the datagram's payload ends, from its total length.
     * {@code quote} is true for a datagram an ICMP error quotes.
     */
    static int ipv4(Dissection d, PacketBytes bytes, int at, List<NodeBuilder> layers, int payloadEnd, boolean quote) {
        Ipv4Header ip = d.ipv4;
        int headerLength = ip.hasHeaderLength() ? ip.headerLength() : 20;
        // Wireshark shows a source route's last hop as ip.dst, and the header's destination as the next hop.
        boolean sourceRouted = ip.hasDestination() && ip.destinationOffset() != ip.offset() + 16;
        String label = "Internet Protocol Version 4";
        if (ip.isComplete()) {
            label += ", Src: " + bytes.ipv4(at + 12) + ", Dst: " + ipv4Text(ip.hasDestination() ? ip.destination() : ip.headerDestination())
                    + (sourceRouted ? ", Via: " + bytes.ipv4(at + 16) : "");
        }
        NodeBuilder node = NodeBuilder.protocol(bytes, IP_PROTO, label, at, Math.max(headerLength, 1));
        layers.add(node);
        int first = bytes.u8(at);
        NodeBuilder version = node.bits(IP_VERSION, first, 0xf0, 8, at, 1);
        if (ip.version() != 4) {
            version.expert(Expert.IP_BOGUS_VERSION, "Bogus IPv4 version");
        }
        if (!ip.hasHeaderLength()) {
            return payloadEnd;
        }
        node.bitField(IP_HDR_LEN, headerLength + " bytes (" + headerLength / 4 + ")", String.valueOf(headerLength), first, 0x0f, 8, at, 1);
        int ds = ip.differentiatedServices();
        NodeBuilder dsField = node.number(IP_DSFIELD, ds, at + 1, 1);
        dsField.bits(IP_DSFIELD_DSCP, ds, at + 1, 1);
        dsField.bits(IP_DSFIELD_ECN, ds, at + 1, 1);
        if (!ip.hasTotalLength()) {
            return payloadEnd;
        }
        if (ip.totalLength() < headerLength) {
            node.labelledField(IP_LEN, "Total Length: %d bytes (bogus, less than header length %d)".formatted(ip.totalLength(), headerLength),
                    String.valueOf(ip.totalLength()), at + 2, 2).expert(Expert.IP_BOGUS_LENGTH, NetworkFields.IP_BOGUS_IP_LENGTH.label());
            return payloadEnd;
        }
        NodeBuilder totalLength = node.field(IP_LEN, ip.totalLength(), at + 2, 2);
        // The packet as it was on the wire, from this header on; a quote is short by nature.
        int reported = d.frameLength() - at;
        if (ip.totalLength() > reported && !quote) {
            totalLength.expert(Expert.IP_BOGUS_LENGTH, "IPv4 total length exceeds packet length (" + reported + " bytes)");
        }
        if (!ip.isComplete()) {
            return payloadEnd;
        }
        node.number(IP_ID, ip.identification(), at + 4, 2);
        int flagsByte = bytes.u8(at + 6);
        int flags = flagsByte >>> 5;
        String flagText = "0x" + Integer.toHexString(flags) + (ip.dontFragment() ? ", Don't fragment" : "") + (ip.moreFragments() ? ", More fragments" : "");
        NodeBuilder flagField = node.bitField(IP_FLAGS, flagText, hex2(flags), flagsByte, (int) IP_FLAGS.bitmask(), 8, at + 6, 1);
        flagField.flag(IP_FLAGS_RB, flagsByte, at + 6, 1);
        flagField.flag(IP_FLAGS_DF, flagsByte, at + 6, 1);
        flagField.flag(IP_FLAGS_MF, flagsByte, at + 6, 1);
        // The line gives the offset in bytes, the field in the header's 8-byte units.
        String fragmentOffset = String.valueOf(ip.fragmentOffset());
        node.bitField(IP_FRAG_OFFSET, String.valueOf(ip.fragmentOffset() * 8), fragmentOffset, bytes.u16(at + 6), (int) IP_FRAG_OFFSET.bitmask(), 16, at + 6, 2);
        NodeBuilder ttl = node.field(IP_TTL, ip.ttl(), at + 8, 1);
        ttlExpert(ip, ttl);
        node.number(IP_PROTOCOL, ip.protocol(), at + 9, 1);
        String checksum = NodeBuilder.valueText(IP_CHECKSUM, ip.checksum());
        node.labelledField(IP_CHECKSUM, "Header Checksum: " + checksum + " [validation disabled]", checksum, at + 10, 2);
        node.field(IP_SRC, ipv4Text(ip.source()), at + 12, 4);
        if (sourceRouted) {
            node.field(IP_CUR_RT, bytes.ipv4(at + 16), at + 16, 4);
        } else {
            node.field(IP_DST, ipv4Text(ip.headerDestination()), at + 16, 4);
        }
        if (headerLength > 20) {
            // Wireshark adds the option list over all its bytes at once: a cut list ends the header.
            bytes.require(at + 20, headerLength - 20);
            options(node, ip, bytes, at + 20, at + headerLength);
        }
        return Math.min(payloadEnd, at + ip.totalLength());
    }

    /**
     * Wireshark's notes on the time to live: a packet to the local network control block
     * (224.0.0.0/24, RFC 3171) should have 1, any other unicast one more than 1.
     */
    private static void ttlExpert(Ipv4Header ip, NodeBuilder ttl) {
        int destination = ip.hasDestination() ? ip.destination() : ip.headerDestination();
        if ((destination & 0xffffff00) == 0xe0000000) {
            if (ip.ttl() != 1 && !TTL_EXEMPT.contains(destination)) {
                ttl.expert(Expert.IP_TTL_LNCB, "\"Time To Live\" != 1 for a packet sent to the Local Network Control Block (see RFC 3171)");
            }
        } else if ((destination & 0xf0000000) != 0xe0000000 && ip.ttl() < 5 && ip.protocol() != 103 && ip.protocol() != 89) {
            // PIM (103) and OSPF (89) are sent with a small time to live on purpose.
            ttl.expert(Expert.IP_TTL_TOO_SMALL, "\"Time To Live\" only " + ip.ttl());
        }
    }

    /** Local network control block groups whose protocols send with a time to live other than 1: VRRP, GLBP, mDNS. */
    private static final java.util.Set<Integer> TTL_EXEMPT = java.util.Set.of(0xe0000012, 0xe0000066, 0xe00000fb);

    /** One IPv4 option as the option list shows it, with the option's protocol and name. */
    private record Option(FieldDef protocol, String name, int at, int length) { }

    /**
     * IPv4 options (RFC 791 §3.1): End of Options List and No-Operation are one byte, the rest
     * kind, length, data. The list's line names the options after its length, as Wireshark's does.
     */
    private static void options(NodeBuilder ip, Ipv4Header header, PacketBytes bytes, int from, int to) {
        List<Option> list = new ArrayList<>();
        int at = from;
        while (at < to) {
            int type = bytes.u8(at);
            if (type == 0 || type == 1) {
                list.add(new Option(ipOption(type), null, at, 1));
                at++;
                if (type == 0) {
                    break;
                }
                continue;
            }
            int length = at + 1 < to ? bytes.u8(at + 1) : 0;
            if (length < 2 || at + length > to) {
                break; // a bogus length: Wireshark stops the list here
            }
            FieldDef protocol = ipOption(type);
            list.add(new Option(protocol, protocol == null ? "Unknown (0x" + Integer.toHexString(type) + ")"
                    : protocol.label().substring("IP Option - ".length()), at, length));
            at += length;
        }
        StringBuilder label = new StringBuilder("Options: (").append(to - from).append(" bytes)");
        list.stream().filter(option -> option.name() != null).forEach(option -> label.append(", ").append(option.name()));
        NodeBuilder options = ip.text(label.toString(), from, Math.min(to, bytes.captured()) - from);
        for (Option option : list) {
            option(options, header, bytes, option);
        }
    }

    private static void option(NodeBuilder options, Ipv4Header header, PacketBytes bytes, Option option) {
        int at = option.at();
        int type = bytes.u8(at);
        // An option's line, as its protocol's, has the option's bytes for value.
        String raw = bytes.colonHex(at, option.length());
        NodeBuilder node = option.name() == null
                ? options.labelledField(option.protocol(), option.protocol().label(), raw, at, 1)
                : option.protocol() == null
                ? options.text("IP Option - " + option.name() + " (" + option.length() + " bytes)", at, option.length())
                : options.labelledField(option.protocol(), option.protocol().label() + " (" + option.length() + " bytes)", raw, at, option.length());
        NodeBuilder typeField = node.field(IP_OPT_TYPE, type, at, 1);
        typeField.flag(IP_OPT_TYPE_COPY, type, at, 1);
        typeField.bits(IP_OPT_TYPE_CLASS, type, at, 1);
        typeField.bits(IP_OPT_TYPE_NUMBER, type, at, 1);
        if (option.name() == null) {
            return;
        }
        int length = option.length();
        node.field(IP_OPT_LEN, length, at + 1, 1);
        if (type == 68 && length > 2) {
            node.field(IP_OPT_PTR, bytes.u8(at + 2), at + 2, 1);
        }
        if (type == 131 || type == 137 || type == 7) {
            int pointer = bytes.u8(at + 2);
            node.field(IP_OPT_PTR, pointer, at + 2, 1);
            for (int address = at + 3; address + 4 <= at + length; address += 4) {
                route(node, header, bytes, type, pointer, address - at, address);
            }
        }
    }

    /**
     * One address of a route option: a recorded route's hops so far, then its empty slots (the
     * pointer's one marked next); a source route's last hop, when it is the datagram's final
     * destination, is {@code ip.dst}.
     */
    private static void route(NodeBuilder option, Ipv4Header header, PacketBytes bytes, int type, int pointer, int position, int address) {
        String hop = bytes.ipv4(address);
        if (type == 7) {
            if (position + 1 < pointer) {
                option.field(IP_REC_RT, hop, address, 4);
            } else {
                option.labelledField(IP_EMPTY_RT, IP_EMPTY_RT.label() + ": " + hop + (position + 1 == pointer ? " <- (next)" : ""), hop, address, 4);
            }
        } else if (header.hasDestination() && header.destinationOffset() == address) {
            option.field(IP_DST, hop, address, 4);
        } else {
            option.field(IP_SRC_RT, hop, address, 4);
        }
    }

    /** Wireshark's protocol for an IPv4 option type, or null for a type it does not name. */
    private static FieldDef ipOption(int type) {
        return switch (type) {
            case 0 -> NetworkFields.IP_OPTIONS_EOL;
            case 1 -> NetworkFields.IP_OPTIONS_NOP;
            case 7 -> NetworkFields.IP_OPTIONS_RECORD_ROUTE;
            case 11 -> NetworkFields.IP_OPTIONS_MTU_PROBE;
            case 12 -> NetworkFields.IP_OPTIONS_MTU_REPLY;
            case 25 -> NetworkFields.IP_OPTIONS_QS;
            case 68 -> NetworkFields.IP_OPTIONS_TIMESTAMP;
            case 82 -> NetworkFields.IP_OPTIONS_TRACEROUTE;
            case 130 -> NetworkFields.IP_OPTIONS_SECURITY;
            case 131 -> NetworkFields.IP_OPTIONS_ROUTE;
            case 133 -> NetworkFields.IP_OPTIONS_EXT_SECURITY;
            case 134 -> NetworkFields.IP_OPTIONS_CIPSO;
            case 136 -> NetworkFields.IP_OPTIONS_SID;
            case 137 -> NetworkFields.IP_OPTIONS_SOURCE_ROUTE;
            case 148 -> NetworkFields.IP_OPTIONS_ROUTERALERT;
            case 149 -> NetworkFields.IP_OPTIONS_SDB;
            default -> null;
        };
    }

    /** IPv6 fixed header (RFC 8200 §3); extension headers are added to the node as they follow. */
    static NodeBuilder ipv6(Dissection d, PacketBytes bytes, int at, List<NodeBuilder> layers) {
        Ipv6Header ip = d.ipv6;
        String source = ipv6Text(d, ip.sourceOffset());
        String destination = ipv6Text(d, ip.destinationOffset());
        NodeBuilder node = NodeBuilder.protocol(bytes, IPV6_PROTO, "Internet Protocol Version 6, Src: " + source + ", Dst: " + destination, at, 40);
        layers.add(node);
        int first = bytes.u8(at);
        node.bits(IPV6_VERSION, first, 0xf0, 8, at, 1);
        // Wireshark's IPv6 dissector adds ip.version too, hidden, so that "ip.version == 6" matches.
        node.bitField(IP_VERSION, ip.version() + " [This field makes the filter match on \"ip.version == 6\" possible]",
                String.valueOf(ip.version()), first, 0xf0, 8, at, 1).hide();
        long word = bytes.u32(at);
        NodeBuilder trafficClass = node.bits(IPV6_TCLASS, (int) word, at, 4);
        trafficClass.bits(IPV6_TCLASS_DSCP, (int) word, at, 4);
        trafficClass.bits(IPV6_TCLASS_ECN, (int) word, at, 4);
        node.bits(IPV6_FLOW, bytes.u24(at + 1), at + 1, 3);
        node.field(IPV6_PLEN, ip.payloadLength(), at + 4, 2);
        node.number(IPV6_NXT, ip.nextHeader(), at + 6, 1);
        node.field(IPV6_HLIM, ip.hopLimit(), at + 7, 1);
        node.field(IPV6_SRC, source, at + 8, 16);
        node.field(IPV6_DST, destination, at + 24, 16);
        return node;
    }

    /** An extension header (RFC 8200 §4), shown inside its IPv6 node as Wireshark shows it. */
    static void ipv6Extension(Protocol protocol, PacketBytes bytes, int at, NodeBuilder ipv6) {
        if (protocol == Protocol.IPV6_FRAGHDR) {
            NodeBuilder fragment = NodeBuilder.protocol(bytes, IPV6_FRAGHDR_PROTO, at, 8);
            ipv6.add(fragment);
            ipv6.extendTo(at + 8);
            fragment.number(IPV6_FRAGHDR_NXT, bytes.u8(at), at, 1);
            fragment.number(IPV6_FRAGHDR_RESERVED_OCTET, bytes.u8(at + 1), at + 1, 1);
            int word = bytes.u16(at + 2);
            fragment.bits(IPV6_FRAGHDR_OFFSET, word, at + 2, 2);
            fragment.bits(IPV6_FRAGHDR_RESERVED_BITS, word, at + 2, 2);
            fragment.flag(IPV6_FRAGHDR_MORE, word, at + 2, 2);
            fragment.number(IPV6_FRAGHDR_IDENT, bytes.u32(at + 4), at + 4, 4);
            return;
        }
        ExtensionFields fields = ExtensionFields.of(protocol);
        int length = (bytes.u8(at + 1) + 1) * 8;
        NodeBuilder header = NodeBuilder.protocol(bytes, fields.protocol(), at, length);
        ipv6.add(header);
        ipv6.extendTo(at + length);
        header.number(fields.nextHeader(), bytes.u8(at), at, 1);
        header.field(fields.length(), bytes.u8(at + 1), at + 1, 1);
        header.labelledField(fields.lengthInOctets(), fields.lengthInOctets().label() + ": " + length + " bytes", String.valueOf(length), at + 1, 1);
        if (protocol == Protocol.IPV6_ROUTING) {
            int type = bytes.u8(at + 2);
            NodeBuilder typeField = header.number(IPV6_ROUTING_TYPE, type, at + 2, 1);
            if (type == 0) {
                // RFC 5095 deprecates the type 0 routing header.
                typeField.expert(Expert.IPV6_ROUTING_DEPRECATED, NetworkFields.IPV6_ROUTING_DEPRECATED.label());
            }
            header.field(IPV6_ROUTING_SEGLEFT, bytes.u8(at + 3), at + 3, 1);
        }
    }

    /** The fields every extension header with a length byte has, per header. */
    private record ExtensionFields(FieldDef protocol, FieldDef nextHeader, FieldDef length, FieldDef lengthInOctets) {
        static ExtensionFields of(Protocol protocol) {
            return switch (protocol) {
                case IPV6_HOPOPTS -> new ExtensionFields(NetworkFields.IPV6_HOPOPTS_PROTO, NetworkFields.IPV6_HOPOPTS_NXT,
                        NetworkFields.IPV6_HOPOPTS_LEN, NetworkFields.IPV6_HOPOPTS_LEN_OCT);
                case IPV6_ROUTING -> new ExtensionFields(NetworkFields.IPV6_ROUTING_PROTO, NetworkFields.IPV6_ROUTING_NXT,
                        NetworkFields.IPV6_ROUTING_LEN, NetworkFields.IPV6_ROUTING_LEN_OCT);
                default -> new ExtensionFields(NetworkFields.IPV6_DSTOPTS_PROTO, NetworkFields.IPV6_DSTOPTS_NXT,
                        NetworkFields.IPV6_DSTOPTS_LEN, NetworkFields.IPV6_DSTOPTS_LEN_OCT);
            };
        }
    }

    static String ipv4Text(int address) {
        StringBuilder text = new StringBuilder(15);
        Addresses.appendIpv4(address, text);
        return text.toString();
    }

    static String ipv6Text(Dissection d, long offset) {
        StringBuilder text = new StringBuilder(39);
        Addresses.appendIpv6(d.bytes(), offset, text);
        return text.toString();
    }
}
