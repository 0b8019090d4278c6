package dev.tapdeck.decode;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.tapdeck.decode.TestPackets.*;
import static org.assertj.core.api.Assertions.assertThat;

/** IPv4 (RFC 791): header fields, options, fragments and bogus headers. */
class Ipv4DecodeTest {
    private final TestDecoder decoder = new TestDecoder();

    private static byte[] udpHello() {
        return udp(40000, 50000, ascii("hello"));
    }

    @Test
    void headerFields() {
        byte[] ip = ipv4("192.0.2.1", "198.51.100.2", PROTO_UDP).id(0xbeef).dontFragment().ttl(57).wrap(udpHello());
        Dissection d = decoder.decode(LinkTypes.ETHERNET, ethernet(ETHERTYPE_IPV4, ip));

        Ipv4Header h = d.ipv4;
        assertThat(h.present()).isTrue();
        assertThat(h.isComplete()).isTrue();
        assertThat(h.version()).isEqualTo(4);
        assertThat(h.headerLength()).isEqualTo(20);
        assertThat(h.totalLength()).isEqualTo(20 + 8 + 5);
        assertThat(h.identification()).isEqualTo(0xbeef);
        assertThat(h.dontFragment()).isTrue();
        assertThat(h.moreFragments()).isFalse();
        assertThat(h.fragmentOffset()).isZero();
        assertThat(h.ttl()).isEqualTo(57);
        assertThat(h.protocol()).isEqualTo(17);
        assertThat(h.source()).isEqualTo(ipv4Int("192.0.2.1"));
        assertThat(h.destination()).isEqualTo(ipv4Int("198.51.100.2"));
        assertThat(d.ipVersion()).isEqualTo(4);

        JsonNode json = decoder.json();
        assertThat(json.get("ip.version").asInt()).isEqualTo(4);
        assertThat(json.get("ip.hdr_len").asInt()).isEqualTo(20);
        assertThat(json.get("ip.len").asInt()).isEqualTo(33);
        assertThat(json.get("ip.id").asInt()).isEqualTo(0xbeef);
        assertThat(json.get("ip.flags.df").asBoolean()).isTrue();
        assertThat(json.get("ip.flags.mf").asBoolean()).isFalse();
        assertThat(json.get("ip.frag_offset").asInt()).isZero();
        assertThat(json.get("ip.ttl").asInt()).isEqualTo(57);
        assertThat(json.get("ip.proto").asInt()).isEqualTo(17);
        assertThat(json.get("ip.src").asText()).isEqualTo("192.0.2.1");
        assertThat(json.get("ip.dst").asText()).isEqualTo("198.51.100.2");
        assertThat(decoder.source()).isEqualTo("192.0.2.1");
        assertThat(decoder.destination()).isEqualTo("198.51.100.2");
    }

    @Test
    void ethernetPaddingAfterTheDatagramIsNotPayload() {
        // A bare SYN is 40 bytes of IP: Ethernet pads it by 6 to the 60-byte minimum.
        byte[] ip = ipv4("192.0.2.1", "198.51.100.2", PROTO_TCP).wrap(tcp(44644, 5001).flags(TcpHeader.SYN).build());
        Dissection d = decoder.decode(LinkTypes.ETHERNET, ethernet(ETHERTYPE_IPV4, concat(ip, new byte[6])));

        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ip:tcp");
        assertThat(d.tcp.payloadLength()).isZero();
    }

    @Test
    void recordRouteOptionLengthensTheHeader() {
        // Record Route with two slots, one filled: 11 bytes, padded to 12.
        byte[] ip = ipv4("192.0.2.1", "198.51.100.2", PROTO_UDP).options(recordRoute(2, "10.9.9.9")).wrap(udpHello());
        Dissection d = decoder.decode(LinkTypes.ETHERNET, ethernet(ETHERTYPE_IPV4, ip));

        assertThat(d.ipv4.headerLength()).isEqualTo(32);
        assertThat(d.ipv4.destination()).isEqualTo(ipv4Int("198.51.100.2"));
        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ip:udp:data");
        assertThat(d.udp.sourcePort()).isEqualTo(40000);
        JsonNode json = decoder.json();
        assertThat(json.get("ip.hdr_len").asInt()).isEqualTo(32);
        assertThat(json.get("ip.len").asInt()).isEqualTo(32 + 13);
        assertThat(json.get("ip.dst").asText()).isEqualTo("198.51.100.2");
    }

    @Test
    void looseSourceRouteDestinationIsTheRoutesLastHop() {
        // Sent to the first hop; the route lists the rest and ends at the real destination.
        byte[] ip = ipv4("192.0.2.1", "10.1.1.1", PROTO_UDP)
                .options(concat(bytes(1), sourceRoute(false, 4, "10.2.2.2", "10.3.3.3", "203.0.113.9")))
                .wrap(udpHello());
        Dissection d = decoder.decode(LinkTypes.ETHERNET, ethernet(ETHERTYPE_IPV4, ip));

        assertThat(d.ipv4.headerLength()).isEqualTo(20 + 16);
        assertThat(d.ipv4.headerDestination()).isEqualTo(ipv4Int("10.1.1.1"));
        assertThat(d.ipv4.destination()).isEqualTo(ipv4Int("203.0.113.9"));
        assertThat(decoder.json().get("ip.dst").asText()).isEqualTo("203.0.113.9");
        assertThat(decoder.destination()).isEqualTo("203.0.113.9");
        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ip:udp:data");
    }

    @Test
    void strictSourceRouteDestinationIsTheRoutesLastHop() {
        byte[] ip = ipv4("192.0.2.1", "10.1.1.1", PROTO_UDP)
                .options(sourceRoute(true, 4, "10.2.2.2", "203.0.113.7"))
                .wrap(udpHello());
        Dissection d = decoder.decode(LinkTypes.ETHERNET, ethernet(ETHERTYPE_IPV4, ip));

        assertThat(d.ipv4.headerLength()).isEqualTo(20 + 12);
        assertThat(decoder.json().get("ip.dst").asText()).isEqualTo("203.0.113.7");
    }

    @Test
    void laterFragmentIsDataWithoutTransport() {
        // Offset 185 * 8 = 1480: the second fragment of a UDP datagram.
        byte[] ip = ipv4("192.0.2.1", "198.51.100.2", PROTO_UDP).id(0x4242).fragmentOffset(185)
                .wrap(ascii("the rest of a long datagram"));
        Dissection d = decoder.decode(LinkTypes.ETHERNET, ethernet(ETHERTYPE_IPV4, ip));

        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ip:data");
        assertThat(d.ipv4.fragmentOffset()).isEqualTo(185);
        assertThat(d.ipv4.moreFragments()).isFalse();
        assertThat(d.udp.present()).isFalse();
        assertThat(d.malformed()).isFalse();
        JsonNode json = decoder.json();
        assertThat(json.get("ip.frag_offset").asInt()).isEqualTo(185);
        assertThat(json.get("ip.flags.mf").asBoolean()).isFalse();
        assertThat(json.has("udp.srcport")).isFalse();
        assertThat(decoder.info()).isEqualTo("Fragmented IP protocol (proto=17, off=1480)");
    }

    @Test
    void middleFragmentIsDataWithoutTransport() {
        byte[] ip = ipv4("192.0.2.1", "198.51.100.2", PROTO_TCP).moreFragments().fragmentOffset(1)
                .wrap(tcp(1, 2).build());
        decoder.decode(LinkTypes.ETHERNET, ethernet(ETHERTYPE_IPV4, ip));

        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ip:data");
        assertThat(decoder.dissection().tcp.present()).isFalse();
        assertThat(decoder.json().get("ip.flags.mf").asBoolean()).isTrue();
    }

    @Test
    void firstFragmentDecodesTransportWithoutTcpLen() {
        byte[] segment = tcp(44644, 5001).flags(TcpHeader.ACK | TcpHeader.PSH).seq(7).ack(9).wrap(new byte[100]);
        byte[] ip = ipv4("192.0.2.1", "198.51.100.2", PROTO_TCP).moreFragments().wrap(segment);
        Dissection d = decoder.decode(LinkTypes.ETHERNET, ethernet(ETHERTYPE_IPV4, ip));

        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ip:tcp:data");
        assertThat(d.tcp.present()).isTrue();
        assertThat(d.tcp.sourcePort()).isEqualTo(44644);
        assertThat(d.tcp.payloadLength()).isEqualTo(-1);
        assertThat(d.malformed()).isFalse();
        JsonNode json = decoder.json();
        assertThat(json.get("ip.flags.mf").asBoolean()).isTrue();
        assertThat(json.get("tcp.srcport").asInt()).isEqualTo(44644);
        assertThat(json.get("tcp.seq").asLong()).isEqualTo(7);
        assertThat(json.has("tcp.len")).isFalse();
    }

    @Test
    void firstFragmentOfADnsMessageEndsWithoutBeingMalformed() {
        // The UDP length announces the whole datagram; the fragment stops in the question.
        byte[] dns = dns(0x1234, Dns.FLAGS_QUERY, 1, 0, 0, 0).question("www.example.com", Dns.TYPE_A).toBytes();
        byte[] whole = udp(40000, 53, dns);
        byte[] firstFragment = java.util.Arrays.copyOf(whole, 8 + 16);
        byte[] ip = ipv4("192.0.2.1", "198.51.100.2", PROTO_UDP).moreFragments().wrap(firstFragment);
        Dissection d = decoder.decode(LinkTypes.ETHERNET, ethernet(ETHERTYPE_IPV4, ip));

        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ip:udp:dns");
        assertThat(d.udp.length()).isEqualTo(whole.length);
        assertThat(d.dns.id()).isEqualTo(0x1234);
        assertThat(d.malformed()).isFalse();
        assertThat(d.truncated()).isFalse();
    }

    @Test
    void bogusVersionStopsAfterTheVersion() {
        byte[] ip = ipv4("192.0.2.1", "198.51.100.2", PROTO_UDP).version(5).wrap(udpHello());
        Dissection d = decoder.decode(LinkTypes.ETHERNET, ethernet(ETHERTYPE_IPV4, ip));

        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ip");
        assertThat(d.ipVersion()).isEqualTo(5);
        assertThat(d.ipv4.hasHeaderLength()).isFalse();
        assertThat(d.udp.present()).isFalse();
        assertThat(d.malformed()).isFalse();
        JsonNode json = decoder.json();
        assertThat(json.get("ip.version").asInt()).isEqualTo(5);
        assertThat(json.has("ip.hdr_len")).isFalse();
        assertThat(json.has("ip.src")).isFalse();
    }

    @Test
    void headerLengthBelowTwentyStopsAfterIt() {
        byte[] ip = ipv4("192.0.2.1", "198.51.100.2", PROTO_UDP).headerWords(4).wrap(udpHello());
        Dissection d = decoder.decode(LinkTypes.ETHERNET, ethernet(ETHERTYPE_IPV4, ip));

        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ip");
        assertThat(d.ipv4.hasHeaderLength()).isTrue();
        assertThat(d.ipv4.hasTotalLength()).isFalse();
        assertThat(d.malformed()).isFalse();
        JsonNode json = decoder.json();
        assertThat(json.get("ip.version").asInt()).isEqualTo(4);
        assertThat(json.get("ip.hdr_len").asInt()).isEqualTo(16);
        assertThat(json.has("ip.len")).isFalse();
        assertThat(json.has("ip.src")).isFalse();
    }

    @Test
    void totalLengthBelowTheHeaderLengthStopsAfterIt() {
        byte[] ip = ipv4("192.0.2.1", "198.51.100.2", PROTO_UDP).totalLength(12).wrap(udpHello());
        Dissection d = decoder.decode(LinkTypes.ETHERNET, ethernet(ETHERTYPE_IPV4, ip));

        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ip");
        assertThat(d.ipv4.hasTotalLength()).isTrue();
        assertThat(d.ipv4.isComplete()).isFalse();
        assertThat(d.udp.present()).isFalse();
        JsonNode json = decoder.json();
        assertThat(json.get("ip.hdr_len").asInt()).isEqualTo(20);
        assertThat(json.get("ip.len").asInt()).isEqualTo(12);
        assertThat(json.has("ip.id")).isFalse();
        assertThat(json.has("ip.src")).isFalse();
    }

    @Test
    void zeroTotalLengthIsPresumedFromTheFrame() {
        // Segmentation offload hands the capture a super-segment with a zero length field.
        byte[] segment = tcp(44644, 5001).flags(TcpHeader.ACK | TcpHeader.PSH).wrap(new byte[3000]);
        byte[] ip = ipv4("192.0.2.1", "198.51.100.2", PROTO_TCP).totalLength(0).wrap(segment);
        Dissection d = decoder.decode(LinkTypes.ETHERNET, ethernet(ETHERTYPE_IPV4, ip));

        assertThat(d.ipv4.totalLength()).isEqualTo(20 + 20 + 3000);
        assertThat(d.tcp.payloadLength()).isEqualTo(3000);
        assertThat(d.malformed()).isFalse();
        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ip:tcp:data");
        JsonNode json = decoder.json();
        assertThat(json.get("ip.len").asInt()).isEqualTo(3040);
        assertThat(json.get("tcp.len").asInt()).isEqualTo(3000);
    }

    @Test
    void totalLengthBeyondTheFrameIsBoundedByTheFrame() {
        byte[] ip = ipv4("192.0.2.1", "198.51.100.2", PROTO_UDP).totalLength(1500).wrap(udpHello());
        Dissection d = decoder.decode(LinkTypes.ETHERNET, ethernet(ETHERTYPE_IPV4, ip));

        assertThat(d.ipv4.totalLength()).isEqualTo(1500);
        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ip:udp:data");
        assertThat(decoder.json().get("ip.len").asInt()).isEqualTo(1500);
    }

    @Test
    void ipInIpFieldsAreTheOuterHeaders() {
        byte[] inner = ipv4("10.0.0.1", "10.0.0.2", PROTO_UDP).ttl(3).wrap(udpHello());
        byte[] outer = ipv4("192.0.2.1", "198.51.100.2", PROTO_IPIP).ttl(60).wrap(inner);
        Dissection d = decoder.decode(LinkTypes.ETHERNET, ethernet(ETHERTYPE_IPV4, outer));

        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ip:ip:udp:data");
        assertThat(d.ipv4.ttl()).isEqualTo(60);
        assertThat(d.ipv4.protocol()).isEqualTo(4);
        assertThat(decoder.json().get("ip.src").asText()).isEqualTo("192.0.2.1");
        assertThat(d.udp.sourcePort()).isEqualTo(40000);
    }

    @Test
    void unknownProtocolIsData() {
        byte[] ip = ipv4("192.0.2.1", "198.51.100.2", 253).wrap(ascii("experiment"));
        decoder.decode(LinkTypes.ETHERNET, ethernet(ETHERTYPE_IPV4, ip));

        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ip:data");
        assertThat(decoder.protocol()).isEqualTo("IPv4");
        assertThat(decoder.json().get("ip.proto").asInt()).isEqualTo(253);
    }

    @Test
    void optionsCutBySnapLengthAreTruncated() {
        byte[] ip = ipv4("192.0.2.1", "198.51.100.2", PROTO_UDP).options(recordRoute(2, "10.9.9.9")).wrap(udpHello());
        Dissection d = decoder.snap(LinkTypes.ETHERNET, ethernet(ETHERTYPE_IPV4, ip), 14 + 24);

        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ip");
        assertThat(d.truncated()).isTrue();
        assertThat(d.malformed()).isFalse();
        JsonNode json = decoder.json();
        assertThat(json.get("ip.src").asText()).isEqualTo("192.0.2.1");
        // The options could hold a source route that changes the destination: tshark shows none.
        assertThat(json.has("ip.dst")).isFalse();
        assertThat(json.get("_ws.short").asBoolean()).isTrue();
    }

    @Test
    void headerLongerThanTheDatagramIsMalformed() {
        // IHL 15 and a total length of 60, in a frame that holds 33 bytes of IP.
        byte[] ip = ipv4("192.0.2.1", "198.51.100.2", PROTO_UDP).headerWords(15).totalLength(60).wrap(udpHello());
        Dissection d = decoder.decode(LinkTypes.ETHERNET, ethernet(ETHERTYPE_IPV4, ip));

        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ip");
        assertThat(d.malformed()).isTrue();
        assertThat(d.udp.present()).isFalse();
    }

    @Test
    void aSourceRouteDoesNotCarryOverToAPacketCutBeforeItsOptions() {
        byte[] routed = ethernet(ETHERTYPE_IPV4, ipv4("192.0.2.1", "10.1.1.1", PROTO_UDP)
                .options(sourceRoute(false, 4, "10.2.2.2", "203.0.113.9")).wrap(udpHello()));
        decoder.decode(LinkTypes.ETHERNET, routed);

        // The same packet again, cut after the fixed header: the route's last hop is not captured.
        Dissection d = decoder.snap(LinkTypes.ETHERNET, routed, 14 + 20 + 2);

        assertThat(d.truncated()).isTrue();
        assertThat(decoder.json().get("ip.src").asText()).isEqualTo("192.0.2.1");
        assertThat(decoder.json().has("ip.dst")).isFalse();
        assertThat(decoder.destination()).isEqualTo("10.1.1.1");
    }

    /**
     * The route's last hop is the destination only while the route is under way: the pointer
     * (RFC 791 §3.1) is on an address of the option. Past the end, the route is done and the
     * header's destination is the final one; a pointer between addresses is not followed.
     */
    @ParameterizedTest(name = "pointer {0}")
    @CsvSource({"4, 203.0.113.9", "8, 203.0.113.9", "12, 10.1.1.1", "16, 10.1.1.1", "7, 10.1.1.1", "9, 10.1.1.1", "3, 10.1.1.1", "0, 10.1.1.1"})
    void sourceRoutePointerDecidesTheDestination(int pointer, String destination) {
        // Two addresses: the option is 11 bytes, its addresses at offsets 3 and 7 (pointer 4 and 8).
        byte[] ip = ipv4("192.0.2.1", "10.1.1.1", PROTO_UDP)
                .options(sourceRoute(false, pointer, "10.2.2.2", "203.0.113.9")).wrap(udpHello());
        Dissection d = decoder.decode(LinkTypes.ETHERNET, ethernet(ETHERTYPE_IPV4, ip));

        assertThat(decoder.json().get("ip.dst").asText()).isEqualTo(destination);
        assertThat(d.ipv4.headerDestination()).isEqualTo(ipv4Int("10.1.1.1"));
        assertThat(d.malformed()).isFalse();
    }

    @Test
    void recordRouteNeverChangesTheDestination() {
        byte[] ip = ipv4("192.0.2.1", "198.51.100.2", PROTO_UDP).options(recordRoute(2, "10.9.9.9", "10.8.8.8")).wrap(udpHello());
        decoder.decode(LinkTypes.ETHERNET, ethernet(ETHERTYPE_IPV4, ip));

        assertThat(decoder.json().get("ip.dst").asText()).isEqualTo("198.51.100.2");
    }

    @Test
    void datagramThatIsAllHeaderEndsAtIp() {
        // Total length 20, protocol TCP, then Ethernet padding.
        byte[] ip = ipv4("192.0.2.1", "198.51.100.2", PROTO_TCP).wrap(new byte[0]);
        Dissection d = decoder.decode(LinkTypes.ETHERNET, ethernet(ETHERTYPE_IPV4, concat(ip, new byte[26])));

        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ip");
        assertThat(d.malformed()).isFalse();
        assertThat(d.tcp.present()).isFalse();
        assertThat(decoder.json().get("ip.proto").asInt()).isEqualTo(6);
    }

    @Test
    void frameEndingAfterTheHeaderEndsAtIp() {
        // The total length says 33 bytes, the frame ends after the 20-byte header.
        byte[] frame = ethernet(ETHERTYPE_IPV4, ipv4("192.0.2.1", "198.51.100.2", PROTO_UDP).wrap(udpHello()));
        Dissection d = decoder.decode(LinkTypes.ETHERNET, frame, 14 + 20, 14 + 20);

        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ip");
        assertThat(d.malformed()).isFalse();
        assertThat(d.truncated()).isFalse();
        assertThat(decoder.json().get("ip.len").asInt()).isEqualTo(33);
    }
}
