package dev.tapdeck.decode;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static dev.tapdeck.decode.TestPackets.*;
import static org.assertj.core.api.Assertions.assertThat;

/** IPv6 (RFC 8200) and its extension headers. */
class Ipv6DecodeTest {
    private static final String SRC = "2001:db8::1";
    private static final String DST = "2001:db8:0:1::2";

    private final TestDecoder decoder = new TestDecoder();

    private static byte[] udpHello() {
        return udp(40000, 50000, ascii("hello"));
    }

    private Dissection decodeEthernet(byte[] ipv6) {
        return decoder.decode(LinkTypes.ETHERNET, ethernet(ETHERTYPE_IPV6, ipv6));
    }

    @Test
    void fixedHeaderFields() {
        Dissection d = decodeEthernet(ipv6(SRC, DST, PROTO_UDP).hopLimit(255).wrap(udpHello()));

        Ipv6Header h = d.ipv6;
        assertThat(h.present()).isTrue();
        assertThat(h.version()).isEqualTo(6);
        assertThat(h.payloadLength()).isEqualTo(13);
        assertThat(h.nextHeader()).isEqualTo(17);
        assertThat(h.hopLimit()).isEqualTo(255);
        assertThat(h.hasFragmentHeader()).isFalse();
        assertThat(d.ipVersion()).isEqualTo(6);
        assertThat(d.ipv4.present()).isFalse();
        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ipv6:udp:data");

        JsonNode json = decoder.json();
        assertThat(json.get("ip.version").asInt()).isEqualTo(6);
        assertThat(json.get("ipv6.version").asInt()).isEqualTo(6);
        assertThat(json.get("ipv6.plen").asInt()).isEqualTo(13);
        assertThat(json.get("ipv6.nxt").asInt()).isEqualTo(17);
        assertThat(json.get("ipv6.hlim").asInt()).isEqualTo(255);
        assertThat(json.get("ipv6.src").asText()).isEqualTo("2001:db8::1");
        assertThat(json.get("ipv6.dst").asText()).isEqualTo("2001:db8:0:1::2");
        assertThat(json.has("ip.src")).isFalse();
        assertThat(json.has("ipv6.fraghdr.offset")).isFalse();
        assertThat(decoder.source()).isEqualTo("2001:db8::1");
        assertThat(decoder.destination()).isEqualTo("2001:db8:0:1::2");
    }

    @Test
    void addressesInRfc5952Form() {
        // The longest run of zero groups becomes "::"; of two equal runs, the first.
        decodeEthernet(ipv6("fe80:0:0:1:0:0:0:1", "2001:db8:0:0:1:0:0:1", PROTO_UDP).wrap(udpHello()));
        JsonNode json = decoder.json();
        assertThat(json.get("ipv6.src").asText()).isEqualTo("fe80:0:0:1::1");
        assertThat(json.get("ipv6.dst").asText()).isEqualTo("2001:db8::1:0:0:1");

        decodeEthernet(ipv6("::ffff:192.0.2.1", "::", PROTO_UDP).wrap(udpHello()));
        json = decoder.json();
        assertThat(json.get("ipv6.src").asText()).isEqualTo("::ffff:192.0.2.1");
        assertThat(json.get("ipv6.dst").asText()).isEqualTo("::");
    }

    @Test
    void hopByHopOptions() {
        Dissection d = decodeEthernet(ipv6(SRC, DST, PROTO_HOPOPTS).wrap(hopByHop(PROTO_UDP, udpHello())));

        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ipv6:ipv6.hopopts:udp:data");
        assertThat(d.ipv6.nextHeader()).isZero();
        assertThat(d.udp.destinationPort()).isEqualTo(50000);
        assertThat(decoder.json().get("ipv6.plen").asInt()).isEqualTo(8 + 13);
    }

    @Test
    void routingHeaderType0() {
        Dissection d = decodeEthernet(ipv6(SRC, DST, PROTO_ROUTING)
                .wrap(routing(PROTO_UDP, 1, udpHello(), "2001:db8:ffff::9")));

        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ipv6:ipv6.routing:udp:data");
        assertThat(d.udp.sourcePort()).isEqualTo(40000);
        assertThat(decoder.json().get("ipv6.dst").asText()).isEqualTo("2001:db8:0:1::2");
    }

    @Test
    void destinationOptionsHeader() {
        Dissection d = decodeEthernet(ipv6(SRC, DST, PROTO_DSTOPTS)
                .wrap(destinationOptions(PROTO_TCP, tcp(44644, 5001).flags(TcpHeader.SYN).build())));

        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ipv6:ipv6.dstopts:tcp");
        assertThat(d.tcp.flags()).isEqualTo(TcpHeader.SYN);
        assertThat(d.tcp.payloadLength()).isZero();
    }

    @Test
    void firstFragmentDecodesTransportWithoutTcpLen() {
        byte[] segment = tcp(44644, 5001).flags(TcpHeader.ACK).wrap(new byte[64]);
        Dissection d = decodeEthernet(ipv6(SRC, DST, PROTO_FRAGMENT)
                .wrap(fragmentHeader(PROTO_TCP, 0, true, 0xcafe, segment)));

        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ipv6:ipv6.fraghdr:tcp:data");
        assertThat(d.ipv6.hasFragmentHeader()).isTrue();
        assertThat(d.ipv6.fragmentOffset()).isZero();
        assertThat(d.ipv6.moreFragments()).isTrue();
        assertThat(d.tcp.payloadLength()).isEqualTo(-1);
        JsonNode json = decoder.json();
        assertThat(json.get("ipv6.fraghdr.offset").asInt()).isZero();
        assertThat(json.get("ipv6.fraghdr.more").asBoolean()).isTrue();
        assertThat(json.get("tcp.srcport").asInt()).isEqualTo(44644);
        assertThat(json.has("tcp.len")).isFalse();
    }

    @Test
    void laterFragmentIsData() {
        Dissection d = decodeEthernet(ipv6(SRC, DST, PROTO_FRAGMENT)
                .wrap(fragmentHeader(PROTO_UDP, 181, false, 0xcafe, new byte[40])));

        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ipv6:ipv6.fraghdr:data");
        assertThat(d.ipv6.fragmentOffset()).isEqualTo(181);
        assertThat(d.ipv6.moreFragments()).isFalse();
        assertThat(d.udp.present()).isFalse();
        JsonNode json = decoder.json();
        assertThat(json.get("ipv6.fraghdr.offset").asInt()).isEqualTo(181);
        assertThat(json.get("ipv6.fraghdr.more").asBoolean()).isFalse();
    }

    @Test
    void authenticationHeaderIsWalkedThrough() {
        Dissection d = decodeEthernet(ipv6(SRC, DST, PROTO_AH).wrap(authenticationHeader(PROTO_UDP, udpHello())));

        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ipv6:ah:udp:data");
        assertThat(d.udp.length()).isEqualTo(13);
    }

    @Test
    void everyExtensionHeaderChained() {
        byte[] payload = hopByHop(PROTO_DSTOPTS,
                destinationOptions(PROTO_ROUTING,
                        routing(PROTO_FRAGMENT, 0, fragmentHeader(PROTO_AH, 0, false, 7,
                                authenticationHeader(PROTO_DSTOPTS,
                                        destinationOptions(PROTO_UDP, udpHello()))), "2001:db8::99")));
        Dissection d = decodeEthernet(ipv6(SRC, DST, PROTO_HOPOPTS).wrap(payload));

        assertThat(decoder.chain()).isEqualTo(
                "eth:ethertype:ipv6:ipv6.hopopts:ipv6.dstopts:ipv6.routing:ipv6.fraghdr:ah:ipv6.dstopts:udp:data");
        assertThat(d.ipv6.hasFragmentHeader()).isTrue();
        assertThat(d.udp.sourcePort()).isEqualTo(40000);
        assertThat(d.malformed()).isFalse();
        // An atomic fragment (offset 0, no more fragments) is a whole datagram.
        assertThat(decoder.json().get("ipv6.fraghdr.more").asBoolean()).isFalse();
    }

    @Test
    void noNextHeaderEndsTheChain() {
        decodeEthernet(ipv6(SRC, DST, PROTO_NONE).wrap(new byte[0]));

        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ipv6");
        assertThat(decoder.json().get("ipv6.nxt").asInt()).isEqualTo(59);
    }

    @Test
    void extensionHeaderLongerThanThePayloadIsMalformed() {
        // Hdr Ext Len 1 claims 16 bytes, but the payload length leaves 8.
        byte[] hop = hopByHop(PROTO_UDP, new byte[0]);
        hop[1] = 1;
        Dissection d = decodeEthernet(ipv6(SRC, DST, PROTO_HOPOPTS).wrap(hop));

        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ipv6:ipv6.hopopts");
        assertThat(d.malformed()).isTrue();
        assertThat(d.udp.present()).isFalse();
    }

    @Test
    void payloadLengthBoundsTheUpperLayers() {
        // The Ethernet trailer beyond the payload length is not part of the datagram.
        Dissection d = decodeEthernet(concat(ipv6(SRC, DST, PROTO_UDP).wrap(udp(40000, 50000, new byte[0])), new byte[20]));

        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ipv6:udp");
        assertThat(d.malformed()).isFalse();
    }

    @Test
    void ipv6InIpv6FieldsAreTheOuterHeaders() {
        byte[] inner = ipv6("fd00::1", "fd00::2", PROTO_UDP).hopLimit(3).wrap(udpHello());
        Dissection d = decodeEthernet(ipv6(SRC, DST, PROTO_IPV6).wrap(inner));

        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ipv6:ipv6:udp:data");
        assertThat(d.ipv6.hopLimit()).isEqualTo(64);
        assertThat(decoder.json().get("ipv6.src").asText()).isEqualTo("2001:db8::1");
    }

    @Test
    void fixedHeaderCutBySnapLength() {
        byte[] frame = ethernet(ETHERTYPE_IPV6, ipv6(SRC, DST, PROTO_UDP).wrap(udpHello()));
        Dissection d = decoder.snap(LinkTypes.ETHERNET, frame, 14 + 30);

        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ipv6");
        assertThat(d.truncated()).isTrue();
        assertThat(d.malformed()).isFalse();
        assertThat(d.udp.present()).isFalse();
        assertThat(decoder.json().has("ipv6.dst")).isFalse();
    }
}
