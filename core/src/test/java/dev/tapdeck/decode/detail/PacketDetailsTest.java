package dev.tapdeck.decode.detail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tapdeck.file.CaptureFiles;
import dev.tapdeck.file.CaptureReader;
import dev.tapdeck.file.PacketRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Chosen packets of the corpus, one per protocol family. Every expected name, value, offset
 * and length was read from {@code tshark -n -T pdml} (Wireshark 4.0.17) of the same packet:
 * a field's {@code name}, {@code show}, {@code pos} and {@code size}.
 */
class PacketDetailsTest {

    private static List<DetailNode> describe(String capture, int frameNumber) throws IOException {
        try (CaptureReader reader = CaptureFiles.open(PacketDetailsCorpusTest.corpus().resolve(capture))) {
            PacketRecord packet = new PacketRecord();
            for (int n = 1; reader.next(packet); n++) {
                if (n == frameNumber) {
                    return PacketDetails.describe(n, packet);
                }
            }
        }
        throw new AssertionError(capture + " has no packet " + frameNumber);
    }

    /** The first node named {@code name}, depth first. */
    private static DetailNode node(List<DetailNode> tree, String name) {
        return find(tree, name).orElseThrow(() -> new AssertionError("no " + name + " in " + names(tree)));
    }

    private static Optional<DetailNode> find(List<DetailNode> nodes, String name) {
        for (DetailNode node : nodes) {
            if (node.name().equals(name)) {
                return Optional.of(node);
            }
            Optional<DetailNode> inside = find(node.children(), name);
            if (inside.isPresent()) {
                return inside;
            }
        }
        return Optional.empty();
    }

    private static List<String> names(List<DetailNode> nodes) {
        List<String> names = new ArrayList<>();
        nodes.forEach(node -> {
            names.add(node.name());
            names.addAll(names(node.children()));
        });
        return names;
    }

    private static void assertField(List<DetailNode> tree, String name, String value, int offset, int length) {
        DetailNode node = node(tree, name);
        assertThat(node.value()).as("%s value", name).isEqualTo(value);
        assertThat(node.offset()).as("%s offset", name).isEqualTo(offset);
        assertThat(node.length()).as("%s length", name).isEqualTo(length);
    }

    private static void assertLayer(List<DetailNode> tree, String name, int offset, int length) {
        DetailNode node = node(tree, name);
        assertThat(node.value()).as("%s is a protocol", name).isNull();
        assertThat(node.offset()).as("%s offset", name).isEqualTo(offset);
        assertThat(node.length()).as("%s length", name).isEqualTo(length);
    }

    private static List<String> layerNames(List<DetailNode> tree) {
        return tree.stream().map(DetailNode::name).toList();
    }

    @Test
    void ethernetTcpSynAck() throws IOException {
        List<DetailNode> tree = describe("gopacket-test_ethernet.pcap", 2);
        assertThat(layerNames(tree)).containsExactly("frame", "eth", "ip", "tcp");
        DetailNode frame = tree.getFirst();
        assertThat(frame.label()).isEqualTo("Frame 2: 74 bytes on wire (592 bits), 74 bytes captured (592 bits)");
        assertField(tree, "frame.time_epoch", "1513204139.657507", 0, 0);
        assertField(tree, "frame.protocols", "eth:ethertype:ip:tcp", 0, 0);
        assertLayer(tree, "eth", 0, 14);
        assertThat(tree.get(1).label()).isEqualTo("Ethernet II, Src: c4:39:3a:02:a9:2a, Dst: 58:6d:8f:99:ec:a8");
        assertField(tree, "eth.dst", "58:6d:8f:99:ec:a8", 0, 6);
        assertField(tree, "eth.src", "c4:39:3a:02:a9:2a", 6, 6);
        assertField(tree, "eth.type", "0x0800", 12, 2);
        assertLayer(tree, "ip", 14, 20);
        assertThat(tree.get(2).label()).isEqualTo("Internet Protocol Version 4, Src: 10.1.1.1, Dst: 10.1.1.2");
        assertField(tree, "ip.hdr_len", "20", 14, 1);
        assertField(tree, "ip.id", "0x0000", 18, 2);
        assertField(tree, "ip.flags", "0x02", 20, 1);
        assertThat(node(tree, "ip.flags").label()).isEqualTo("010. .... = Flags: 0x2, Don't fragment");
        assertField(tree, "ip.flags.df", "1", 20, 1);
        assertThat(node(tree, "ip.flags.df").label()).isEqualTo(".1.. .... = Don't fragment: Set");
        assertField(tree, "ip.frag_offset", "0", 20, 2);
        assertField(tree, "ip.ttl", "64", 22, 1);
        assertField(tree, "ip.src", "10.1.1.1", 26, 4);
        assertThat(node(tree, "ip.src").label()).isEqualTo("Source Address: 10.1.1.1");
        assertField(tree, "ip.dst", "10.1.1.2", 30, 4);
        assertLayer(tree, "tcp", 34, 40);
        assertField(tree, "tcp.srcport", "80", 34, 2);
        assertField(tree, "tcp.dstport", "44644", 36, 2);
        assertField(tree, "tcp.seq", "4188542938", 38, 4);
        assertField(tree, "tcp.ack", "2471086129", 42, 4);
        assertField(tree, "tcp.hdr_len", "40", 46, 1);
        assertField(tree, "tcp.flags", "0x012", 46, 2);
        assertThat(node(tree, "tcp.flags").label()).isEqualTo("Flags: 0x012 (SYN, ACK)");
        assertThat(node(tree, "tcp.flags").children()).extracting(DetailNode::name).containsExactly(
                "tcp.flags.res", "tcp.flags.ae", "tcp.flags.cwr", "tcp.flags.ece", "tcp.flags.urg", "tcp.flags.ack",
                "tcp.flags.push", "tcp.flags.reset", "tcp.flags.syn", "tcp.flags.fin");
        assertField(tree, "tcp.flags.syn", "1", 47, 1);
        assertThat(node(tree, "tcp.flags.syn").label()).isEqualTo(".... .... ..1. = Syn: Set");
        assertField(tree, "tcp.flags.fin", "0", 47, 1);
        assertField(tree, "tcp.window_size_value", "5792", 48, 2);
        assertField(tree, "tcp.options", "02:04:05:b4:04:02:08:0a:03:74:09:03:3d:8f:93:af:01:03:03:04", 54, 20);
        assertField(tree, "tcp.options.mss_val", "1460", 56, 2);
        assertField(tree, "tcp.options.sack_perm", "04:02", 58, 2);
        assertField(tree, "tcp.options.timestamp.tsval", "57936131", 62, 4);
        assertField(tree, "tcp.options.timestamp.tsecr", "1032819631", 66, 4);
        assertField(tree, "tcp.options.wscale.shift", "4", 73, 1);
    }

    @Test
    void dnsQuery() throws IOException {
        List<DetailNode> tree = describe("gopacket-test_dns.pcap", 1);
        assertThat(layerNames(tree)).containsExactly("frame", "eth", "ip", "udp", "dns");
        assertLayer(tree, "udp", 34, 8);
        assertField(tree, "udp.dstport", "53", 36, 2);
        assertField(tree, "udp.length", "48", 38, 2);
        assertField(tree, "udp.checksum", "0xa597", 40, 2);
        assertLayer(tree, "dns", 42, 40);
        assertField(tree, "dns.id", "0xf618", 42, 2);
        assertField(tree, "dns.flags", "0x0010", 44, 2);
        assertField(tree, "dns.flags.response", "0", 44, 2);
        assertField(tree, "dns.flags.checkdisable", "1", 44, 2);
        assertField(tree, "dns.count.queries", "1", 46, 2);
        assertField(tree, "dns.count.add_rr", "1", 52, 2);
        assertField(tree, "dns.qry.name", "picslife.ru", 54, 13);
        assertField(tree, "dns.qry.type", "1", 67, 2);
        assertField(tree, "dns.qry.class", "0x0001", 69, 2);
    }

    @Test
    void tlsClientHelloServerName() throws IOException {
        List<DetailNode> tree = describe("pcpp-tls.pcap", 1);
        assertThat(layerNames(tree)).containsExactly("frame", "eth", "ip", "tcp", "tls");
        assertLayer(tree, "tls", 54, 163);
        assertThat(node(tree, "tls.record").label()).isEqualTo("TLS 1.0 Record Layer: Handshake Protocol: Client Hello");
        assertField(tree, "tls.record.content_type", "22", 54, 1);
        assertField(tree, "tls.record.version", "0x0301", 55, 2);
        assertField(tree, "tls.record.length", "158", 57, 2);
        assertThat(node(tree, "tls.handshake").offset()).isEqualTo(59);
        assertThat(node(tree, "tls.handshake").length()).isEqualTo(158);
        assertField(tree, "tls.handshake.type", "1", 59, 1);
        assertField(tree, "tls.handshake.length", "154", 60, 3);
        assertField(tree, "tls.handshake.version", "0x0301", 63, 2);
        assertField(tree, "tls.handshake.extension.type", "0", 176, 2);
        assertField(tree, "tls.handshake.extension.len", "15", 178, 2);
        assertField(tree, "tls.handshake.extensions_server_name", "bawmashbij", 185, 10);
    }

    @Test
    void httpRequestLineAndHeaders() throws IOException {
        List<DetailNode> tree = describe("dpkt-http.pcap", 4);
        assertThat(layerNames(tree)).containsExactly("frame", "eth", "ip", "tcp", "http");
        assertLayer(tree, "http", 54, 479);
        assertField(tree, "http.request.method", "GET", 54, 3);
        assertField(tree, "http.request.uri", "/download.html", 58, 14);
        assertField(tree, "http.request.version", "HTTP/1.1", 73, 8);
        assertField(tree, "http.host", "www.ethereal.com", 83, 24);
        assertThat(node(tree, "http.host").label()).isEqualTo("Host: www.ethereal.com\\r\\n");
        assertField(tree, "http.referer", "http://www.ethereal.com/development.html", 480, 51);
    }

    @Test
    void qinqServiceAndCustomerTags() throws IOException {
        List<DetailNode> tree = describe("packetnet-802.1ad_vlan_ipv4.pcap", 1);
        assertThat(layerNames(tree)).startsWith("frame", "eth", "ieee8021ad", "vlan", "ip");
        assertField(tree, "eth.type", "0x88a8", 12, 2);
        assertLayer(tree, "ieee8021ad", 14, 4);
        assertThat(tree.get(2).label()).isEqualTo("IEEE 802.1ad, ID: 30");
        assertField(tree, "ieee8021ad.id", "30", 14, 2);
        assertField(tree, "ieee8021ah.etype", "0x8100", 16, 2);
        assertLayer(tree, "vlan", 18, 4);
        assertThat(tree.get(3).label()).isEqualTo("802.1Q Virtual LAN, PRI: 0, DEI: 0, ID: 100");
        assertField(tree, "vlan.priority", "0", 18, 2);
        assertField(tree, "vlan.id", "100", 18, 2);
        assertThat(node(tree, "vlan.id").label()).isEqualTo(".... 0000 0110 0100 = ID: 100");
        assertField(tree, "vlan.etype", "0x0800", 20, 2);
        assertLayer(tree, "ip", 22, 20);
    }

    @Test
    void linuxCookedV1Arp() throws IOException {
        List<DetailNode> tree = describe("packetnet-LinuxCookedCapture.pcap", 1);
        assertThat(layerNames(tree)).containsExactly("frame", "sll", "arp");
        assertField(tree, "frame.encap_type", "25", 0, 0);
        assertLayer(tree, "sll", 0, 16);
        assertField(tree, "sll.pkttype", "0", 0, 2);
        assertField(tree, "sll.hatype", "1", 2, 2);
        assertField(tree, "sll.halen", "6", 4, 2);
        assertField(tree, "sll.src.eth", "00:22:6b:97:0e:a2", 6, 6);
        assertField(tree, "sll.etype", "0x0806", 14, 2);
        assertLayer(tree, "arp", 16, 28);
        assertField(tree, "arp.opcode", "1", 22, 2);
    }

    @Test
    void linuxCookedV2() throws IOException {
        List<DetailNode> tree = describe("packetnet-LinuxCookedCapturev2.pcap", 1);
        assertThat(layerNames(tree)).containsExactly("frame", "sll", "ip", "tcp", "http");
        assertLayer(tree, "sll", 0, 20);
        assertField(tree, "sll.etype", "0x0800", 0, 2);
        assertField(tree, "sll.ifindex", "2", 4, 4);
        assertField(tree, "sll.hatype", "1", 8, 2);
        assertField(tree, "sll.pkttype", "4", 10, 1);
        assertField(tree, "sll.halen", "6", 11, 1);
        assertField(tree, "sll.src.eth", "00:0c:29:06:f9:85", 12, 6);
        assertLayer(tree, "ip", 20, 20);
    }

    @Test
    void arpRequest() throws IOException {
        List<DetailNode> tree = describe("packetnet-arp_request_response.pcap", 1);
        assertLayer(tree, "arp", 14, 28);
        assertThat(tree.get(2).label()).isEqualTo("Address Resolution Protocol (request)");
        assertField(tree, "arp.hw.type", "1", 14, 2);
        assertField(tree, "arp.proto.type", "0x0800", 16, 2);
        assertField(tree, "arp.opcode", "1", 20, 2);
        assertField(tree, "arp.src.hw_mac", "00:04:61:99:01:54", 22, 6);
        assertField(tree, "arp.src.proto_ipv4", "192.168.1.202", 28, 4);
        assertField(tree, "arp.dst.hw_mac", "00:00:00:00:00:00", 32, 6);
        assertField(tree, "arp.dst.proto_ipv4", "192.168.1.214", 38, 4);
    }

    @Test
    void ipv6HopByHopExtensionHeaderInsideIpv6() throws IOException {
        List<DetailNode> tree = describe("packetnet-ipv6_icmpv6_hopbyhop_packet.pcap", 1);
        assertThat(layerNames(tree)).containsExactly("frame", "eth", "ipv6", "icmpv6");
        assertLayer(tree, "ipv6", 14, 48);
        assertField(tree, "ipv6.flow", "0x00000", 15, 3);
        assertField(tree, "ipv6.plen", "36", 18, 2);
        assertField(tree, "ipv6.nxt", "0", 20, 1);
        assertField(tree, "ipv6.hlim", "1", 21, 1);
        assertField(tree, "ipv6.src", "fe80::d802:3589:15cf:3128", 22, 16);
        assertField(tree, "ipv6.dst", "ff02::16", 38, 16);
        assertLayer(tree, "ipv6.hopopts", 54, 8);
        assertField(tree, "ipv6.hopopts.nxt", "58", 54, 1);
        assertField(tree, "ipv6.hopopts.len", "0", 55, 1);
        assertLayer(tree, "icmpv6", 62, 28);
        assertField(tree, "icmpv6.type", "143", 62, 1);
        assertField(tree, "icmpv6.checksum", "0x1c84", 64, 2);
    }

    @Test
    void icmpEchoOverRawIp() throws IOException {
        List<DetailNode> tree = describe("packetnet-ICMPv4_raw_linklayer.pcap", 1);
        assertThat(layerNames(tree)).containsExactly("frame", "raw", "ip", "icmp");
        assertLayer(tree, "ip", 0, 20);
        assertLayer(tree, "icmp", 20, 40);
        assertField(tree, "icmp.type", "8", 20, 1);
        assertField(tree, "icmp.ident", "512", 24, 2);
        assertField(tree, "icmp.seq", "27392", 26, 2);
    }

    @Test
    void icmpv6Echo() throws IOException {
        List<DetailNode> tree = describe("pcpp-ICMPv6_echos.cap", 1);
        assertLayer(tree, "icmpv6", 54, 60);
        assertField(tree, "icmpv6.type", "128", 54, 1);
        assertField(tree, "icmpv6.echo.identifier", "0x110d", 58, 2);
        assertField(tree, "icmpv6.echo.sequence_number", "0", 60, 2);
    }

    @Test
    void icmpErrorShowsTheQuotedDatagramInsideIcmp() throws IOException {
        List<DetailNode> tree = describe("pcpp-IcmpPackets.pcap", 6);
        assertThat(layerNames(tree)).containsExactly("frame", "eth", "ip", "icmp");
        DetailNode icmp = tree.get(3);
        assertThat(icmp.offset()).isEqualTo(34);
        assertThat(icmp.length()).isEqualTo(36);
        assertField(icmp.children(), "ip", null, 42, 20);
        assertField(icmp.children(), "ip.src", "10.0.1.2", 54, 4);
        assertField(icmp.children(), "udp", null, 62, 8);
        assertField(icmp.children(), "udp.dstport", "33446", 64, 2);
    }

    @Test
    void snapLengthCutGivesTheLayersThatDecodedAndShort() throws IOException {
        List<DetailNode> tree = describe("derived-http-snaplen96.pcap", 4);
        assertThat(layerNames(tree)).containsExactly("frame", "eth", "ip", "tcp", "http", "_ws.short");
        assertThat(tree.getFirst().label()).isEqualTo("Frame 4: 533 bytes on wire (4264 bits), 96 bytes captured (768 bits)");
        assertLayer(tree, "http", 54, 42);
        assertThat(tree.getLast().label()).isEqualTo("[Packet size limited during capture: HTTP truncated]");
    }

    @Test
    void bogusTcpHeaderLengthIsMalformed() throws IOException {
        List<DetailNode> tree = describe("pcpp-tcp-malformed.pcap", 1);
        assertThat(layerNames(tree)).containsExactly("frame", "eth", "ip", "tcp", "_ws.malformed");
        assertField(tree, "tcp.hdr_len", "28", 46, 1);
        assertThat(tree.getLast().label()).isEqualTo("[Malformed Packet: TCP]");
    }
}
