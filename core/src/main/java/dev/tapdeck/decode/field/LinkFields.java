package dev.tapdeck.decode.field;

import dev.tapdeck.decode.EthernetHeader;
import dev.tapdeck.decode.Protocol;
import dev.tapdeck.decode.VlanTags;

import java.util.List;
import java.util.stream.Stream;

import static dev.tapdeck.decode.field.FieldType.ETHER;
import static dev.tapdeck.decode.field.FieldType.UINT16;

/** Link layers: Ethernet, 802.1Q/802.1ad tags, Linux cooked capture, BSD loopback, LLC, and the link protocols named in chains. */
public final class LinkFields {
    private static final Declarations ETH = new Declarations("eth", Protocol.ETH);

    public static final FieldDef ETH_PROTO = ETH.protocol("Ethernet II");
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
            .hot((p, out) -> {
                EthernetHeader e = p.dissection().ethernet;
                if (e.present() && e.typeOrLength() > 1500) {
                    Reads.number(p, e.typeOrLength(), e.offset() + 12, 2, out);
                }
            });

    private static final Declarations VLAN = new Declarations("vlan", Protocol.VLAN);

    public static final FieldDef VLAN_PROTO = VLAN.protocol("802.1Q Virtual LAN");
    /** Every tag's ID, outermost first; the decoder keeps them all, so no layer limits the reader. */
    public static final FieldDef VLAN_ID = VLAN.everyOccurrence("vlan.id", UINT16, "ID")
            .describe("VLAN ID")
            .hot((p, out) -> {
                VlanTags tags = p.dissection().vlans;
                for (int i = 0; i < tags.vlanCount(); i++) {
                    out.addNumber(tags.vlanId(i));
                }
            });

    private static final Declarations IEEE8021AD = new Declarations("ieee8021ad", Protocol.IEEE8021AD);

    public static final FieldDef IEEE8021AD_PROTO = IEEE8021AD.protocol("IEEE 802.1ad");
    public static final FieldDef IEEE8021AD_ID = IEEE8021AD.everyOccurrence("ieee8021ad.id", UINT16, "ID")
            .hot((p, out) -> {
                VlanTags tags = p.dissection().vlans;
                for (int i = 0; i < tags.serviceCount(); i++) {
                    out.addNumber(tags.serviceId(i));
                }
            });

    private static final Declarations SLL = new Declarations("sll", Protocol.SLL);
    public static final FieldDef SLL_PROTO = SLL.protocol("Linux cooked capture");

    private static final Declarations NULL = new Declarations("null", Protocol.NULL);
    public static final FieldDef NULL_PROTO = NULL.protocol("Null/Loopback");

    private static final Declarations RAW = new Declarations("raw", Protocol.RAW);
    public static final FieldDef RAW_PROTO = RAW.protocol("Raw packet data");

    private static final Declarations LLC = new Declarations("llc", Protocol.LLC);
    public static final FieldDef LLC_PROTO = LLC.protocol("Logical-Link Control");

    /** Layers Tapdeck names in chains without decoding fields of their own (yet). */
    private static final List<FieldDef> OTHER_PROTOCOLS = List.of(
            new Declarations("ethertype", Protocol.ETHERTYPE).protocol("Ethertype"),
            new Declarations("mpls", Protocol.MPLS).protocol("MultiProtocol Label Switching Header"),
            new Declarations("pwethheuristic", Protocol.PWETHHEURISTIC).protocol("Ethernet PW (with CW) heuristic"),
            new Declarations("pwethcw", Protocol.PWETHCW).protocol("Ethernet PW (CW heuristic)"),
            new Declarations("pppoes", Protocol.PPPOES).protocol("PPP-over-Ethernet Session"),
            new Declarations("ppp", Protocol.PPP).protocol("Point-to-Point Protocol"));

    private LinkFields() {
    }

    static List<FieldDef> all() {
        return Stream.of(ETH.all(), VLAN.all(), IEEE8021AD.all(),
                SLL.all(), NULL.all(), RAW.all(), LLC.all(), OTHER_PROTOCOLS).flatMap(List::stream).toList();
    }
}
