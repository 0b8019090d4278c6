package dev.tapdeck.decode;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static dev.tapdeck.decode.TestPackets.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * Packets cut in the middle of each layer's header. Cut by the capture's snap length (the
 * packet was longer on the wire) the packet is short; ending there on the wire too, the header
 * claims bytes the packet does not have, and it is malformed, except where the layer is known
 * to continue in a later TCP segment. Either way nothing throws.
 */
class TruncationDecodeTest {
    private final TestDecoder decoder = new TestDecoder();

    /**
     * A packet, its link type, where in it one layer's header lies, and whether a frame ending in
     * its middle is malformed (not when the layer continues in the next TCP segment).
     */
    record Cut(int linkType, byte[] packet, int headerStart, int headerLength, boolean malformedWhenTheFrameEnds) {
        int middle() {
            return headerStart + headerLength / 2;
        }
    }

    private static Arguments cut(String layer, int linkType, byte[] packet, int headerStart, int headerLength) {
        return Arguments.of(Named.of(layer, new Cut(linkType, packet, headerStart, headerLength, true)));
    }

    private static Arguments whole(String name, int linkType, byte[] packet) {
        return cut(name, linkType, packet, 0, packet.length);
    }

    private static Arguments cutInTcpStream(String layer, byte[] packet, int headerStart, int headerLength) {
        return Arguments.of(Named.of(layer, new Cut(LinkTypes.ETHERNET, packet, headerStart, headerLength, false)));
    }

    private static byte[] udpHello() {
        return udp(40000, 50000, ascii("hello"));
    }

    private static byte[] ipv4Udp() {
        return ipv4("192.0.2.1", "198.51.100.2", PROTO_UDP).wrap(udpHello());
    }

    private static byte[] ipv6(int next, byte[] payload) {
        return TestPackets.ipv6("2001:db8::1", "2001:db8::2", next).wrap(payload);
    }

    private static byte[] dnsResponse() {
        Dns message = dns(0x5555, Dns.FLAGS_RESPONSE, 1, 1, 0, 0).question("example.com", Dns.TYPE_A);
        message.pointer(12).record(Dns.TYPE_A, 300, ip("93.184.216.34"));
        return message.toBytes();
    }

    static Stream<Arguments> headers() {
        int eth = 14;
        byte[] synOptions = tcpOptions().mss(1460).sackPermitted().timestamps(1, 0).nop().windowScale(7).toBytes();
        byte[] syn = ipv4("192.0.2.1", "198.51.100.2", PROTO_TCP).wrap(tcp(44644, 80).flags(TcpHeader.SYN).options(synOptions).build());
        byte[] dnsUdp = ipv4("192.0.2.1", "198.51.100.53", PROTO_UDP).wrap(udp(53, 53000, dnsResponse()));
        int dns = eth + 20 + 8;
        byte[] dnsMessage = dnsResponse();
        byte[] dnsTcp = ipv4("192.0.2.1", "198.51.100.53", PROTO_TCP).wrap(tcp(53, 41000)
                .wrap(concat(new Writer().u16(dnsMessage.length).toBytes(), dnsMessage)));
        byte[] arp = arp(1, MAC_A, "10.0.0.1", 0, "10.0.0.2");
        byte[] hello = clientHello().serverName("www.example.com").toBytes();
        byte[] tls = ipv4("192.0.2.1", "198.51.100.2", PROTO_TCP).wrap(tcp(44644, 443).wrap(hello));
        byte[] http = ipv4("192.0.2.1", "198.51.100.2", PROTO_TCP)
                .wrap(tcp(44644, 80).wrap(ascii("GET /index.html HTTP/1.1\r\nHost: example.com\r\n\r\n")));
        List<Arguments> cuts = new ArrayList<>(List.of(
                cut("Ethernet", LinkTypes.ETHERNET, ethernet(ETHERTYPE_IPV4, ipv4Udp()), 0, 14),
                cut("802.1Q tag", LinkTypes.ETHERNET, ethernet(ETHERTYPE_VLAN, vlanTag(0, 100, ETHERTYPE_IPV4, ipv4Udp())), eth, 4),
                cut("802.1ad tag", LinkTypes.ETHERNET,
                        ethernet(ETHERTYPE_QINQ, vlanTag(0, 200, ETHERTYPE_VLAN, vlanTag(0, 100, ETHERTYPE_IPV4, ipv4Udp()))), eth, 4),
                cut("SLL", LinkTypes.LINUX_SLL, sll(0, ETHERTYPE_IPV4, ipv4Udp()), 0, 16),
                cut("SLL2", LinkTypes.LINUX_SLL2, sll2(ETHERTYPE_IPV4, 2, ipv4Udp()), 0, 20),
                cut("BSD null", LinkTypes.NULL, bsdNull(2, ByteOrder.LITTLE_ENDIAN, ipv4Udp()), 0, 4),
                cut("OpenBSD loop", LinkTypes.LOOP, loop(2, ipv4Udp()), 0, 4),
                cut("ARP fixed part", LinkTypes.ETHERNET, ethernet(MAC_BROADCAST, MAC_A, ETHERTYPE_ARP, arp), eth, 8),
                cut("ARP addresses", LinkTypes.ETHERNET, ethernet(MAC_BROADCAST, MAC_A, ETHERTYPE_ARP, arp), eth + 8, 20),
                cut("IPv4", LinkTypes.ETHERNET, ethernet(ETHERTYPE_IPV4, ipv4Udp()), eth, 20),
                cut("raw IPv4", LinkTypes.RAW, ipv4Udp(), 0, 20),
                cut("IPv4 options", LinkTypes.ETHERNET, ethernet(ETHERTYPE_IPV4,
                        ipv4("192.0.2.1", "198.51.100.2", PROTO_UDP).options(recordRoute(2)).wrap(udpHello())), eth + 20, 12),
                cut("IPv6", LinkTypes.ETHERNET, ethernet(ETHERTYPE_IPV6, ipv6(PROTO_UDP, udpHello())), eth, 40),
                cut("IPv6 hop-by-hop options", LinkTypes.ETHERNET,
                        ethernet(ETHERTYPE_IPV6, ipv6(PROTO_HOPOPTS, hopByHop(PROTO_UDP, udpHello()))), eth + 40, 8),
                cut("IPv6 routing header", LinkTypes.ETHERNET,
                        ethernet(ETHERTYPE_IPV6, ipv6(PROTO_ROUTING, routing(PROTO_UDP, 1, udpHello(), "2001:db8::9"))), eth + 40, 24),
                cut("IPv6 fragment header", LinkTypes.ETHERNET,
                        ethernet(ETHERTYPE_IPV6, ipv6(PROTO_FRAGMENT, fragmentHeader(PROTO_UDP, 0, false, 1, udpHello()))), eth + 40, 8),
                cut("IPv6 destination options", LinkTypes.ETHERNET,
                        ethernet(ETHERTYPE_IPV6, ipv6(PROTO_DSTOPTS, destinationOptions(PROTO_UDP, udpHello()))), eth + 40, 8),
                cut("IPv6 authentication header", LinkTypes.ETHERNET,
                        ethernet(ETHERTYPE_IPV6, ipv6(PROTO_AH, authenticationHeader(PROTO_UDP, udpHello()))), eth + 40, 24),
                cut("TCP", LinkTypes.ETHERNET, ethernet(ETHERTYPE_IPV4, syn), eth + 20, 20),
                cut("TCP options", LinkTypes.ETHERNET, ethernet(ETHERTYPE_IPV4, syn), eth + 40, 20),
                cut("UDP", LinkTypes.ETHERNET, ethernet(ETHERTYPE_IPV4, ipv4Udp()), eth + 20, 8),
                cut("ICMP", LinkTypes.ETHERNET, ethernet(ETHERTYPE_IPV4,
                        ipv4("192.0.2.1", "198.51.100.2", PROTO_ICMP).wrap(icmp(8, 0, 0x00010001L, new byte[8]))), eth + 20, 4),
                cut("ICMPv6", LinkTypes.ETHERNET, ethernet(ETHERTYPE_IPV6,
                        ipv6(PROTO_ICMPV6, icmpv6(128, 0, 0x00010001L, new byte[8]))), eth + 40, 4),
                cut("DNS header", LinkTypes.ETHERNET, ethernet(ETHERTYPE_IPV4, dnsUdp), dns, 12),
                cut("DNS question", LinkTypes.ETHERNET, ethernet(ETHERTYPE_IPV4, dnsUdp), dns + 12, 17),
                cut("DNS answer", LinkTypes.ETHERNET, ethernet(ETHERTYPE_IPV4, dnsUdp), dns + 12 + 17, 16),
                cutInTcpStream("DNS over TCP length", ethernet(ETHERTYPE_IPV4, dnsTcp), eth + 40, 2),
                cutInTcpStream("DNS over TCP message", ethernet(ETHERTYPE_IPV4, dnsTcp), eth + 40 + 2, dnsMessage.length),
                cutInTcpStream("TLS record header", ethernet(ETHERTYPE_IPV4, tls), eth + 40, 5),
                cutInTcpStream("TLS ClientHello", ethernet(ETHERTYPE_IPV4, tls), eth + 40 + 5, hello.length - 5),
                cutInTcpStream("HTTP request line", ethernet(ETHERTYPE_IPV4, http), eth + 40, 26)));
        return cuts.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("headers")
    void cutBySnapLengthIsShort(Cut cut) {
        Dissection d = decoder.snap(cut.linkType(), cut.packet(), cut.middle());

        assertThat(d.truncated()).as("short").isTrue();
        assertThat(d.malformed()).as("malformed").isFalse();
        assertThat(decoder.json().get("_ws.short").asBoolean()).isTrue();
        assertThat(decoder.json().has("_ws.malformed")).isFalse();
        assertThat(decoder.info()).endsWith(" [Packet size limited during capture]");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("headers")
    void endingOnTheWireIsMalformed(Cut cut) {
        Dissection d = decoder.decode(cut.linkType(), cut.packet(), cut.middle(), cut.middle());

        assertThat(d.malformed()).as("malformed").isEqualTo(cut.malformedWhenTheFrameEnds());
        assertThat(d.truncated()).as("short").isFalse();
        assertThat(decoder.json().has("_ws.malformed")).isEqualTo(cut.malformedWhenTheFrameEnds());
        assertThat(decoder.json().has("_ws.short")).isFalse();
        if (cut.malformedWhenTheFrameEnds()) {
            assertThat(decoder.info()).endsWith(" [Malformed Packet]");
        }
    }

    /**
     * Every prefix of well-formed packets, cut by the snap length and ending on the wire: nothing
     * throws, a snap length never makes a packet malformed, a packet whose capture is whole is
     * never short, and the layers found are the whole packet's, as far as they go (bytes too few
     * to recognise may be plain data: tshark too calls "GE" on port 80 http:data).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("wellFormed")
    void everyPrefixDecodesWithoutThrowing(Cut whole) {
        byte[] packet = whole.packet();
        decoder.decode(whole.linkType(), packet);
        String fullChain = decoder.chain();
        assertThat(decoder.dissection().malformed()).isFalse();
        assertThat(decoder.dissection().truncated()).isFalse();

        for (int length = 0; length < packet.length; length++) {
            int captured = length;
            assertThatCode(() -> {
                decoder.snap(whole.linkType(), packet, captured);
                decoder.json();
                decoder.info();
                decoder.source();
                decoder.destination();
                decoder.protocol();
            }).as("cut at %d", captured).doesNotThrowAnyException();
            assertThat(decoder.dissection().malformed()).as("malformed when cut at %d", captured).isFalse();
            assertThat(fullChain).as("chain when cut at %d", captured).startsWith(withoutData(decoder.chain()));

            assertThatCode(() -> {
                decoder.decode(whole.linkType(), packet, captured, captured);
                decoder.json();
                decoder.info();
            }).as("ending at %d", captured).doesNotThrowAnyException();
            assertThat(decoder.dissection().truncated()).as("short when ending at %d", captured).isFalse();
        }
    }

    static Stream<Arguments> wellFormed() {
        byte[] synOptions = tcpOptions().mss(1460).sackPermitted().timestamps(1, 0).nop().windowScale(7).toBytes();
        byte[] request = ascii("GET /index.html HTTP/1.1\r\nHost: example.com\r\n\r\n");
        byte[] quoted = ipv4("198.51.100.53", "192.0.2.1", PROTO_UDP).wrap(udp(53000, 53, dnsResponse()));
        byte[] redirected = TestPackets.ipv6("2001:db8::1", "2001:db8:5::5", PROTO_UDP).wrap(udp(40000, 50000, ascii("hello!!!")));
        byte[] redirect = new Writer().bytes(ip6("fe80::2")).bytes(ip6("2001:db8:5::5"))
                .u8(4).u8(1 + redirected.length / 8).zeros(6).bytes(redirected).toBytes();
        return Stream.of(
                whole("Ethernet IPv4 TCP SYN", LinkTypes.ETHERNET, ethernet(ETHERTYPE_IPV4, ipv4("192.0.2.1", "198.51.100.2", PROTO_TCP)
                        .wrap(tcp(44644, 80).flags(TcpHeader.SYN).options(synOptions).build()))),
                whole("Ethernet IPv4 HTTP request", LinkTypes.ETHERNET, ethernet(ETHERTYPE_IPV4, ipv4("192.0.2.1", "198.51.100.2", PROTO_TCP)
                        .wrap(tcp(44644, 80).wrap(request)))),
                whole("VLAN IPv6 extension headers DNS", LinkTypes.ETHERNET, ethernet(ETHERTYPE_VLAN, vlanTag(0, 5, ETHERTYPE_IPV6,
                        ipv6(PROTO_HOPOPTS, hopByHop(PROTO_FRAGMENT, fragmentHeader(PROTO_UDP, 0, false, 9,
                                udp(53, 53000, dnsResponse()))))))),
                whole("SLL ARP", LinkTypes.LINUX_SLL, sll(4, ETHERTYPE_ARP, arp(2, MAC_B, "10.0.0.2", MAC_A, "10.0.0.1"))),
                whole("SLL2 ICMPv6 redirect", LinkTypes.LINUX_SLL2, sll2(ETHERTYPE_IPV6, 1,
                        ipv6(PROTO_ICMPV6, icmpv6(137, 0, 0, redirect)))),
                whole("null ICMP error quoting DNS", LinkTypes.NULL, bsdNull(2, ByteOrder.LITTLE_ENDIAN,
                        ipv4("192.0.2.1", "198.51.100.53", PROTO_ICMP).wrap(icmp(3, 3, 0, quoted)))),
                whole("raw IPv4 with a source route and DNS over TCP", LinkTypes.RAW, ipv4("192.0.2.1", "10.1.1.1", PROTO_TCP)
                        .options(sourceRoute(false, 4, "203.0.113.9"))
                        .wrap(tcp(41000, 53).wrap(concat(new Writer().u16(dnsResponse().length).toBytes(), dnsResponse())))),
                whole("SSDP", LinkTypes.IPV4, ipv4("192.0.2.1", "239.255.255.250", PROTO_UDP)
                        .wrap(udp(50000, 1900, ascii("M-SEARCH * HTTP/1.1\r\nST: ssdp:all\r\n\r\n")))),
                whole("TLS ClientHello", LinkTypes.ETHERNET, ethernet(ETHERTYPE_IPV4, ipv4("192.0.2.1", "198.51.100.2", PROTO_TCP)
                        .wrap(tcp(44644, 443).wrap(clientHello().serverName("www.example.com").toBytes())))));
    }

    private static String withoutData(String chain) {
        return chain.endsWith(":data") ? chain.substring(0, chain.length() - ":data".length()) : chain;
    }
}
