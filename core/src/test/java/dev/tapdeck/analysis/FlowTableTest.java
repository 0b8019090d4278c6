package dev.tapdeck.analysis;

import dev.tapdeck.decode.LinkTypes;
import dev.tapdeck.decode.PacketDecoder;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.List;

import static dev.tapdeck.analysis.TestTraffic.*;
import static dev.tapdeck.decode.TestPackets.*;
import static org.assertj.core.api.Assertions.assertThat;

class FlowTableTest {
    private final PacketDecoder decoder = new PacketDecoder();

    private void tcp(FlowTable table, long timeNanos, String source, int sourcePort, String destination, int destinationPort,
                     int flags, int payload) {
        add(table, timeNanos, ethernet(ETHERTYPE_IPV4, ipv4(source, destination, PROTO_TCP)
                .wrap(dev.tapdeck.decode.TestPackets.tcp(sourcePort, destinationPort).flags(flags).wrap(new byte[payload]))));
    }

    private void udp(FlowTable table, long timeNanos, String source, int sourcePort, String destination, int destinationPort,
                     int payload) {
        add(table, timeNanos, ethernet(ETHERTYPE_IPV4, ipv4(source, destination, PROTO_UDP)
                .wrap(dev.tapdeck.decode.TestPackets.udp(sourcePort, destinationPort, new byte[payload]))));
    }

    private void add(FlowTable table, long timeNanos, byte[] frame) {
        table.add(decoder.decode(MemorySegment.ofArray(frame), 0, frame.length, frame.length, LinkTypes.ETHERNET), timeNanos);
    }

    private static Flow only(FlowTable table) {
        assertThat(table.size()).isEqualTo(1);
        return table.flows(Flow.Order.BYTES, 10).getFirst();
    }

    @Test
    void bothDirectionsCountInOneFlowEachOnItsOwnSide() {
        FlowTable table = new FlowTable(100, Duration.ZERO);
        // The initiator has the higher address: the flow still names it first.
        udp(table, at(1_000), "10.0.0.9", 5000, "10.0.0.2", 53, 10);
        udp(table, at(3_000), "10.0.0.2", 53, "10.0.0.9", 5000, 30);
        udp(table, at(4_000), "10.0.0.2", 53, "10.0.0.9", 5000, 30);

        Flow flow = only(table);
        assertThat(flow.protocolName()).isEqualTo("UDP");
        assertThat(flow.initiatorEnd()).isEqualTo("10.0.0.9:5000");
        assertThat(flow.responderEnd()).isEqualTo("10.0.0.2:53");
        int request = 14 + 20 + 8 + 10, answer = 14 + 20 + 8 + 30;
        assertThat(List.of(flow.initiatorPackets(), flow.initiatorBytes(), flow.responderPackets(), flow.responderBytes()))
                .containsExactly(1L, (long) request, 2L, 2L * answer);
        assertThat(flow.durationNanos()).isEqualTo(3_000);
        assertThat(flow.tcpState()).isEqualTo(Flow.TcpState.NONE);
        assertThat(flow.id()).isEqualTo(1);
    }

    @Test
    void tcpStatesFollowTheHandshakeAndTheClose() {
        FlowTable table = new FlowTable(100, Duration.ZERO);
        tcp(table, at(1), "10.0.0.1", 40000, "10.0.0.2", 80, SYN, 0);
        assertThat(only(table).tcpState()).isEqualTo(Flow.TcpState.SYN_SENT);
        tcp(table, at(2), "10.0.0.2", 80, "10.0.0.1", 40000, SYN | ACK, 0);
        assertThat(only(table).tcpState()).isEqualTo(Flow.TcpState.SYN_RECEIVED);
        tcp(table, at(3), "10.0.0.1", 40000, "10.0.0.2", 80, ACK, 0);
        assertThat(only(table).tcpState()).isEqualTo(Flow.TcpState.ESTABLISHED);
        tcp(table, at(4), "10.0.0.1", 40000, "10.0.0.2", 80, ACK | PSH, 100);
        tcp(table, at(5), "10.0.0.2", 80, "10.0.0.1", 40000, ACK | FIN, 0);
        assertThat(only(table).tcpState()).isEqualTo(Flow.TcpState.CLOSING);
        tcp(table, at(6), "10.0.0.1", 40000, "10.0.0.2", 80, ACK | FIN, 0);
        assertThat(only(table).tcpState()).isEqualTo(Flow.TcpState.CLOSED);
        assertThat(only(table).initiatorEnd()).isEqualTo("10.0.0.1:40000");

        // The port pair used again: a new connection, a new flow.
        tcp(table, at(7), "10.0.0.1", 40000, "10.0.0.2", 80, SYN, 0);
        assertThat(only(table).id()).isEqualTo(2);
        assertThat(only(table).tcpState()).isEqualTo(Flow.TcpState.SYN_SENT);
        tcp(table, at(8), "10.0.0.2", 80, "10.0.0.1", 40000, RST | ACK, 0);
        assertThat(only(table).tcpState()).isEqualTo(Flow.TcpState.RESET);
        assertThat(table.started()).isEqualTo(2);
    }

    @Test
    void aSynAckSeenFirstMakesItsDestinationTheInitiator() {
        FlowTable table = new FlowTable(100, Duration.ZERO);
        tcp(table, at(1), "10.0.0.2", 80, "10.0.0.1", 40000, SYN | ACK, 0);
        tcp(table, at(2), "10.0.0.1", 40000, "10.0.0.2", 80, ACK, 0);

        Flow flow = only(table);
        assertThat(flow.initiatorEnd()).isEqualTo("10.0.0.1:40000");
        assertThat(flow.tcpState()).isEqualTo(Flow.TcpState.ESTABLISHED);
        assertThat(flow.initiatorPackets()).isEqualTo(1);
    }

    @Test
    void aFlowSeenInMidStreamCountsAsEstablished() {
        FlowTable table = new FlowTable(100, Duration.ZERO);
        tcp(table, at(1), "10.0.0.2", 80, "10.0.0.1", 40000, ACK | PSH, 500);

        assertThat(only(table).tcpState()).isEqualTo(Flow.TcpState.ESTABLISHED);
        assertThat(only(table).initiatorEnd()).isEqualTo("10.0.0.2:80");
    }

    @Test
    void vlansSeparateFlowsWithTheSameAddresses() {
        FlowTable table = new FlowTable(100, Duration.ZERO);
        byte[] datagram = ipv4("10.0.0.1", "10.0.0.2", PROTO_UDP).wrap(dev.tapdeck.decode.TestPackets.udp(1, 2, new byte[4]));
        add(table, at(1), ethernet(ETHERTYPE_VLAN, vlanTag(0, 10, ETHERTYPE_IPV4, datagram)));
        add(table, at(2), ethernet(ETHERTYPE_VLAN, vlanTag(0, 20, ETHERTYPE_IPV4, datagram)));
        add(table, at(3), ethernet(ETHERTYPE_VLAN, vlanTag(0, 20, ETHERTYPE_IPV4, datagram)));

        assertThat(table.flows(Flow.Order.PACKETS, 10)).extracting(Flow::vlan).containsExactly(20, 10);
    }

    @Test
    void anIdleFlowEndsAtItsNextPacketOrASweep() {
        FlowTable table = new FlowTable(100, Duration.ofSeconds(30));
        udp(table, at(0), "10.0.0.1", 5000, "10.0.0.2", 53, 10);
        udp(table, at(0), "10.0.0.3", 5000, "10.0.0.2", 53, 10);
        udp(table, at(29 * SECOND), "10.0.0.1", 5000, "10.0.0.2", 53, 10);    // within the timeout: the same flow
        assertThat(table.flows(Flow.Order.PACKETS, 1).getFirst().packets()).isEqualTo(2);

        udp(table, at(60 * SECOND), "10.0.0.1", 5000, "10.0.0.2", 53, 10);    // 31 s of silence: a new flow
        assertThat(table.expired()).isGreaterThanOrEqualTo(1);
        List<Flow> flows = table.flows(Flow.Order.LAST_SEEN, 10);
        assertThat(flows.getFirst().id()).isEqualTo(3);
        assertThat(flows.getFirst().packets()).isEqualTo(1);

        table.expireIdle(at(100 * SECOND));
        assertThat(table.size()).isZero();
        assertThat(table.expired()).isEqualTo(3);
        assertThat(table.started()).isEqualTo(3);
    }

    @Test
    void aFullTableCountsThePacketsItHasNoRoomFor() {
        FlowTable table = new FlowTable(3, Duration.ofSeconds(30));
        for (int i = 1; i <= 5; i++) {
            udp(table, at(i), "10.0.0." + i, 5000, "10.0.0.100", 53, 10);
        }
        assertThat(table.size()).isEqualTo(3);
        assertThat(table.untrackedPackets()).isEqualTo(2);

        // Once the old flows are idle, a full table makes room for new ones.
        udp(table, at(40 * SECOND), "10.0.0.9", 5000, "10.0.0.100", 53, 10);
        assertThat(table.untrackedPackets()).isEqualTo(2);
        assertThat(table.flows(Flow.Order.LAST_SEEN, 1).getFirst().initiatorEnd()).isEqualTo("10.0.0.9:5000");
        assertThat(table.expired()).isBetween(1L, 3L);
    }

    @Test
    void listingsRankByBytesPacketsOrTimeAndStopAtTheLimit() {
        FlowTable table = new FlowTable(1 << 16, Duration.ZERO);
        int flows = 20_000;
        for (int i = 0; i < flows; i++) {
            for (int p = 0; p <= i % 3; p++) {
                udp(table, at(i), "10.1." + (i >> 8) + "." + (i & 0xff), 1024 + (i % 5000), "192.0.2.1", 443, (i * 7919) % 997);
            }
        }
        assertThat(table.size()).isEqualTo(flows);

        List<Flow> everything = table.flows(Flow.Order.BYTES, flows);
        assertThat(everything).hasSize(flows).isSortedAccordingTo((x, y) -> x.bytes() != y.bytes()
                ? Long.compare(y.bytes(), x.bytes()) : x.packets() != y.packets()
                ? Long.compare(y.packets(), x.packets()) : Long.compare(x.id(), y.id()));
        assertThat(table.flows(Flow.Order.BYTES, 25)).containsExactlyElementsOf(everything.subList(0, 25));
        assertThat(table.flows(Flow.Order.PACKETS, 100)).allSatisfy(f -> assertThat(f.packets()).isEqualTo(3));
        assertThat(table.flows(Flow.Order.LAST_SEEN, 1).getFirst().lastSeenNanos()).isEqualTo(at(flows - 1));
        assertThat(table.flows(Flow.Order.BYTES, 0)).isEmpty();
        assertThat(table.flow(everything.get(7).id())).contains(everything.get(7));
    }

    @Test
    void topTalkersAddUpBothEndsOfEveryFlow() {
        FlowTable table = new FlowTable(100, Duration.ZERO);
        udp(table, at(1), "10.0.0.1", 5000, "10.0.0.2", 53, 100);
        udp(table, at(2), "10.0.0.2", 53, "10.0.0.1", 5000, 300);
        udp(table, at(3), "10.0.0.3", 5000, "10.0.0.2", 53, 10);

        List<TopTalker> top = table.topTalkers(2);

        int header = 14 + 20 + 8;
        assertThat(top).extracting(TopTalker::host).containsExactly("10.0.0.2", "10.0.0.1");
        TopTalker server = top.getFirst();
        assertThat(server.bytesSent()).isEqualTo(header + 300);
        assertThat(server.bytesReceived()).isEqualTo(header + 100 + header + 10);
        assertThat(server.flows()).isEqualTo(2);
        assertThat(top.get(1).packetsSent()).isEqualTo(1);
    }
}
