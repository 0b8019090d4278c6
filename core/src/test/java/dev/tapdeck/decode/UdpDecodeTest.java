package dev.tapdeck.decode;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.tapdeck.decode.TestPackets.*;
import static org.assertj.core.api.Assertions.assertThat;

/** UDP (RFC 768). */
class UdpDecodeTest {
    private final TestDecoder decoder = new TestDecoder();

    private Dissection decodeDatagram(byte[] udp) {
        return decoder.decode(LinkTypes.ETHERNET,
                ethernet(ETHERTYPE_IPV4, ipv4("192.0.2.1", "198.51.100.2", PROTO_UDP).wrap(udp)));
    }

    @Test
    void headerFieldsAndSummary() {
        Dissection d = decodeDatagram(udp(40000, 50000, ascii("hello")));

        assertThat(d.udp.present()).isTrue();
        assertThat(d.udp.sourcePort()).isEqualTo(40000);
        assertThat(d.udp.destinationPort()).isEqualTo(50000);
        assertThat(d.udp.length()).isEqualTo(13);
        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ip:udp:data");
        JsonNode json = decoder.json();
        assertThat(json.get("udp.srcport").asInt()).isEqualTo(40000);
        assertThat(json.get("udp.dstport").asInt()).isEqualTo(50000);
        assertThat(json.get("udp.length").asInt()).isEqualTo(13);
        assertThat(json.has("tcp.srcport")).isFalse();
        assertThat(decoder.protocol()).isEqualTo("UDP");
        assertThat(decoder.info()).isEqualTo("40000 → 50000 Len=5");
    }

    @Test
    void emptyDatagramHasNoData() {
        decodeDatagram(udp(40000, 50000, new byte[0]));

        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ip:udp");
        assertThat(decoder.info()).isEqualTo("40000 → 50000 Len=0");
    }

    @Test
    void lengthFieldBoundsThePayload() {
        // Eight bytes of trailer after a datagram whose length says 13.
        byte[] udp = concat(udp(40000, 50000, ascii("hello")), new byte[8]);
        Dissection d = decoder.decode(LinkTypes.ETHERNET, ethernet(ETHERTYPE_IPV4,
                ipv4("192.0.2.1", "198.51.100.2", PROTO_UDP).wrap(udp)));

        assertThat(d.udp.length()).isEqualTo(13);
        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ip:udp:data");
        assertThat(d.malformed()).isFalse();
    }

    @Test
    void headerCutBySnapLength() {
        byte[] frame = ethernet(ETHERTYPE_IPV4, ipv4("192.0.2.1", "198.51.100.2", PROTO_UDP).wrap(udp(40000, 50000, ascii("hello"))));
        Dissection d = decoder.snap(LinkTypes.ETHERNET, frame, 14 + 20 + 6);

        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ip:udp");
        assertThat(d.truncated()).isTrue();
        assertThat(d.malformed()).isFalse();
        assertThat(decoder.json().get("ip.src").asText()).isEqualTo("192.0.2.1");
    }

    @Test
    void headerMissingFromTheDatagramIsMalformed() {
        // The IP total length leaves only 6 bytes for UDP's 8-byte header.
        byte[] ip = ipv4("192.0.2.1", "198.51.100.2", PROTO_UDP).wrap(bytes(0x9c, 0x40, 0xc3, 0x50, 0, 13));
        Dissection d = decoder.decode(LinkTypes.ETHERNET, ethernet(ETHERTYPE_IPV4, concat(ip, new byte[20])));

        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ip:udp");
        assertThat(d.malformed()).isTrue();
        assertThat(d.truncated()).isFalse();
    }

    @Test
    void overIpv6() {
        Dissection d = decoder.decode(LinkTypes.ETHERNET, ethernet(ETHERTYPE_IPV6,
                ipv6("2001:db8::1", "2001:db8::2", PROTO_UDP).wrap(udp(40000, 50000, ascii("hi")))));

        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ipv6:udp:data");
        assertThat(d.udp.length()).isEqualTo(10);
        assertThat(decoder.info()).isEqualTo("40000 → 50000 Len=2");
    }

    /** A snap length at the end of the UDP header: tshark names no protocol for the payload, and calls the packet short. */
    @ParameterizedTest(name = "port {0}")
    @ValueSource(ints = {53, 1900, 50000})
    void payloadWithNoByteCapturedIsShortAndNotHandedOn(int port) {
        byte[] frame = ethernet(ETHERTYPE_IPV4, ipv4("192.0.2.1", "198.51.100.2", PROTO_UDP)
                .wrap(udp(40000, port, ascii("NOTIFY * HTTP/1.1\r\n\r\n"))));
        Dissection d = decoder.snap(LinkTypes.ETHERNET, frame, 14 + 20 + 8);

        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ip:udp");
        assertThat(d.truncated()).isTrue();
        assertThat(d.malformed()).isFalse();
        assertThat(d.udp.length()).isEqualTo(8 + 21);
    }

    @Test
    void lengthLongerThanTheIpPayloadIsMalformedButDecoded() {
        byte[] query = dns(0x7a7a, Dns.FLAGS_QUERY, 1, 0, 0, 0).question("example.org", Dns.TYPE_A).toBytes();
        Dissection d = decodeDatagram(udp(40000, 53, 100, query));

        assertThat(d.udp.length()).isEqualTo(100);
        assertThat(d.malformed()).isTrue();
        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ip:udp:dns");
        JsonNode json = decoder.json();
        assertThat(json.get("udp.length").asInt()).isEqualTo(100);
        assertThat(json.get("dns.qry.name").toString()).isEqualTo("[\"example.org\"]");
        assertThat(json.get("_ws.malformed").asBoolean()).isTrue();
    }

    @Test
    void lengthLongerThanAFirstFragmentIsTheWholeDatagrams() {
        Dissection d = decoder.decode(LinkTypes.ETHERNET, ethernet(ETHERTYPE_IPV4,
                ipv4("192.0.2.1", "198.51.100.2", PROTO_UDP).moreFragments().wrap(udp(40000, 50000, 200, ascii("hello")))));

        assertThat(d.udp.length()).isEqualTo(200);
        assertThat(d.malformed()).isFalse();
    }

    @Test
    void lengthLongerThanAnIcmpQuoteIsNotMalformed() {
        byte[] datagram = ipv4("192.0.2.1", "198.51.100.2", PROTO_UDP).wrap(udp(40000, 50000, 200, ascii("hello")));
        Dissection d = decoder.decode(LinkTypes.ETHERNET, ethernet(ETHERTYPE_IPV4,
                ipv4("198.51.100.2", "192.0.2.1", PROTO_ICMP).wrap(icmp(3, 3, 0, datagram))));

        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ip:icmp:ip:udp:data");
        assertThat(d.malformed()).isFalse();
    }

    @Test
    void lengthShorterThanTheHeaderIsMalformedAndEndsTheChain() {
        Dissection d = decodeDatagram(udp(40000, 53, 4, ascii("hello")));

        assertThat(d.udp.length()).isEqualTo(4);
        assertThat(d.malformed()).isTrue();
        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ip:udp");
        assertThat(decoder.json().get("udp.length").asInt()).isEqualTo(4);
        assertThat(decoder.json().has("dns.id")).isFalse();
    }

    @Test
    void zeroLengthOverIpv4IsMalformed() {
        Dissection d = decodeDatagram(udp(40000, 53, 0, ascii("hello")));

        assertThat(d.malformed()).isTrue();
        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ip:udp");
    }

    /** RFC 2675 §4: over IPv6 a zero length means the IPv6 payload length. */
    @Test
    void zeroLengthOverIpv6IsAJumbogram() {
        byte[] query = dns(0x7a7a, Dns.FLAGS_QUERY, 1, 0, 0, 0).question("example.org", Dns.TYPE_A).toBytes();
        Dissection d = decoder.decode(LinkTypes.ETHERNET, ethernet(ETHERTYPE_IPV6,
                ipv6("2001:db8::1", "2001:db8::2", PROTO_UDP).wrap(udp(40000, 53, 0, query))));

        assertThat(d.malformed()).isFalse();
        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ipv6:udp:dns");
        assertThat(d.dns.id()).isEqualTo(0x7a7a);
    }
}
