package dev.tapdeck.analysis;

import dev.tapdeck.decode.Dissection;
import dev.tapdeck.decode.LinkTypes;
import dev.tapdeck.decode.PacketDecoder;
import dev.tapdeck.decode.TestPackets.Dns;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;

import static dev.tapdeck.analysis.TestTraffic.*;
import static dev.tapdeck.decode.TestPackets.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The flow table and every detector are on the hot path: in the steady state, accepting a
 * packet allocates nothing (STYLE.md). The packets keep time moving, so seconds close,
 * windows roll over and flows expire and begin again during the measurement; nothing fires.
 * Measured with the JVM's per-thread allocation counter, as DecoderAllocationTest does.
 */
class AnalyzerAllocationTest {
    private static final int WARM_UP_ROUNDS = 20_000;
    private static final int MEASURED_ROUNDS = 100_000;
    private static final long BOUND = 64 * 1024;
    /** Packet time per round: 10 ms, so the measured rounds span about 17 minutes of traffic. */
    private static final long ROUND_NANOS = 10_000_000;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private static List<byte[]> frames() {
        byte[] query = dns(7, Dns.FLAGS_QUERY, 1, 0, 0, 0).question("www.example.com", Dns.TYPE_A).toBytes();
        byte[] answer = dns(7, Dns.FLAGS_RESPONSE, 1, 0, 0, 0).question("www.example.com", Dns.TYPE_A).toBytes();
        return List.of(
                ethernet(ETHERTYPE_IPV4, ipv4("10.0.0.1", "10.0.0.2", PROTO_TCP).wrap(tcp(40000, 80).flags(SYN).build())),
                ethernet(ETHERTYPE_IPV4, ipv4("10.0.0.2", "10.0.0.1", PROTO_TCP).wrap(tcp(80, 40000).flags(SYN | ACK).build())),
                ethernet(ETHERTYPE_IPV4, ipv4("10.0.0.1", "10.0.0.2", PROTO_TCP).wrap(tcp(40000, 80).flags(ACK).build())),
                ethernet(ETHERTYPE_IPV4, ipv4("10.0.0.1", "10.0.0.2", PROTO_TCP).wrap(tcp(40000, 80).flags(ACK | PSH).wrap(new byte[200]))),
                ethernet(ETHERTYPE_IPV4, ipv4("10.0.0.2", "10.0.0.1", PROTO_TCP).wrap(tcp(80, 40000).flags(ACK | FIN).build())),
                ethernet(ETHERTYPE_VLAN, vlanTag(0, 10, ETHERTYPE_IPV4, ipv4("10.0.0.3", "10.0.0.53", PROTO_UDP).wrap(udp(53000, 53, query)))),
                ethernet(ETHERTYPE_VLAN, vlanTag(0, 10, ETHERTYPE_IPV4, ipv4("10.0.0.53", "10.0.0.3", PROTO_UDP).wrap(udp(53, 53000, answer)))),
                ethernet(ETHERTYPE_IPV6, ipv6("2001:db8::1", "2001:db8::2", PROTO_UDP).wrap(udp(5000, 5001, new byte[64]))),
                ethernet(ETHERTYPE_IPV4, ipv4("10.0.0.1", "10.0.0.9", PROTO_ICMP).wrap(icmp(8, 0, 0x1234_0001L, new byte[32]))),
                ethernet(ETHERTYPE_ARP, arp(1, MAC_A, "10.0.0.1", 0, "10.0.0.2")));
    }

    @Test
    void acceptingPacketsAllocatesNothing() {
        // A short idle timeout and windows, so that the measured rounds end flows and windows many times.
        AnalysisSettings settings = AnalysisSettings.DEFAULTS
                .withFlows(new AnalysisSettings.Flows(1024, Duration.ofSeconds(5)))
                .withSynFlood(new AnalysisSettings.SynFlood(Duration.ofSeconds(2), 200))
                .withPortScan(new AnalysisSettings.PortScan(Duration.ofSeconds(3), 100, 100))
                .withDns(new AnalysisSettings.Dns(Duration.ofSeconds(4), 20, 0.5, 100, 4.0, 20));
        Analyzer analyzer = new Analyzer(settings);
        // One decoder per packet, so that each dissection stays as decoded while the analyzer reads it again and again.
        List<byte[]> frames = frames();
        Dissection[] dissections = new Dissection[frames.size()];
        for (int i = 0; i < dissections.length; i++) {
            byte[] bytes = frames.get(i);
            dissections[i] = new PacketDecoder().decode(MemorySegment.ofArray(bytes), 0, bytes.length, bytes.length, LinkTypes.ETHERNET);
        }

        long frame = 0;
        for (int round = 0; round < WARM_UP_ROUNDS; round++) {
            frame = feed(analyzer, dissections, frame, round);
        }
        long before = THREADS.getCurrentThreadAllocatedBytes();
        for (int round = WARM_UP_ROUNDS; round < WARM_UP_ROUNDS + MEASURED_ROUNDS; round++) {
            frame = feed(analyzer, dissections, frame, round);
        }
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;

        Analyzer.Summary summary = analyzer.summary();
        assertThat(summary.packets()).isEqualTo(frame);
        assertThat(analyzer.alerts()).isEmpty();
        assertThat(summary.flowsExpired()).as("flows ended by the idle timeout during the run").isGreaterThan(10);
        assertThat(allocated).as("bytes allocated analysing %,d packets", (long) MEASURED_ROUNDS * dissections.length)
                .isLessThan(BOUND);
    }

    /** One round: every packet once, at the round's time; every 1,000th round is followed by 6 s of silence. */
    private static long feed(Analyzer analyzer, Dissection[] dissections, long frame, int round) {
        long time = at(round * ROUND_NANOS + (round / 1000) * 6 * SECOND);
        for (Dissection d : dissections) {
            analyzer.accept(++frame, d, time);
        }
        return frame;
    }
}
