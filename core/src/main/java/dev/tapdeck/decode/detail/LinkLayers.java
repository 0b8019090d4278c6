package dev.tapdeck.decode.detail;

import dev.tapdeck.decode.Dissection;
import dev.tapdeck.decode.EthernetHeader;
import dev.tapdeck.decode.LinkTypes;

import java.util.List;

import static dev.tapdeck.decode.field.LinkFields.ETH_DST;
import static dev.tapdeck.decode.field.LinkFields.ETH_LEN;
import static dev.tapdeck.decode.field.LinkFields.ETH_PROTO;
import static dev.tapdeck.decode.field.LinkFields.ETH_SRC;
import static dev.tapdeck.decode.field.LinkFields.ETH_TYPE;
import static dev.tapdeck.decode.field.LinkFields.IEEE8021AD_DEI;
import static dev.tapdeck.decode.field.LinkFields.IEEE8021AD_ID;
import static dev.tapdeck.decode.field.LinkFields.IEEE8021AD_PRIORITY;
import static dev.tapdeck.decode.field.LinkFields.IEEE8021AD_PROTO;
import static dev.tapdeck.decode.field.LinkFields.IEEE8021AH_ETYPE;
import static dev.tapdeck.decode.field.LinkFields.LLC_CONTROL;
import static dev.tapdeck.decode.field.LinkFields.LLC_DSAP;
import static dev.tapdeck.decode.field.LinkFields.LLC_PROTO;
import static dev.tapdeck.decode.field.LinkFields.LLC_SSAP;
import static dev.tapdeck.decode.field.LinkFields.NULL_FAMILY;
import static dev.tapdeck.decode.field.LinkFields.NULL_PROTO;
import static dev.tapdeck.decode.field.LinkFields.NULL_TYPE;
import static dev.tapdeck.decode.field.LinkFields.SLL_ETYPE;
import static dev.tapdeck.decode.field.LinkFields.SLL_HALEN;
import static dev.tapdeck.decode.field.LinkFields.SLL_HATYPE;
import static dev.tapdeck.decode.field.LinkFields.SLL_IFINDEX;
import static dev.tapdeck.decode.field.LinkFields.SLL_LTYPE;
import static dev.tapdeck.decode.field.LinkFields.SLL_PKTTYPE;
import static dev.tapdeck.decode.field.LinkFields.SLL_PROTO;
import static dev.tapdeck.decode.field.LinkFields.SLL_SRC_ETH;
import static dev.tapdeck.decode.field.LinkFields.SLL_SRC_OTHER;
import static dev.tapdeck.decode.field.LinkFields.SLL_UNUSED;
import static dev.tapdeck.decode.field.LinkFields.VLAN_DEI;
import static dev.tapdeck.decode.field.LinkFields.VLAN_ETYPE;
import static dev.tapdeck.decode.field.LinkFields.VLAN_ID;
import static dev.tapdeck.decode.field.LinkFields.VLAN_LEN;
import static dev.tapdeck.decode.field.LinkFields.VLAN_PRIORITY;
import static dev.tapdeck.decode.field.LinkFields.VLAN_PROTO;

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
        NodeBuilder eth = NodeBuilder.protocol(bytes, ETH_PROTO, (ieee8023 ? "IEEE 802.3 Ethernet" : "Ethernet II, Src: " + source + ", Dst: " + destination), at, 14);
        layers.add(eth);
        eth.field(ETH_DST, destination, at, 6);
        eth.field(ETH_SRC, source, at + 6, 6);
        if (ieee8023) {
            eth.field(ETH_LEN, typeOrLength, at + 12, 2);
        } else {
            eth.number(ETH_TYPE, bytes.u16(at + 12), at + 12, 2);
        }
    }

    /** IEEE 802.2 LLC (DSAP, SSAP, control), as far as a one-byte control field. */
    static void llc(PacketBytes bytes, int at, List<NodeBuilder> layers) {
        NodeBuilder llc = NodeBuilder.protocol(bytes, LLC_PROTO, at, 3);
        layers.add(llc);
        llc.number(LLC_DSAP, bytes.u8(at), at, 1);
        llc.number(LLC_SSAP, bytes.u8(at + 1), at + 1, 1);
        llc.field(LLC_CONTROL, "Control field", hex2(bytes.u8(at + 2)), at + 2, 1);
    }

    /** An 802.1Q customer tag or 802.1ad service tag (IEEE 802.1Q §9.6): priority, DEI, ID, then the inner EtherType. */
    static void vlan(PacketBytes bytes, int at, boolean serviceTag, List<NodeBuilder> layers) {
        int tci = bytes.u16(at);
        int priority = tci >>> 13;
        int dei = (tci >>> 12) & 1;
        int id = tci & 0x0fff;
        NodeBuilder tag = NodeBuilder.protocol(bytes, serviceTag ? IEEE8021AD_PROTO : VLAN_PROTO,
                serviceTag ? "IEEE 802.1ad, ID: " + id : "802.1Q Virtual LAN, PRI: %d, DEI: %d, ID: %d".formatted(priority, dei, id), at, 4);
        layers.add(tag);
        int type = bytes.u16(at + 2);
        if (serviceTag) {
            // Wireshark reads the 802.1ad service tag's priority and DEI as one byte, and always
            // hands what follows to the EtherType dissector, with 802.1ah's field.
            tag.bits(IEEE8021AD_PRIORITY, tci, at, 1);
            tag.bits(IEEE8021AD_DEI, tci, at, 1);
            tag.bits(IEEE8021AD_ID, tci, at, 2);
            tag.number(IEEE8021AH_ETYPE, type, at + 2, 2);
            return;
        }
        tag.bits(VLAN_PRIORITY, tci, at, 2);
        tag.flag(VLAN_DEI, tci, at, 2);
        tag.bits(VLAN_ID, tci, at, 2);
        if (type <= 1500) {
            tag.field(VLAN_LEN, type, at + 2, 2);
        } else {
            tag.number(VLAN_ETYPE, type, at + 2, 2);
        }
    }

    /** Linux cooked capture: SLL v1 (16 bytes, protocol last) or SLL2 (20 bytes, protocol first, then 2 reserved bytes). */
    static void linuxCooked(Dissection d, PacketBytes bytes, int at, List<NodeBuilder> layers) {
        boolean v2 = d.linkType() == LinkTypes.LINUX_SLL2;
        NodeBuilder sll = NodeBuilder.protocol(bytes, SLL_PROTO, v2 ? "Linux cooked capture v2" : "Linux cooked capture v1", at, v2 ? 20 : 16);
        layers.add(sll);
        if (v2) {
            sllProtocol(sll, bytes, at);
            sll.field(SLL_IFINDEX, bytes.u32(at + 4), at + 4, 4);
            sll.number(SLL_HATYPE, bytes.u16(at + 8), at + 8, 2);
            sll.number(SLL_PKTTYPE, bytes.u8(at + 10), at + 10, 1);
            sll.field(SLL_HALEN, bytes.u8(at + 11), at + 11, 1);
            linkAddress(sll, bytes, at + 12, bytes.u8(at + 11));
        } else {
            sll.number(SLL_PKTTYPE, bytes.u16(at), at, 2);
            sll.number(SLL_HATYPE, bytes.u16(at + 2), at + 2, 2);
            sll.field(SLL_HALEN, bytes.u16(at + 4), at + 4, 2);
            linkAddress(sll, bytes, at + 6, bytes.u16(at + 4));
            sllProtocol(sll, bytes, at + 14);
        }
    }

    /** The 8-byte address field: a MAC when it is one, then the unused rest. */
    private static void linkAddress(NodeBuilder sll, PacketBytes bytes, int at, int length) {
        if (length == 6) {
            sll.field(SLL_SRC_ETH, bytes.mac(at), at, 6);
            sll.labelledField(SLL_UNUSED, SLL_UNUSED.label() + ": " + bytes.hex(at + 6, 2), bytes.colonHex(at + 6, 2), at + 6, 2);
        } else {
            sll.field(SLL_SRC_OTHER, bytes.hex(at, 8), at, 8);
        }
    }

    private static void sllProtocol(NodeBuilder sll, PacketBytes bytes, int at) {
        int protocol = bytes.u16(at);
        sll.number(protocol <= 1500 ? SLL_LTYPE : SLL_ETYPE, protocol, at, 2);
    }

    /**
     * BSD loopback's address family, in network order (LINKTYPE_LOOP) or in the capturing
     * host's (LINKTYPE_NULL), which Wireshark guesses as its null dissector does; some
     * systems put an EtherType there instead, which Wireshark shows as {@code null.type}.
     */
    static void bsdLoopback(Dissection d, PacketBytes bytes, int at, List<NodeBuilder> layers) {
        NodeBuilder loopback = NodeBuilder.protocol(bytes, NULL_PROTO, at, 4);
        layers.add(loopback);
        long header = bytes.u32(at);
        if (d.linkType() == LinkTypes.NULL) {
            long little = Integer.toUnsignedLong(Integer.reverseBytes((int) header));
            if ((little & 0xffff_0000L) == 0) {
                header = little;
            } else if ((little & 0xff00_0000L) == 0 && (little & 0x00ff_0000L) < 0x0006_0000L) {
                header = little >>> 16;
            }
        }
        if (header > 1500) {
            loopback.number(NULL_TYPE, header & 0xffff, at, 4);
        } else {
            loopback.number(NULL_FAMILY, header, at, 4);
        }
    }

    static String hex2(int value) {
        return "0x%02x".formatted(value);
    }

    static String hex4(int value) {
        return "0x%04x".formatted(value);
    }
}
