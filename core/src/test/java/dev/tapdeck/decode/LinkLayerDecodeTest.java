package dev.tapdeck.decode;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteOrder;

import static dev.tapdeck.decode.TestPackets.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Ethernet, 802.3, VLAN tags, Linux cooked captures, BSD loopback and raw IP link types. */
class LinkLayerDecodeTest {
    private final TestDecoder decoder = new TestDecoder();

    /** 192.0.2.1:40000 → 198.51.100.2:50000, five bytes of UDP data: 33 bytes. */
    private static byte[] ipv4Udp() {
        return ipv4("192.0.2.1", "198.51.100.2", PROTO_UDP).wrap(udp(40000, 50000, ascii("hello")));
    }

    private static byte[] ipv6Udp() {
        return ipv6("2001:db8::1", "2001:db8::2", PROTO_UDP).wrap(udp(40000, 50000, ascii("hello")));
    }

    @Test
    void ethernetIIFrameNamesItsAddressesAndHandsOnByEtherType() {
        Dissection d = decoder.decode(LinkTypes.ETHERNET, ethernet(MAC_B, MAC_A, ETHERTYPE_IPV4, ipv4Udp()));

        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ip:udp:data");
        assertThat(d.ethernet.present()).isTrue();
        assertThat(d.ethernet.source()).isEqualTo(MAC_A);
        assertThat(d.ethernet.destination()).isEqualTo(MAC_B);
        assertThat(d.ethernet.typeOrLength()).isEqualTo(0x0800);
        assertThat(d.malformed()).isFalse();
        assertThat(d.truncated()).isFalse();
        JsonNode json = decoder.json();
        assertThat(json.get("eth.src").asText()).isEqualTo("00:1b:21:3a:4b:5c");
        assertThat(json.get("eth.dst").asText()).isEqualTo("58:6d:8f:99:ec:a8");
        assertThat(json.get("link").asText()).isEqualTo("eth");
        assertThat(json.get("frame.encap_type").asInt()).isEqualTo(1);
        assertThat(json.get("frame.len").asInt()).isEqualTo(14 + 33);
        assertThat(json.has("_ws.malformed")).isFalse();
        assertThat(json.has("_ws.short")).isFalse();
    }

    /** The chain stops at LLC: what it carries (here spanning tree, which tshark names stp) is not decoded. */
    @Test
    void ieee8023LengthFrameCarriesLlc() {
        // Spanning tree BPDU behind an 802.2 LLC header: DSAP 0x42, SSAP 0x42, UI.
        byte[] llc = concat(bytes(0x42, 0x42, 0x03), new byte[35]);
        Dissection d = decoder.decode(LinkTypes.ETHERNET, ethernet8023(0x01_80_c2_00_00_00L, MAC_A, llc));

        assertThat(decoder.chain()).isEqualTo("eth:llc");
        assertThat(d.ethernet.typeOrLength()).isEqualTo(38);
        assertThat(d.malformed()).isFalse();
        assertThat(decoder.json().get("eth.dst").asText()).isEqualTo("01:80:c2:00:00:00");
    }

    @Test
    void vlanTagIsReadAndTheInnerEtherTypeFollowed() {
        Dissection d = decoder.decode(LinkTypes.ETHERNET, ethernet(ETHERTYPE_VLAN, vlanTag(5, 100, ETHERTYPE_IPV4, ipv4Udp())));

        assertThat(decoder.chain()).isEqualTo("eth:ethertype:vlan:ethertype:ip:udp:data");
        assertThat(d.vlans.vlanCount()).isEqualTo(1);
        assertThat(d.vlans.vlanId(0)).isEqualTo(100);
        assertThat(d.vlans.serviceCount()).isZero();
        assertThat(d.udp.destinationPort()).isEqualTo(50000);
        assertThat(decoder.json().get("vlan.id").toString()).isEqualTo("[100]");
        assertThat(decoder.json().has("ieee8021ad.id")).isFalse();
    }

    @Test
    void vlanIdIsTwelveBitsWithoutPriorityOrDei() {
        // TCI 0xffff: priority 7, DEI set, VID 4095.
        Dissection d = decoder.decode(LinkTypes.ETHERNET,
                ethernet(ETHERTYPE_VLAN, concat(bytes(0xff, 0xff, 0x08, 0x00), ipv4Udp())));

        assertThat(d.vlans.vlanId(0)).isEqualTo(4095);
    }

    @Test
    void ieee8021adServiceTagThenCustomerTag() {
        byte[] frame = ethernet(ETHERTYPE_QINQ, vlanTag(0, 200, ETHERTYPE_VLAN, vlanTag(0, 100, ETHERTYPE_IPV4, ipv4Udp())));
        Dissection d = decoder.decode(LinkTypes.ETHERNET, frame);

        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ieee8021ad:ethertype:vlan:ethertype:ip:udp:data");
        assertThat(d.vlans.serviceCount()).isEqualTo(1);
        assertThat(d.vlans.serviceId(0)).isEqualTo(200);
        assertThat(d.vlans.vlanId(0)).isEqualTo(100);
        JsonNode json = decoder.json();
        assertThat(json.get("ieee8021ad.id").toString()).isEqualTo("[200]");
        assertThat(json.get("vlan.id").toString()).isEqualTo("[100]");
        assertThat(json.get("ip.src").asText()).isEqualTo("192.0.2.1");
    }

    @Test
    void doubleCustomerTagsListOuterFirst() {
        byte[] frame = ethernet(ETHERTYPE_VLAN, vlanTag(0, 10, ETHERTYPE_VLAN, vlanTag(0, 20, ETHERTYPE_IPV6, ipv6Udp())));
        Dissection d = decoder.decode(LinkTypes.ETHERNET, frame);

        assertThat(decoder.chain()).isEqualTo("eth:ethertype:vlan:ethertype:vlan:ethertype:ipv6:udp:data");
        assertThat(d.vlans.vlanCount()).isEqualTo(2);
        assertThat(d.vlans.vlanId(0)).isEqualTo(10);
        assertThat(d.vlans.vlanId(1)).isEqualTo(20);
        assertThat(decoder.json().get("vlan.id").toString()).isEqualTo("[10,20]");
    }

    @Test
    void vlanTagWithALengthInsteadOfAnEtherTypeCarriesLlc() {
        byte[] llc = concat(bytes(0x42, 0x42, 0x03), new byte[35]);
        decoder.decode(LinkTypes.ETHERNET, ethernet(ETHERTYPE_VLAN, vlanTag(0, 7, llc.length, llc)));

        assertThat(decoder.chain()).isEqualTo("eth:ethertype:vlan:llc");
    }

    @Test
    void linuxCookedV1() {
        Dissection d = decoder.decode(LinkTypes.LINUX_SLL, sll(0, ETHERTYPE_IPV4, ipv4Udp()));

        assertThat(decoder.chain()).isEqualTo("sll:ethertype:ip:udp:data");
        assertThat(d.ethernet.present()).isFalse();
        assertThat(d.ipv4.source()).isEqualTo(ipv4Int("192.0.2.1"));
        JsonNode json = decoder.json();
        assertThat(json.get("link").asText()).isEqualTo("sll");
        assertThat(json.get("frame.encap_type").asInt()).isEqualTo(25);
        assertThat(json.has("eth.src")).isFalse();
    }

    @Test
    void linuxCookedV2() {
        Dissection d = decoder.decode(LinkTypes.LINUX_SLL2, sll2(ETHERTYPE_IPV6, 3, ipv6Udp()));

        assertThat(decoder.chain()).isEqualTo("sll:ethertype:ipv6:udp:data");
        assertThat(d.ipv6.hopLimit()).isEqualTo(64);
        assertThat(decoder.json().get("frame.encap_type").asInt()).isEqualTo(210);
    }

    @Test
    void linuxCookedArp() {
        Dissection d = decoder.decode(LinkTypes.LINUX_SLL,
                sll(1, ETHERTYPE_ARP, arp(1, MAC_A, "10.0.0.1", 0, "10.0.0.2")));

        assertThat(decoder.chain()).isEqualTo("sll:ethertype:arp");
        assertThat(d.arp.opcode()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"LITTLE_ENDIAN", "BIG_ENDIAN"})
    void bsdNullIpv4InEitherByteOrder(String order) {
        ByteOrder byteOrder = order.equals("BIG_ENDIAN") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        Dissection d = decoder.decode(LinkTypes.NULL, bsdNull(2, byteOrder, ipv4Udp()));

        assertThat(decoder.chain()).isEqualTo("null:ip:udp:data");
        assertThat(d.ipVersion()).isEqualTo(4);
        assertThat(decoder.json().get("frame.encap_type").asInt()).isEqualTo(15);
        assertThat(decoder.json().get("link").asText()).isEqualTo("null");
    }

    /** AF_INET6 is 24 on NetBSD/OpenBSD, 28 on FreeBSD, 30 on macOS. */
    @ParameterizedTest
    @ValueSource(ints = {24, 28, 30})
    void bsdNullIpv6FamiliesInEitherByteOrder(int family) {
        for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            Dissection d = decoder.decode(LinkTypes.NULL, bsdNull(family, order, ipv6Udp()));

            assertThat(decoder.chain()).as("AF %d %s", family, order).isEqualTo("null:ipv6:udp:data");
            assertThat(d.ipVersion()).isEqualTo(6);
            assertThat(decoder.json().get("ipv6.src").asText()).isEqualTo("2001:db8::1");
        }
    }

    @Test
    void bsdNullUnknownFamilyIsData() {
        for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            decoder.decode(LinkTypes.NULL, bsdNull(99, order, ipv4Udp()));

            assertThat(decoder.chain()).isEqualTo("null:data");
            assertThat(decoder.dissection().malformed()).isFalse();
        }
    }

    @Test
    void openBsdLoopHasTheFamilyInNetworkOrder() {
        Dissection d = decoder.decode(LinkTypes.LOOP, loop(2, ipv4Udp()));
        assertThat(decoder.chain()).isEqualTo("null:ip:udp:data");
        assertThat(d.udp.sourcePort()).isEqualTo(40000);
        // Wireshark's WTAP_ENCAP_LOOP, as tshark 4.0 reports it.
        assertThat(d.encapsulation()).isEqualTo(174);
        assertThat(decoder.json().get("frame.encap_type").asInt()).isEqualTo(174);
        assertThat(decoder.json().get("link").asText()).isEqualTo("null");

        decoder.decode(LinkTypes.LOOP, loop(24, ipv6Udp()));
        assertThat(decoder.chain()).isEqualTo("null:ipv6:udp:data");
    }

    /** LINKTYPE_RAW and the old OpenBSD and BSD/OS numbers for it: the version nibble picks IPv4 or IPv6. */
    @ParameterizedTest
    @ValueSource(ints = {LinkTypes.RAW_OPENBSD, LinkTypes.RAW_BSDOS, LinkTypes.RAW})
    void rawIpByVersionNibble(int linkType) {
        decoder.decode(linkType, ipv4Udp());
        assertThat(decoder.chain()).isEqualTo("raw:ip:udp:data");
        assertThat(decoder.json().get("frame.encap_type").asInt()).isEqualTo(7);
        assertThat(decoder.json().get("link").asText()).isEqualTo("raw");

        decoder.decode(linkType, ipv6Udp());
        assertThat(decoder.chain()).isEqualTo("raw:ipv6:udp:data");
        assertThat(decoder.json().get("ip.version").asInt()).isEqualTo(6);
    }

    @Test
    void rawIpWithAnUnknownVersionIsData() {
        byte[] packet = ipv4Udp();
        packet[0] = 0x55;
        decoder.decode(LinkTypes.RAW, packet);

        assertThat(decoder.chain()).isEqualTo("raw:data");
        assertThat(decoder.dissection().ipVersion()).isZero();
    }

    @Test
    void linkTypeIpv4AndIpv6StartAtTheIpHeader() {
        decoder.decode(LinkTypes.IPV4, ipv4Udp());
        assertThat(decoder.chain()).isEqualTo("ip:udp:data");
        assertThat(decoder.json().get("frame.encap_type").asInt()).isEqualTo(129);
        assertThat(decoder.json().get("link").asText()).isEqualTo("ip");

        decoder.decode(LinkTypes.IPV6, ipv6Udp());
        assertThat(decoder.chain()).isEqualTo("ipv6:udp:data");
        assertThat(decoder.json().get("frame.encap_type").asInt()).isEqualTo(130);
        assertThat(decoder.json().get("link").asText()).isEqualTo("ipv6");
    }

    /** A LINKTYPE no one has assigned: the decoder does not guess, the bytes are data. */
    @Test
    void unknownLinkTypeIsDataWithoutAnEncapsulation() {
        Dissection d = decoder.decode(999, ipv4Udp());

        assertThat(decoder.chain()).isEqualTo("data");
        assertThat(d.encapsulation()).isEqualTo(-1);
        assertThat(d.malformed()).isFalse();
        assertThat(d.truncated()).isFalse();
        assertThat(d.ipv4.present()).isFalse();
        JsonNode json = decoder.json();
        assertThat(json.has("frame.encap_type")).isFalse();
        assertThat(json.get("frame.protocols").asText()).isEqualTo("data");
        assertThat(decoder.info()).isEqualTo("33 bytes");
    }

    @Test
    void emptyPacketOfAnUnknownLinkTypeHasNoLayers() {
        Dissection d = decoder.decode(999, new byte[0]);

        assertThat(d.layerCount()).isZero();
        assertThat(decoder.json().has("frame.protocols")).isFalse();
    }

    @Test
    void unknownEtherTypeIsData() {
        decoder.decode(LinkTypes.ETHERNET, ethernet(0x88b5, new byte[46]));

        assertThat(decoder.chain()).isEqualTo("eth:ethertype:data");
        assertThat(decoder.protocol()).isEqualTo("ETH");
    }

    @Test
    void ethernetSummaryFallsBackToMacAddresses() {
        decoder.decode(LinkTypes.ETHERNET, ethernet(0x88b5, new byte[46]));

        assertThat(decoder.source()).isEqualTo("00:1b:21:3a:4b:5c");
        assertThat(decoder.destination()).isEqualTo("58:6d:8f:99:ec:a8");
    }
}
