package dev.tapdeck.decode.detail;

import dev.tapdeck.decode.Dissection;
import dev.tapdeck.decode.EthernetHeader;
import dev.tapdeck.decode.LinkTypes;

import java.util.List;

/** Detail nodes of the link layer: Ethernet and 802.3, 802.2 LLC, VLAN tags, Linux cooked capture, BSD loopback. */
final class LinkLayers {
    private LinkLayers() {
    }

    static void ethernet(EthernetHeader ethernet, PacketBytes bytes, int at, List<NodeBuilder> layers) {
        String destination = bytes.mac(at);
        String source = bytes.mac(at + 6);
        int typeOrLength = ethernet.typeOrLength();
        // At most 1500 the field is an IEEE 802.3 length, and an 802.2 LLC header follows.
        boolean ieee8023 = typeOrLength <= 1500;
        NodeBuilder eth = NodeBuilder.protocol(bytes, "eth", (ieee8023 ? "IEEE 802.3 Ethernet" : "Ethernet II, Src: " + source + ", Dst: " + destination), at, 14);
        layers.add(eth);
        eth.field("eth.dst", "Destination", destination, at, 6);
        eth.field("eth.src", "Source", source, at + 6, 6);
        if (ieee8023) {
            eth.field("eth.len", "Length", typeOrLength, at + 12, 2);
        } else {
            etherType(eth, "eth.type", bytes, at + 12);
        }
    }

    /** IEEE 802.2 LLC (DSAP, SSAP, control), as far as a one-byte control field. */
    static void llc(PacketBytes bytes, int at, List<NodeBuilder> layers) {
        NodeBuilder llc = NodeBuilder.protocol(bytes, "llc", "Logical-Link Control", at, 3);
        layers.add(llc);
        llc.field("llc.dsap", "DSAP", hex2(bytes.u8(at)), at, 1);
        llc.field("llc.ssap", "SSAP", hex2(bytes.u8(at + 1)), at + 1, 1);
        llc.field("llc.control", "Control field", hex2(bytes.u8(at + 2)), at + 2, 1);
    }

    /** An 802.1Q customer tag or 802.1ad service tag (IEEE 802.1Q §9.6): priority, DEI, ID, then the inner EtherType. */
    static void vlan(PacketBytes bytes, int at, boolean serviceTag, List<NodeBuilder> layers) {
        int tci = bytes.u16(at);
        int priority = tci >>> 13;
        int dei = (tci >>> 12) & 1;
        int id = tci & 0x0fff;
        String prefix = serviceTag ? "ieee8021ad" : "vlan";
        NodeBuilder tag = NodeBuilder.protocol(bytes, prefix,
                serviceTag ? "IEEE 802.1ad, ID: " + id : "802.1Q Virtual LAN, PRI: %d, DEI: %d, ID: %d".formatted(priority, dei, id), at, 4);
        layers.add(tag);
        // Wireshark reads the 802.1ad service tag's fields as one byte, the 802.1Q tag's as two.
        tag.bitField(prefix + ".priority", "Priority", String.valueOf(priority), String.valueOf(priority), tci, 0xe000, 16, at, serviceTag ? 1 : 2);
        tag.bitField(prefix + ".dei", "DEI", String.valueOf(dei), String.valueOf(dei), tci, 0x1000, 16, at, serviceTag ? 1 : 2);
        tag.bitField(prefix + ".id", "ID", String.valueOf(id), String.valueOf(id), tci, 0x0fff, 16, at, 2);
        int type = bytes.u16(at + 2);
        if (type <= 1500) {
            tag.field(prefix + ".len", "Length", type, at + 2, 2);
        } else {
            etherType(tag, serviceTag ? "ieee8021ah.etype" : "vlan.etype", bytes, at + 2);
        }
    }

    /** Linux cooked capture: SLL v1 (16 bytes, protocol last) or SLL2 (20 bytes, protocol first). */
    static void linuxCooked(Dissection d, PacketBytes bytes, int at, List<NodeBuilder> layers) {
        boolean v2 = d.linkType() == LinkTypes.LINUX_SLL2;
        NodeBuilder sll = NodeBuilder.protocol(bytes, "sll", v2 ? "Linux cooked capture v2" : "Linux cooked capture v1", at, v2 ? 20 : 16);
        layers.add(sll);
        if (v2) {
            sllProtocol(sll, bytes, at);
            sll.field("sll.reserved", "Reserved", bytes.colonHex(at + 2, 2), at + 2, 2);
            sll.field("sll.ifindex", "Interface index", bytes.u32(at + 4), at + 4, 4);
            sll.field("sll.hatype", "Link-layer address type", bytes.u16(at + 8), at + 8, 2);
            sll.field("sll.pkttype", "Packet type", bytes.u8(at + 10), at + 10, 1);
            sll.field("sll.halen", "Link-layer address length", bytes.u8(at + 11), at + 11, 1);
            linkAddress(sll, bytes, at + 12, bytes.u8(at + 11));
        } else {
            sll.field("sll.pkttype", "Packet type", bytes.u16(at), at, 2);
            sll.field("sll.hatype", "Link-layer address type", bytes.u16(at + 2), at + 2, 2);
            sll.field("sll.halen", "Link-layer address length", bytes.u16(at + 4), at + 4, 2);
            linkAddress(sll, bytes, at + 6, bytes.u16(at + 4));
            sllProtocol(sll, bytes, at + 14);
        }
    }

    /** The 8-byte address field: a MAC when it is one, then the unused rest. */
    private static void linkAddress(NodeBuilder sll, PacketBytes bytes, int at, int length) {
        if (length == 6) {
            sll.field("sll.src.eth", "Source", bytes.mac(at), at, 6);
            sll.field("sll.unused", "Unused", bytes.hex(at + 6, 2), at + 6, 2);
        } else {
            sll.field("sll.src.other", "Source", bytes.hex(at, 8), at, 8);
        }
    }

    private static void sllProtocol(NodeBuilder sll, PacketBytes bytes, int at) {
        int protocol = bytes.u16(at);
        if (protocol <= 1500) {
            sll.field("sll.ltype", "Protocol", hex4(protocol), at, 2);
        } else {
            etherType(sll, "sll.etype", bytes, at);
        }
    }

    /** BSD loopback's address family, in the capturing host's byte order (LINKTYPE_NULL) or network order (LINKTYPE_LOOP). */
    static void bsdLoopback(Dissection d, PacketBytes bytes, int at, List<NodeBuilder> layers) {
        NodeBuilder loopback = NodeBuilder.protocol(bytes, "null", "Null/Loopback", at, 4);
        layers.add(loopback);
        long family = bytes.u32(at);
        if (d.linkType() == LinkTypes.NULL && (family & 0xffff_0000L) != 0) {
            family = Integer.toUnsignedLong(Integer.reverseBytes((int) family));
        }
        loopback.labelledField("null.family", "Family: %s (%d)".formatted(familyName(family), family), String.valueOf(family), at, 4);
    }

    /** AF_INET, and AF_INET6 as Linux and each BSD number it. */
    private static String familyName(long family) {
        return family == 2 ? "IP" : family == 10 || family == 23 || family == 24 || family == 28 || family == 30 ? "IPv6" : "Unknown";
    }

    /** A Type field ({@code eth.type}, {@code vlan.etype}): {@code Type: IPv4 (0x0800)}. */
    static void etherType(NodeBuilder parent, String name, PacketBytes bytes, int at) {
        int type = bytes.u16(at);
        String value = hex4(type);
        String title = name.equals("sll.etype") ? "Protocol" : "Type";
        parent.labelledField(name, title + ": " + etherTypeName(type) + " (" + value + ")", value, at, 2);
    }

    private static String etherTypeName(int type) {
        return switch (type) {
            case 0x0800 -> "IPv4";
            case 0x0806 -> "ARP";
            case 0x86dd -> "IPv6";
            case 0x8100 -> "802.1Q Virtual LAN";
            case 0x88a8 -> "802.1ad Provider Bridge (Q-in-Q)";
            case 0x9100 -> "VLAN-tagged frame (Q-in-Q)";
            case 0x8847 -> "MPLS label switched packet";
            case 0x8848 -> "MPLS multicast label switched packet";
            case 0x8864 -> "PPPoE Session";
            default -> "Unknown";
        };
    }

    static String hex2(int value) {
        return "0x%02x".formatted(value);
    }

    static String hex4(int value) {
        return "0x%04x".formatted(value);
    }
}
