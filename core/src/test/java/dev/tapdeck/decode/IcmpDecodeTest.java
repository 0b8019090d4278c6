package dev.tapdeck.decode;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static dev.tapdeck.decode.TestPackets.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * ICMP (RFC 792) and ICMPv6 (RFC 4443, RFC 4861): echo, neighbour discovery, and errors that
 * quote the offending datagram, whose layers join the chain but fill no fields.
 */
class IcmpDecodeTest {
    private static final String ROUTER = "203.0.113.1";
    private static final String HOST = "192.0.2.10";
    private static final String SERVER = "198.51.100.53";

    private final TestDecoder decoder = new TestDecoder();

    private Dissection decodeIpv4(byte[] ip) {
        return decoder.decode(LinkTypes.ETHERNET, ethernet(ETHERTYPE_IPV4, ip));
    }

    private Dissection decodeIpv6(byte[] ip) {
        return decoder.decode(LinkTypes.ETHERNET, ethernet(ETHERTYPE_IPV6, ip));
    }

    /** The DNS query an error will quote: HOST:53000 → SERVER:53. */
    private static byte[] dnsQueryDatagram() {
        byte[] query = dns(0x7a7a, Dns.FLAGS_QUERY, 1, 0, 0, 0).question("example.org", Dns.TYPE_A).toBytes();
        return ipv4(HOST, SERVER, PROTO_UDP).ttl(1).wrap(udp(53000, 53, query));
    }

    @Test
    void echoRequest() {
        Dissection d = decodeIpv4(ipv4(HOST, SERVER, PROTO_ICMP).wrap(icmp(8, 0, 0x1234_0001L, new byte[32])));

        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ip:icmp:data");
        assertThat(d.icmp.present()).isTrue();
        assertThat(d.icmp.type()).isEqualTo(8);
        assertThat(d.icmp.code()).isZero();
        assertThat(d.icmp.hasRestOfHeader()).isTrue();
        assertThat(d.icmp.identifier()).isEqualTo(0x1234);
        assertThat(d.icmp.sequenceNumber()).isEqualTo(1);
        JsonNode json = decoder.json();
        assertThat(json.get("icmp.type").asInt()).isEqualTo(8);
        assertThat(json.get("icmp.code").asInt()).isZero();
        assertThat(decoder.protocol()).isEqualTo("ICMP");
        // tshark's column: the sequence number read big- and little-endian, then the TTL.
        assertThat(decoder.info()).isEqualTo("Echo (ping) request  id=0x1234, seq=1/256, ttl=64");
    }

    @Test
    void echoReplyWithoutData() {
        decodeIpv4(ipv4(SERVER, HOST, PROTO_ICMP).wrap(icmp(0, 0, 0x1234_0002L, new byte[0])));

        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ip:icmp");
        assertThat(decoder.info()).startsWith("Echo (ping) reply ").contains("id=0x1234, seq=2");
    }

    @Test
    void portUnreachableQuotesTheDatagramWithoutTakingItsFields() {
        byte[] error = icmp(3, 3, 0, dnsQueryDatagram());
        Dissection d = decodeIpv4(ipv4(SERVER, HOST, PROTO_ICMP).ttl(250).wrap(error));

        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ip:icmp:ip:udp:dns");
        assertThat(d.icmp.type()).isEqualTo(3);
        assertThat(d.icmp.code()).isEqualTo(3);
        assertThat(d.ipv4.ttl()).isEqualTo(250);
        assertThat(d.udp.present()).isFalse();
        assertThat(d.dns.present()).isFalse();
        assertThat(d.topProtocol()).isEqualTo(Protocol.ICMP);
        assertThat(d.malformed()).isFalse();
        assertThat(d.truncated()).isFalse();

        JsonNode json = decoder.json();
        assertThat(json.get("ip.src").asText()).isEqualTo(SERVER);
        assertThat(json.get("ip.dst").asText()).isEqualTo(HOST);
        assertThat(json.get("ip.ttl").asInt()).isEqualTo(250);
        assertThat(json.get("ip.proto").asInt()).isEqualTo(1);
        assertThat(json.get("icmp.type").asInt()).isEqualTo(3);
        assertThat(json.has("udp.srcport")).isFalse();
        assertThat(json.has("dns.id")).isFalse();
        assertThat(json.has("dns.qry.name")).isFalse();
        assertThat(decoder.protocol()).isEqualTo("ICMP");
        assertThat(decoder.info()).isEqualTo("Destination unreachable (Port unreachable)");
        assertThat(decoder.source()).isEqualTo(SERVER);
    }

    @Test
    void timeExceededQuotingOnlyEightBytesOfTcpIsNotMalformed() {
        // RFC 792's minimum quote: the IP header and the first 64 bits of the datagram.
        byte[] syn = ipv4(HOST, SERVER, PROTO_TCP).ttl(1).wrap(tcp(44644, 80).flags(TcpHeader.SYN).seq(5).build());
        byte[] quote = Arrays.copyOf(syn, 20 + 8);
        Dissection d = decodeIpv4(ipv4(ROUTER, HOST, PROTO_ICMP).wrap(icmp(11, 0, 0, quote)));

        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ip:icmp:ip:tcp");
        assertThat(d.tcp.present()).isFalse();
        assertThat(d.malformed()).isFalse();
        assertThat(d.truncated()).isFalse();
        JsonNode json = decoder.json();
        assertThat(json.get("ip.src").asText()).isEqualTo(ROUTER);
        assertThat(json.get("icmp.type").asInt()).isEqualTo(11);
        assertThat(json.has("tcp.srcport")).isFalse();
        assertThat(json.has("_ws.malformed")).isFalse();
        assertThat(decoder.info()).isEqualTo("Time-to-live exceeded (Time to live exceeded in transit)");
    }

    @Test
    void echoCutInItsHeaderIsTruncated() {
        byte[] frame = ethernet(ETHERTYPE_IPV4, ipv4(HOST, SERVER, PROTO_ICMP).wrap(icmp(8, 0, 0x1234_0001L, new byte[32])));
        Dissection d = decoder.snap(LinkTypes.ETHERNET, frame, 14 + 20 + 6);

        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ip:icmp");
        assertThat(d.icmp.type()).isEqualTo(8);
        assertThat(d.icmp.hasRestOfHeader()).isFalse();
        assertThat(d.truncated()).isTrue();
        assertThat(decoder.info()).isEqualTo("Echo (ping) request [Packet size limited during capture]");
    }

    // ---- ICMPv6

    @Test
    void icmpv6EchoRequest() {
        Dissection d = decodeIpv6(ipv6("2001:db8::1", "2001:db8::2", PROTO_ICMPV6)
                .wrap(icmpv6(128, 0, 0x0abc_0007L, new byte[16])));

        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ipv6:icmpv6:data");
        assertThat(d.icmpv6.type()).isEqualTo(128);
        assertThat(d.icmpv6.identifier()).isEqualTo(0x0abc);
        assertThat(d.icmpv6.sequenceNumber()).isEqualTo(7);
        assertThat(d.icmp.present()).isFalse();
        JsonNode json = decoder.json();
        assertThat(json.get("icmpv6.type").asInt()).isEqualTo(128);
        assertThat(json.get("icmpv6.code").asInt()).isZero();
        assertThat(json.has("icmp.type")).isFalse();
        assertThat(decoder.protocol()).isEqualTo("ICMPv6");
        assertThat(decoder.info()).isEqualTo("Echo (ping) request id=0x0abc, seq=7");
    }

    @Test
    void icmpv6EchoReply() {
        decodeIpv6(ipv6("2001:db8::2", "2001:db8::1", PROTO_ICMPV6).wrap(icmpv6(129, 0, 0x0abc_0007L, new byte[16])));

        assertThat(decoder.info()).isEqualTo("Echo (ping) reply id=0x0abc, seq=7");
    }

    @Test
    void neighborSolicitation() {
        // Target address, then a Source Link-Layer Address option (type 1, 8 bytes).
        byte[] body = new Writer().bytes(ip6("2001:db8::2")).u8(1).u8(1).mac(MAC_A).toBytes();
        Dissection d = decodeIpv6(ipv6("2001:db8::1", "ff02::1:ff00:2", PROTO_ICMPV6).hopLimit(255)
                .wrap(icmpv6(135, 0, 0, body)));

        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ipv6:icmpv6");
        assertThat(d.icmpv6.type()).isEqualTo(135);
        assertThat(decoder.json().get("icmpv6.type").asInt()).isEqualTo(135);
        assertThat(decoder.json().get("ipv6.dst").asText()).isEqualTo("ff02::1:ff00:2");
        assertThat(decoder.info()).startsWith("Neighbor Solicitation");
    }

    @Test
    void routerAdvertisement() {
        // Cur hop limit 64, no flags, lifetime 1800 s; reachable time and retransmit timer; a Prefix Information option.
        byte[] prefix = new Writer().u8(3).u8(4).u8(64).u8(0xc0).u32(86400).u32(14400).u32(0)
                .bytes(ip6("2001:db8:1::")).toBytes();
        byte[] body = new Writer().u32(0).u32(0).bytes(prefix).toBytes();
        Dissection d = decodeIpv6(ipv6("fe80::1", "ff02::1", PROTO_ICMPV6).hopLimit(255)
                .wrap(icmpv6(134, 0, (64L << 24) | 1800, body)));

        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ipv6:icmpv6");
        assertThat(d.icmpv6.type()).isEqualTo(134);
        assertThat(d.malformed()).isFalse();
        assertThat(decoder.info()).startsWith("Router Advertisement");
    }

    @Test
    void icmpv6DestinationUnreachableQuotesThePacket() {
        byte[] quoted = ipv6("2001:db8::1", "2001:db8::2", PROTO_UDP).wrap(udp(40000, 50000, ascii("hello")));
        Dissection d = decodeIpv6(ipv6("2001:db8::2", "2001:db8::1", PROTO_ICMPV6).wrap(icmpv6(1, 4, 0, quoted)));

        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ipv6:icmpv6:ipv6:udp:data");
        assertThat(d.icmpv6.type()).isEqualTo(1);
        assertThat(d.icmpv6.code()).isEqualTo(4);
        assertThat(d.udp.present()).isFalse();
        assertThat(d.topProtocol()).isEqualTo(Protocol.ICMPV6);
        JsonNode json = decoder.json();
        assertThat(json.get("ipv6.src").asText()).isEqualTo("2001:db8::2");
        assertThat(json.get("ipv6.nxt").asInt()).isEqualTo(58);
        assertThat(json.get("icmpv6.code").asInt()).isEqualTo(4);
        assertThat(json.has("udp.srcport")).isFalse();
        assertThat(decoder.protocol()).isEqualTo("ICMPv6");
        assertThat(decoder.info()).startsWith("Destination Unreachable");
    }

    @Test
    void packetTooBigQuotesThePacket() {
        byte[] quoted = ipv6("2001:db8::1", "2001:db8::2", PROTO_TCP).wrap(tcp(44644, 5001).wrap(new byte[1400]));
        Dissection d = decodeIpv6(ipv6("2001:db8::fe", "2001:db8::1", PROTO_ICMPV6)
                .wrap(icmpv6(2, 0, 1280, Arrays.copyOf(quoted, 1232))));

        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ipv6:icmpv6:ipv6:tcp:data");
        assertThat(d.tcp.present()).isFalse();
        assertThat(d.malformed()).isFalse();
        assertThat(d.truncated()).isFalse();
        assertThat(decoder.info()).isEqualTo("Packet Too Big");
    }

    @Test
    void redirectQuotesTheRedirectedHeader() {
        // 56 bytes of quoted packet: the option needs no padding (tshark flags padding as unknown data).
        byte[] quoted = ipv6("2001:db8::1", "2001:db8:5::5", PROTO_UDP).wrap(udp(40000, 50000, ascii("hello!!!")));
        byte[] body = new Writer()
                .bytes(ip6("fe80::2")).bytes(ip6("2001:db8:5::5"))     // target, destination
                .u8(2).u8(1).mac(MAC_B)                                 // Target Link-Layer Address
                .u8(4).u8(1 + quoted.length / 8).zeros(6).bytes(quoted) // Redirected Header
                .toBytes();
        Dissection d = decodeIpv6(ipv6("fe80::1", "2001:db8::1", PROTO_ICMPV6).hopLimit(255)
                .wrap(icmpv6(137, 0, 0, body)));

        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ipv6:icmpv6:ipv6:udp:data");
        assertThat(d.icmpv6.type()).isEqualTo(137);
        assertThat(d.udp.present()).isFalse();
        assertThat(d.malformed()).isFalse();
        JsonNode json = decoder.json();
        assertThat(json.get("ipv6.src").asText()).isEqualTo("fe80::1");
        assertThat(json.get("icmpv6.type").asInt()).isEqualTo(137);
        assertThat(json.has("udp.srcport")).isFalse();
        assertThat(decoder.protocol()).isEqualTo("ICMPv6");
        assertThat(decoder.info()).isEqualTo("Redirect");
    }

    /** A zero option length cannot be stepped over: the walk ends (tshark also calls the packet malformed). */
    @Test
    void redirectWithAZeroLengthOptionStops() {
        byte[] body = new Writer().bytes(ip6("fe80::2")).bytes(ip6("2001:db8:5::5")).u8(4).u8(0).zeros(6).toBytes();
        Dissection d = decodeIpv6(ipv6("fe80::1", "2001:db8::1", PROTO_ICMPV6).hopLimit(255).wrap(icmpv6(137, 0, 0, body)));

        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ipv6:icmpv6");
        assertThat(d.icmpv6.type()).isEqualTo(137);
    }

    @Test
    void quoteCutBySnapLengthIsShort() {
        byte[] frame = ethernet(ETHERTYPE_IPV4, ipv4(SERVER, HOST, PROTO_ICMP).wrap(icmp(3, 3, 0, dnsQueryDatagram())));

        // Inside the quoted DNS message, then inside the quoted IP header.
        for (int captured : new int[] {frame.length - 10, 14 + 20 + 8 + 10}) {
            Dissection d = decoder.snap(LinkTypes.ETHERNET, frame, captured);

            assertThat(d.truncated()).as("cut at %d", captured).isTrue();
            assertThat(d.malformed()).isFalse();
            assertThat(d.icmp.type()).isEqualTo(3);
            assertThat(decoder.json().get("_ws.short").asBoolean()).isTrue();
        }
    }

    @Test
    void quoteEndingWithTheFrameIsNeitherShortNorMalformed() {
        // The router quoted 10 bytes of the IP header only: the quote's own end, not a cut.
        byte[] frame = ethernet(ETHERTYPE_IPV4, ipv4(SERVER, HOST, PROTO_ICMP).wrap(icmp(3, 3, 0, dnsQueryDatagram())));
        Dissection d = decoder.decode(LinkTypes.ETHERNET, frame, 14 + 20 + 8 + 10, 14 + 20 + 8 + 10);

        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ip:icmp:ip");
        assertThat(d.truncated()).isFalse();
        assertThat(d.malformed()).isFalse();
    }
}
