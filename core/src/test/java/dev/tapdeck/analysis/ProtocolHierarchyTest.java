package dev.tapdeck.analysis;

import dev.tapdeck.decode.LinkTypes;
import dev.tapdeck.decode.PacketDecoder;
import dev.tapdeck.decode.Protocol;
import dev.tapdeck.decode.TestPackets.Dns;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;

import static dev.tapdeck.decode.TestPackets.*;
import static org.assertj.core.api.Assertions.assertThat;

class ProtocolHierarchyTest {
    private final PacketDecoder decoder = new PacketDecoder();
    private final ProtocolHierarchy hierarchy = new ProtocolHierarchy();

    private int add(byte[] frame, int times) {
        for (int i = 0; i < times; i++) {
            hierarchy.add(decoder.decode(MemorySegment.ofArray(frame), 0, frame.length, frame.length, LinkTypes.ETHERNET));
        }
        return frame.length;
    }

    @Test
    void everyPacketCountsAtEachNodeOfItsPath() {
        byte[] query = dns(1, Dns.FLAGS_QUERY, 1, 0, 0, 0).question("www.example.com", Dns.TYPE_A).toBytes();
        int dnsLength = add(ethernet(ETHERTYPE_IPV4, ipv4("10.0.0.1", "10.0.0.53", PROTO_UDP).wrap(udp(5000, 53, query))), 3);
        int tcpLength = add(ethernet(ETHERTYPE_IPV4, ipv4("10.0.0.1", "10.0.0.2", PROTO_TCP).wrap(tcp(5000, 5001).build())), 2);
        int arpLength = add(ethernet(ETHERTYPE_ARP, arp(1, MAC_A, "10.0.0.1", 0, "10.0.0.2")), 1);

        assertThat(hierarchy.nodes()).containsExactly(
                new ProtocolHierarchy.Node("eth", Protocol.ETH, 1, 6, 3L * dnsLength + 2L * tcpLength + arpLength),
                new ProtocolHierarchy.Node("eth:ethertype", Protocol.ETHERTYPE, 2, 6, 3L * dnsLength + 2L * tcpLength + arpLength),
                new ProtocolHierarchy.Node("eth:ethertype:ip", Protocol.IP, 3, 5, 3L * dnsLength + 2L * tcpLength),
                new ProtocolHierarchy.Node("eth:ethertype:ip:udp", Protocol.UDP, 4, 3, 3L * dnsLength),
                new ProtocolHierarchy.Node("eth:ethertype:ip:udp:dns", Protocol.DNS, 5, 3, 3L * dnsLength),
                new ProtocolHierarchy.Node("eth:ethertype:ip:tcp", Protocol.TCP, 4, 2, 2L * tcpLength),
                new ProtocolHierarchy.Node("eth:ethertype:arp", Protocol.ARP, 3, 1, arpLength));
        assertThat(hierarchy.packets()).isEqualTo(6);
        assertThat(hierarchy.packetsWith(Protocol.IP)).isEqualTo(5);
        assertThat(hierarchy.bytesWith(Protocol.DNS)).isEqualTo(3L * dnsLength);
    }

    @Test
    void aProtocolRepeatedInOnePacketCountsOnceForIt() {
        byte[] inner = ipv4("10.0.0.3", "10.0.0.4", PROTO_UDP).wrap(udp(1, 2, new byte[4]));
        add(ethernet(ETHERTYPE_IPV4, ipv4("10.0.0.1", "10.0.0.2", PROTO_IPIP).wrap(inner)), 1);

        assertThat(hierarchy.packetsWith(Protocol.IP)).isEqualTo(1);
        assertThat(hierarchy.nodes()).extracting(ProtocolHierarchy.Node::path).contains("eth:ethertype:ip:ip:udp");
    }
}
