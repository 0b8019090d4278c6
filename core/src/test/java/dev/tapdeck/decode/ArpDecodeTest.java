package dev.tapdeck.decode;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static dev.tapdeck.decode.TestPackets.*;
import static org.assertj.core.api.Assertions.assertThat;

/** ARP (RFC 826) over Ethernet. */
class ArpDecodeTest {
    private final TestDecoder decoder = new TestDecoder();

    /** ARP is 28 bytes; Ethernet pads the frame to its 60-byte minimum. */
    private static byte[] padded(byte[] arp) {
        return ethernet(MAC_BROADCAST, MAC_A, ETHERTYPE_ARP, concat(arp, new byte[18]));
    }

    @Test
    void request() {
        Dissection d = decoder.decode(LinkTypes.ETHERNET, padded(arp(1, MAC_A, "10.0.0.1", 0, "10.0.0.2")));

        assertThat(decoder.chain()).isEqualTo("eth:ethertype:arp");
        assertThat(d.arp.present()).isTrue();
        assertThat(d.arp.hardwareType()).isEqualTo(1);
        assertThat(d.arp.protocolType()).isEqualTo(0x0800);
        assertThat(d.arp.hardwareSize()).isEqualTo(6);
        assertThat(d.arp.protocolSize()).isEqualTo(4);
        assertThat(d.arp.opcode()).isEqualTo(1);
        assertThat(d.arp.isEthernetIpv4()).isTrue();
        assertThat(d.arp.senderMac()).isEqualTo(MAC_A);
        assertThat(d.arp.senderIpv4()).isEqualTo(ipv4Int("10.0.0.1"));
        assertThat(d.arp.targetMac()).isZero();
        assertThat(d.arp.targetIpv4()).isEqualTo(ipv4Int("10.0.0.2"));
        assertThat(d.malformed()).isFalse();
        JsonNode json = decoder.json();
        assertThat(json.get("arp.opcode").asInt()).isEqualTo(1);
        assertThat(json.get("arp.src.proto_ipv4").asText()).isEqualTo("10.0.0.1");
        assertThat(json.get("arp.dst.proto_ipv4").asText()).isEqualTo("10.0.0.2");
        assertThat(json.get("eth.dst").asText()).isEqualTo("ff:ff:ff:ff:ff:ff");
        assertThat(decoder.protocol()).isEqualTo("ARP");
        assertThat(decoder.info()).isEqualTo("Who has 10.0.0.2? Tell 10.0.0.1");
        assertThat(decoder.source()).isEqualTo("00:1b:21:3a:4b:5c");
        assertThat(decoder.destination()).isEqualTo("ff:ff:ff:ff:ff:ff");
    }

    @Test
    void reply() {
        Dissection d = decoder.decode(LinkTypes.ETHERNET,
                ethernet(MAC_A, MAC_B, ETHERTYPE_ARP, concat(arp(2, MAC_B, "10.0.0.2", MAC_A, "10.0.0.1"), new byte[18])));

        assertThat(d.arp.opcode()).isEqualTo(2);
        assertThat(d.arp.senderMac()).isEqualTo(MAC_B);
        assertThat(d.arp.targetMac()).isEqualTo(MAC_A);
        assertThat(decoder.info()).isEqualTo("10.0.0.2 is at 58:6d:8f:99:ec:a8");
        JsonNode json = decoder.json();
        assertThat(json.get("arp.opcode").asInt()).isEqualTo(2);
        assertThat(json.get("arp.src.proto_ipv4").asText()).isEqualTo("10.0.0.2");
        assertThat(json.get("arp.dst.proto_ipv4").asText()).isEqualTo("10.0.0.1");
    }

    @Test
    void addressesCutBySnapLength() {
        byte[] frame = padded(arp(1, MAC_A, "10.0.0.1", 0, "10.0.0.2"));
        Dissection d = decoder.snap(LinkTypes.ETHERNET, frame, 14 + 20);

        assertThat(decoder.chain()).isEqualTo("eth:ethertype:arp");
        assertThat(d.arp.opcode()).isEqualTo(1);
        assertThat(d.arp.isEthernetIpv4()).isFalse();
        assertThat(d.truncated()).isTrue();
        assertThat(d.malformed()).isFalse();
        assertThat(decoder.json().has("arp.src.proto_ipv4")).isFalse();
        assertThat(decoder.json().get("_ws.short").asBoolean()).isTrue();
    }

    @Test
    void addressesMissingFromAShortFrameAreMalformed() {
        byte[] frame = ethernet(MAC_BROADCAST, MAC_A, ETHERTYPE_ARP, arp(1, MAC_A, "10.0.0.1", 0, "10.0.0.2"));
        Dissection d = decoder.decode(LinkTypes.ETHERNET, frame, 14 + 20, 14 + 20);

        assertThat(d.arp.opcode()).isEqualTo(1);
        assertThat(d.malformed()).isTrue();
        assertThat(decoder.json().get("_ws.malformed").asBoolean()).isTrue();
        assertThat(decoder.json().has("_ws.short")).isFalse();
        assertThat(decoder.info()).endsWith(" [Malformed Packet]");
    }

    @Test
    void fixedPartCutIsTruncatedWithoutFields() {
        byte[] frame = padded(arp(1, MAC_A, "10.0.0.1", 0, "10.0.0.2"));
        Dissection d = decoder.snap(LinkTypes.ETHERNET, frame, 14 + 5);

        assertThat(decoder.chain()).isEqualTo("eth:ethertype:arp");
        assertThat(d.arp.present()).isFalse();
        assertThat(d.truncated()).isTrue();
        assertThat(decoder.json().has("arp.opcode")).isFalse();
    }

    @Test
    void otherHardwareAddressSizesStillHaveIpv4Fields() {
        // Hardware type 6 (IEEE 802) with 8-byte hardware addresses: 8 + 2 * (8 + 4) bytes.
        byte[] arp = new Writer().u16(6).u16(0x0800).u8(8).u8(4).u16(1)
                .zeros(8).bytes(ip("10.0.0.1")).zeros(8).bytes(ip("10.0.0.2")).toBytes();
        Dissection d = decoder.decode(LinkTypes.ETHERNET, padded(arp));

        assertThat(d.arp.present()).isTrue();
        assertThat(d.arp.isEthernetIpv4()).isFalse();
        assertThat(d.arp.hasIpv4Addresses()).isTrue();
        assertThat(d.arp.senderIpv4()).isEqualTo(ipv4Int("10.0.0.1"));
        assertThat(d.arp.targetIpv4()).isEqualTo(ipv4Int("10.0.0.2"));
        assertThat(d.malformed()).isFalse();
        JsonNode json = decoder.json();
        assertThat(json.get("arp.opcode").asInt()).isEqualTo(1);
        assertThat(json.get("arp.src.proto_ipv4").asText()).isEqualTo("10.0.0.1");
        assertThat(json.get("arp.dst.proto_ipv4").asText()).isEqualTo("10.0.0.2");
    }

    @Test
    void ipv6ProtocolAddressesHaveNoIpv4Fields() {
        // Protocol type 0x86dd with 16-byte protocol addresses: 8 + 2 * (6 + 16) bytes.
        byte[] arp = new Writer().u16(1).u16(0x86dd).u8(6).u8(16).u16(1).zeros(44).toBytes();
        Dissection d = decoder.decode(LinkTypes.ETHERNET, ethernet(MAC_BROADCAST, MAC_A, ETHERTYPE_ARP, arp));

        assertThat(d.arp.hasIpv4Addresses()).isFalse();
        assertThat(d.malformed()).isFalse();
        JsonNode json = decoder.json();
        assertThat(json.get("arp.opcode").asInt()).isEqualTo(1);
        assertThat(json.has("arp.src.proto_ipv4")).isFalse();
    }
}
