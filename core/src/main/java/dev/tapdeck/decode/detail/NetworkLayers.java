package dev.tapdeck.decode.detail;

import dev.tapdeck.decode.Addresses;
import dev.tapdeck.decode.ArpHeader;
import dev.tapdeck.decode.Dissection;
import dev.tapdeck.decode.Ipv4Header;
import dev.tapdeck.decode.Ipv6Header;
import dev.tapdeck.decode.Protocol;

import java.util.List;

import static dev.tapdeck.decode.detail.LinkLayers.hex2;
import static dev.tapdeck.decode.detail.LinkLayers.hex4;

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
        String operation = opcode == 1 ? "request" : opcode == 2 ? "reply" : "opcode " + opcode;
        NodeBuilder node = NodeBuilder.protocol(bytes, "arp", "Address Resolution Protocol (" + operation + ")", at, 8 + 2 * (hardwareSize + protocolSize));
        layers.add(node);
        int hardwareType = arp.hardwareType();
        node.labelledField("arp.hw.type", "Hardware type: " + (hardwareType == 1 ? "Ethernet" : "Unknown") + " (" + hardwareType + ")", String.valueOf(hardwareType), at, 2);
        int protocolType = arp.protocolType();
        node.labelledField("arp.proto.type", "Protocol type: " + (protocolType == 0x0800 ? "IPv4" : "Unknown") + " (" + hex4(protocolType) + ")", hex4(protocolType), at + 2, 2);
        node.field("arp.hw.size", "Hardware size", hardwareSize, at + 4, 1);
        node.field("arp.proto.size", "Protocol size", protocolSize, at + 5, 1);
        node.labelledField("arp.opcode", "Opcode: " + operation + " (" + opcode + ")", String.valueOf(opcode), at + 6, 2);
        int sender = at + 8;
        int target = sender + hardwareSize + protocolSize;
        address(node, "arp.src", "Sender", bytes, sender, hardwareSize, protocolSize);
        address(node, "arp.dst", "Target", bytes, target, hardwareSize, protocolSize);
    }

    private static void address(NodeBuilder arp, String prefix, String who, PacketBytes bytes, int at, int hardwareSize, int protocolSize) {
        if (hardwareSize == 6) {
            arp.field(prefix + ".hw_mac", who + " MAC address", bytes.mac(at), at, 6);
        } else {
            arp.field(prefix + ".hw", who + " hardware address", bytes.colonHex(at, hardwareSize), at, hardwareSize);
        }
        int protocolAt = at + hardwareSize;
        if (protocolSize == 4) {
            arp.field(prefix + ".proto_ipv4", who + " IP address", bytes.ipv4(protocolAt), protocolAt, 4);
        } else {
            arp.field(prefix + ".proto", who + " protocol address", bytes.colonHex(protocolAt, protocolSize), protocolAt, protocolSize);
        }
    }

    /** IPv4 (RFC 791 §3.1). Returns where the datagram's payload ends, from its total length. */
    static int ipv4(Dissection d, PacketBytes bytes, int at, List<NodeBuilder> layers, int payloadEnd) {
        Ipv4Header ip = d.ipv4;
        int headerLength = ip.hasHeaderLength() ? ip.headerLength() : 20;
        String label = "Internet Protocol Version 4";
        if (ip.isComplete()) {
            label += ", Src: " + bytes.ipv4(at + 12) + ", Dst: " + ipv4Text(ip.hasDestination() ? ip.destination() : ip.headerDestination());
        }
        NodeBuilder node = NodeBuilder.protocol(bytes, "ip", label, at, Math.max(headerLength, 1));
        layers.add(node);
        int first = bytes.u8(at);
        node.bitField("ip.version", "Version", String.valueOf(ip.version()), String.valueOf(ip.version()), first, 0xf0, 8, at, 1);
        if (!ip.hasHeaderLength()) {
            return payloadEnd;
        }
        node.bitField("ip.hdr_len", "Header Length", headerLength + " bytes (" + headerLength / 4 + ")", String.valueOf(headerLength), first, 0x0f, 8, at, 1);
        int ds = ip.differentiatedServices();
        NodeBuilder dsField = node.labelledField("ip.dsfield", "Differentiated Services Field: " + hex2(ds), hex2(ds), at + 1, 1);
        dsField.bitField("ip.dsfield.dscp", "Differentiated Services Codepoint", String.valueOf(ds >>> 2), String.valueOf(ds >>> 2), ds, 0xfc, 8, at + 1, 1);
        dsField.bitField("ip.dsfield.ecn", "Explicit Congestion Notification", String.valueOf(ds & 3), String.valueOf(ds & 3), ds, 0x03, 8, at + 1, 1);
        if (!ip.hasTotalLength()) {
            return payloadEnd;
        }
        node.field("ip.len", "Total Length", ip.totalLength(), at + 2, 2);
        if (!ip.isComplete()) {
            return payloadEnd;
        }
        int id = ip.identification();
        node.labelledField("ip.id", "Identification: %s (%d)".formatted(hex4(id), id), hex4(id), at + 4, 2);
        int flagsByte = bytes.u8(at + 6);
        int flags = flagsByte >>> 5;
        String flagText = "0x" + Integer.toHexString(flags) + (ip.dontFragment() ? ", Don't fragment" : "") + (ip.moreFragments() ? ", More fragments" : "");
        NodeBuilder flagField = node.bitField("ip.flags", "Flags", flagText, hex2(flags), flagsByte, 0xe0, 8, at + 6, 1);
        flagField.flag("ip.flags.rb", "Reserved bit", flagsByte, 0x80, 8, at + 6, 1);
        flagField.flag("ip.flags.df", "Don't fragment", flagsByte, 0x40, 8, at + 6, 1);
        flagField.flag("ip.flags.mf", "More fragments", flagsByte, 0x20, 8, at + 6, 1);
        String offset = String.valueOf(ip.fragmentOffset());
        node.bitField("ip.frag_offset", "Fragment Offset", offset, offset, bytes.u16(at + 6), 0x1fff, 16, at + 6, 2);
        node.field("ip.ttl", "Time to Live", ip.ttl(), at + 8, 1);
        node.labelledField("ip.proto", "Protocol: " + ipProtocolName(ip.protocol()) + " (" + ip.protocol() + ")", String.valueOf(ip.protocol()), at + 9, 1);
        String checksum = hex4(ip.checksum());
        node.labelledField("ip.checksum", "Header Checksum: " + checksum + " [validation disabled]", checksum, at + 10, 2);
        node.field("ip.src", "Source Address", ipv4Text(ip.source()), at + 12, 4);
        // Wireshark shows a source route's last hop as ip.dst, over the header's destination field.
        node.field("ip.dst", "Destination Address", ipv4Text(ip.hasDestination() ? ip.destination() : ip.headerDestination()), at + 16, 4);
        if (headerLength > 20) {
            options(node, bytes, at + 20, at + headerLength);
        }
        return Math.min(payloadEnd, at + ip.totalLength());
    }

    /** IPv4 options (RFC 791 §3.1): End of Options List and No-Operation are one byte, the rest kind, length, data. */
    private static void options(NodeBuilder ip, PacketBytes bytes, int from, int to) {
        NodeBuilder options = ip.text("Options: (" + (to - from) + " bytes)", from, Math.min(to, bytes.captured()) - from);
        int at = from;
        while (at < to) {
            int type = bytes.u8(at);
            if (type == 0 || type == 1) {
                NodeBuilder option = options.text("IP Option - " + (type == 0 ? "End of Options List (EOL)" : "No Operation (NOP)"), at, 1);
                option.labelledField("ip.opt.type", "Type: " + type, String.valueOf(type), at, 1);
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
            NodeBuilder option = options.text("IP Option - " + ipOptionName(type) + " (" + length + " bytes)", at, length);
            option.labelledField("ip.opt.type", "Type: " + type, String.valueOf(type), at, 1);
            option.field("ip.opt.len", "Length", length, at + 1, 1);
            if (type == 131 || type == 137 || type == 7) {
                option.field("ip.opt.ptr", "Pointer", bytes.u8(at + 2), at + 2, 1);
                for (int address = at + 3; address + 4 <= at + length; address += 4) {
                    option.field(type == 7 ? "ip.rec_rt" : "ip.src_rt", type == 7 ? "Recorded Route" : "Source Route", bytes.ipv4(address), address, 4);
                }
            }
            at += length;
        }
    }

    private static String ipOptionName(int type) {
        return switch (type) {
            case 7 -> "Record Route";
            case 68 -> "Time Stamp";
            case 130 -> "Security";
            case 131 -> "Loose Source Route";
            case 137 -> "Strict Source Route";
            case 148 -> "Router Alert";
            default -> "Unknown (0x" + Integer.toHexString(type) + ")";
        };
    }

    /** IPv6 fixed header (RFC 8200 §3); extension headers are added to the node as they follow. */
    static NodeBuilder ipv6(Dissection d, PacketBytes bytes, int at, List<NodeBuilder> layers) {
        Ipv6Header ip = d.ipv6;
        String source = ipv6Text(d, ip.sourceOffset());
        String destination = ipv6Text(d, ip.destinationOffset());
        NodeBuilder node = NodeBuilder.protocol(bytes, "ipv6", "Internet Protocol Version 6, Src: " + source + ", Dst: " + destination, at, 40);
        layers.add(node);
        node.bitField("ipv6.version", "Version", "6", String.valueOf(ip.version()), bytes.u8(at), 0xf0, 8, at, 1);
        int trafficClass = ip.trafficClass();
        node.labelledField("ipv6.tclass", "Traffic Class: " + hex2(trafficClass), hex2(trafficClass), at, 4);
        String flow = "0x%05x".formatted(ip.flowLabel());
        node.labelledField("ipv6.flow", "Flow Label: " + flow, flow, at + 1, 3);
        node.field("ipv6.plen", "Payload Length", ip.payloadLength(), at + 4, 2);
        node.labelledField("ipv6.nxt", "Next Header: " + ipProtocolName(ip.nextHeader()) + " (" + ip.nextHeader() + ")", String.valueOf(ip.nextHeader()), at + 6, 1);
        node.field("ipv6.hlim", "Hop Limit", ip.hopLimit(), at + 7, 1);
        node.field("ipv6.src", "Source Address", source, at + 8, 16);
        node.field("ipv6.dst", "Destination Address", destination, at + 24, 16);
        return node;
    }

    /** An extension header (RFC 8200 §4), shown inside its IPv6 node as Wireshark shows it. */
    static void ipv6Extension(Protocol protocol, PacketBytes bytes, int at, NodeBuilder ipv6) {
        if (protocol == Protocol.IPV6_FRAGHDR) {
            NodeBuilder fragment = NodeBuilder.protocol(bytes, "ipv6.fraghdr", "Fragment Header for IPv6", at, 8);
            ipv6.add(fragment);
            ipv6.extendTo(at + 8);
            nextHeader(fragment, "ipv6.fraghdr.nxt", bytes, at);
            fragment.field("ipv6.fraghdr.reserved_octet", "Reserved octet", hex2(bytes.u8(at + 1)), at + 1, 1);
            int word = bytes.u16(at + 2);
            fragment.bitField("ipv6.fraghdr.offset", "Offset", String.valueOf(word >>> 3), String.valueOf(word >>> 3), word, 0xfff8, 16, at + 2, 2);
            fragment.bitField("ipv6.fraghdr.reserved_bits", "Reserved bits", String.valueOf((word >>> 1) & 3), String.valueOf((word >>> 1) & 3), word, 0x0006, 16, at + 2, 2);
            String more = (word & 1) == 0 ? "No" : "Yes";
            fragment.bitField("ipv6.fraghdr.more", "More Fragments", more, String.valueOf(word & 1), word, 0x0001, 16, at + 2, 2);
            long id = bytes.u32(at + 4);
            fragment.labelledField("ipv6.fraghdr.ident", "Identification: 0x%08x".formatted(id), "0x%08x".formatted(id), at + 4, 4);
            return;
        }
        String prefix = protocol.filterName();
        String title = switch (protocol) {
            case IPV6_HOPOPTS -> "IPv6 Hop-by-Hop Option";
            case IPV6_ROUTING -> "Routing Header for IPv6";
            default -> "Destination Options for IPv6";
        };
        int length = (bytes.u8(at + 1) + 1) * 8;
        NodeBuilder header = NodeBuilder.protocol(bytes, prefix, title, at, length);
        ipv6.add(header);
        ipv6.extendTo(at + length);
        nextHeader(header, prefix + ".nxt", bytes, at);
        header.field(prefix + ".len", "Length", bytes.u8(at + 1), at + 1, 1);
        header.generated(prefix + ".len_oct", "Length", length + " bytes");
    }

    private static void nextHeader(NodeBuilder header, String name, PacketBytes bytes, int at) {
        int next = bytes.u8(at);
        header.labelledField(name, "Next Header: " + ipProtocolName(next) + " (" + next + ")", String.valueOf(next), at, 1);
    }

    /** IANA protocol numbers, in Wireshark's words. */
    static String ipProtocolName(int protocol) {
        return switch (protocol) {
            case 0 -> "IPv6 Hop-by-Hop Option";
            case 1 -> "ICMP";
            case 2 -> "IGMP";
            case 4 -> "IPIP";
            case 6 -> "TCP";
            case 17 -> "UDP";
            case 41 -> "IPv6";
            case 43 -> "Routing Header for IPv6";
            case 44 -> "Fragment Header for IPv6";
            case 47 -> "Generic Routing Encapsulation";
            case 50 -> "Encap Security Payload";
            case 51 -> "Authentication Header";
            case 58 -> "ICMPv6";
            case 59 -> "No Next Header for IPv6";
            case 60 -> "Destination Options for IPv6";
            case 132 -> "SCTP";
            default -> "Unknown";
        };
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
