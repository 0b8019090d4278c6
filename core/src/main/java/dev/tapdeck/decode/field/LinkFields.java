package dev.tapdeck.decode.field;

import dev.tapdeck.decode.EthernetHeader;
import dev.tapdeck.decode.Protocol;
import dev.tapdeck.decode.VlanTags;

import java.util.List;
import java.util.stream.Stream;

import static dev.tapdeck.decode.field.FieldType.BOOLEAN;
import static dev.tapdeck.decode.field.FieldType.BYTES;
import static dev.tapdeck.decode.field.FieldType.ETHER;
import static dev.tapdeck.decode.field.FieldType.UINT16;
import static dev.tapdeck.decode.field.FieldType.UINT32;
import static dev.tapdeck.decode.field.FieldType.UINT8;

/** Link layers: Ethernet, 802.1Q/802.1ad tags, Linux cooked capture, BSD loopback, LLC, and the link protocols named in chains. */
public final class LinkFields {
    private static final Declarations ETH = new Declarations("eth", Protocol.ETH);

    public static final FieldDef ETH_PROTO = ETH.protocol("Ethernet");
    public static final FieldDef ETH_DST = ETH.field("eth.dst", ETHER, "Destination")
            .describe("Destination Hardware Address")
            .hot((p, out) -> {
                EthernetHeader e = p.dissection().ethernet;
                if (e.present()) {
                    Reads.mac(p, e.destination(), e.offset(), out);
                }
            });
    public static final FieldDef ETH_SRC = ETH.field("eth.src", ETHER, "Source")
            .describe("Source Hardware Address")
            .hot((p, out) -> {
                EthernetHeader e = p.dissection().ethernet;
                if (e.present()) {
                    Reads.mac(p, e.source(), e.offset() + 6, out);
                }
            });
    /** Wireshark reports the destination first, then the source. */
    public static final FieldDef ETH_ADDR = ETH.field("eth.addr", ETHER, "Address")
            .describe("Source or Destination Hardware Address")
            .anyOf(ETH_DST, ETH_SRC)
            .hot((p, out) -> {
                EthernetHeader e = p.dissection().ethernet;
                if (e.present()) {
                    Reads.mac(p, e.destination(), e.offset(), out);
                    Reads.mac(p, e.source(), e.offset() + 6, out);
                }
            });
    public static final FieldDef ETH_TYPE = ETH.field("eth.type", UINT16, "Type").hex()
            .values(ValueNames.ETHER_TYPES)
            .hot((p, out) -> {
                EthernetHeader e = p.dissection().ethernet;
                if (e.present() && e.typeOrLength() > 1500) {
                    Reads.number(p, e.typeOrLength(), e.offset() + 12, 2, out);
                }
            });
    public static final FieldDef ETH_LEN = ETH.field("eth.len", UINT16, "Length");

    private static final Declarations VLAN = new Declarations("vlan", Protocol.VLAN);

    public static final FieldDef VLAN_PROTO = VLAN.protocol("802.1Q Virtual LAN");
    public static final FieldDef VLAN_PRIORITY = VLAN.field("vlan.priority", UINT16, "Priority").mask(0xe000)
            .describe("Descriptions are recommendations from IEEE standard 802.1D-2004")
            .values(ValueNames.VLAN_PRIORITIES);
    public static final FieldDef VLAN_DEI = VLAN.field("vlan.dei", BOOLEAN, "DEI").bit(16, 0x1000)
            .describe("Drop Eligible Indicator")
            .trueFalse("Eligible", "Ineligible");
    /** Every tag's ID, outermost first; the decoder keeps them all, so no layer limits the reader. */
    public static final FieldDef VLAN_ID = VLAN.everyOccurrence("vlan.id", UINT16, "ID").mask(0xfff)
            .describe("VLAN ID")
            .hot((p, out) -> {
                VlanTags tags = p.dissection().vlans;
                for (int i = 0; i < tags.vlanCount(); i++) {
                    out.addNumber(tags.vlanId(i));
                }
            });
    public static final FieldDef VLAN_ETYPE = VLAN.field("vlan.etype", UINT16, "Type").hex()
            .describe("Ethertype")
            .values(ValueNames.ETHER_TYPES);
    public static final FieldDef VLAN_LEN = VLAN.field("vlan.len", UINT16, "Length");

    private static final Declarations IEEE8021AD = new Declarations("ieee8021ad", Protocol.IEEE8021AD);

    public static final FieldDef IEEE8021AD_PROTO = IEEE8021AD.protocol("IEEE 802.1ad");
    public static final FieldDef IEEE8021AD_PRIORITY = IEEE8021AD.field("ieee8021ad.priority", UINT16, "Priority").mask(0xe000);
    public static final FieldDef IEEE8021AD_DEI = IEEE8021AD.field("ieee8021ad.dei", UINT16, "DEI").mask(0x1000)
            .describe("Drop Eligibility");
    public static final FieldDef IEEE8021AD_ID = IEEE8021AD.everyOccurrence("ieee8021ad.id", UINT16, "ID").mask(0xfff)
            .describe("Vlan ID")
            .hot((p, out) -> {
                VlanTags tags = p.dissection().vlans;
                for (int i = 0; i < tags.serviceCount(); i++) {
                    out.addNumber(tags.serviceId(i));
                }
            });

    /** 802.1ah's protocol: Wireshark shows the EtherType after an 802.1ad tag with 802.1ah's field. */
    private static final Declarations IEEE8021AH = new Declarations("ieee8021ah");

    public static final FieldDef IEEE8021AH_PROTO = IEEE8021AH.protocol("IEEE 802.1ah");
    public static final FieldDef IEEE8021AH_ETYPE = IEEE8021AH.field("ieee8021ah.etype", UINT16, "Type").hex()
            .values(ValueNames.ETHER_TYPES);

    private static final Declarations SLL = new Declarations("sll", Protocol.SLL);
    public static final FieldDef SLL_PROTO = SLL.protocol("Linux cooked-mode capture");
    public static final FieldDef SLL_PKTTYPE = SLL.field("sll.pkttype", UINT16, "Packet type")
            .values(ValueNames.SLL_PACKET_TYPES);
    public static final FieldDef SLL_HATYPE = SLL.field("sll.hatype", UINT16, "Link-layer address type")
            .values(ValueNames.ARP_HARDWARE_TYPES);
    public static final FieldDef SLL_HALEN = SLL.field("sll.halen", UINT16, "Link-layer address length");
    public static final FieldDef SLL_SRC_ETH = SLL.field("sll.src.eth", ETHER, "Source")
            .describe("Source link-layer address");
    public static final FieldDef SLL_SRC_OTHER = SLL.field("sll.src.other", BYTES, "Source")
            .describe("Source link-layer address");
    public static final FieldDef SLL_UNUSED = SLL.field("sll.unused", BYTES, "Unused")
            .describe("Unused bytes");
    public static final FieldDef SLL_LTYPE = SLL.field("sll.ltype", UINT16, "Protocol").hex()
            .describe("Linux protocol type")
            .values(ValueNames.SLL_LINUX_PROTOCOLS);
    public static final FieldDef SLL_ETYPE = SLL.field("sll.etype", UINT16, "Protocol").hex()
            .describe("Ethernet protocol type")
            .values(ValueNames.ETHER_TYPES);
    public static final FieldDef SLL_IFINDEX = SLL.field("sll.ifindex", UINT32, "Interface index");

    private static final Declarations NULL = new Declarations("null", Protocol.NULL);
    public static final FieldDef NULL_PROTO = NULL.protocol("Null/Loopback");
    public static final FieldDef NULL_FAMILY = NULL.field("null.family", UINT32, "Family")
            .values(ValueNames.NULL_FAMILIES);
    /** Some systems put an EtherType where the family goes. */
    public static final FieldDef NULL_TYPE = NULL.field("null.type", UINT16, "Type").hex()
            .values(ValueNames.ETHER_TYPES);

    private static final Declarations RAW = new Declarations("raw", Protocol.RAW);
    public static final FieldDef RAW_PROTO = RAW.protocol("Raw packet data");

    private static final Declarations LLC = new Declarations("llc", Protocol.LLC);
    public static final FieldDef LLC_PROTO = LLC.protocol("Logical-Link Control");
    public static final FieldDef LLC_DSAP = LLC.field("llc.dsap", UINT8, "DSAP").hex()
            .describe("Destination Service Access Point")
            .values(ValueNames.LLC_SAPS);
    public static final FieldDef LLC_SSAP = LLC.field("llc.ssap", UINT8, "SSAP").hex()
            .describe("Source Service Access Point")
            .values(ValueNames.LLC_SAPS);
    public static final FieldDef LLC_CONTROL = LLC.field("llc.control", UINT16, "Control").hex();

    /** Layers Tapdeck names in chains without decoding fields of their own (yet). */
    private static final List<FieldDef> OTHER_PROTOCOLS = List.of(
            new Declarations("ethertype", Protocol.ETHERTYPE).protocol("Ethertype"),
            new Declarations("mpls", Protocol.MPLS).protocol("MultiProtocol Label Switching Header"),
            new Declarations("pwethheuristic", Protocol.PWETHHEURISTIC).protocol("Ethernet PW (CW heuristic)"),
            new Declarations("pwethcw", Protocol.PWETHCW).protocol("PW Ethernet Control Word"),
            new Declarations("pppoes", Protocol.PPPOES).protocol("PPP-over-Ethernet Session"),
            new Declarations("ppp", Protocol.PPP).protocol("Point-to-Point Protocol"));

    private LinkFields() {
    }

    static List<FieldDef> all() {
        return Stream.of(ETH.all(), VLAN.all(), IEEE8021AD.all(), IEEE8021AH.all(),
                SLL.all(), NULL.all(), RAW.all(), LLC.all(), OTHER_PROTOCOLS).flatMap(List::stream).toList();
    }
}
