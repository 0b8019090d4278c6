package dev.tapdeck.analysis;

import dev.tapdeck.decode.TestPackets;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.tapdeck.analysis.TestTraffic.*;
import static org.assertj.core.api.Assertions.assertThat;

class AnalyzerTest {

    /** 30 quiet seconds, then a burst in the last second: only the passing of time can close that second. */
    private static TestTraffic burstAtTheEnd() {
        TestTraffic traffic = new TestTraffic();
        for (int s = 0; s < 31; s++) {
            int count = s == 30 ? 500 : 20 + s % 5;
            for (int i = 0; i < count; i++) {
                traffic.udp(at(s * SECOND + i * (SECOND / count)), "10.0.0.1", 40000, "10.0.0.2", 9000, 50);
            }
        }
        return traffic;
    }

    @Test
    void aTickClosesTheLastSecondAndTheSinkGetsWhatTheListShows() {
        List<Alert> delivered = new ArrayList<>();
        Analyzer analyzer = burstAtTheEnd().analyze(new Analyzer(AnalysisSettings.DEFAULTS, delivered::add));
        assertThat(analyzer.alerts()).isEmpty();

        analyzer.tick(at(30 * SECOND + SECOND / 2));     // still within the burst's second
        assertThat(analyzer.alerts()).isEmpty();
        analyzer.tick(at(31 * SECOND));

        assertThat(analyzer.alerts()).singleElement().satisfies(alert -> {
            assertThat(alert.detector()).isEqualTo("rate-spike");
            assertThat(alert.numbers().get("observed")).isEqualTo(500.0);
            assertThat(alert.id()).isEqualTo(1);
        });
        assertThat(delivered).containsExactlyElementsOf(analyzer.alerts());
        assertThat(analyzer.alerts(1)).isEmpty();
        assertThat(analyzer.alerts(0)).hasSize(1);
    }

    @Test
    void onlyTheLatestAlertsAreKept() {
        TestTraffic traffic = new TestTraffic();
        // After a learning period of 0, every host opening its first flow is a new talker.
        for (int host = 1; host <= 12; host++) {
            traffic.udp(at(host * SECOND), "10.0.1." + host, 5000, "10.0.0.2", 9000, 10);
        }
        AnalysisSettings settings = new AnalysisSettings(AnalysisSettings.Flows.DEFAULTS, AnalysisSettings.RateSpike.DEFAULTS,
                AnalysisSettings.SynFlood.DEFAULTS, AnalysisSettings.PortScan.DEFAULTS,
                new AnalysisSettings.NewTalker(Duration.ZERO, 1000), AnalysisSettings.Dns.DEFAULTS, Duration.ofSeconds(60), 5);

        Analyzer analyzer = traffic.analyze(new Analyzer(settings));

        assertThat(analyzer.summary().alerts()).isEqualTo(12);
        assertThat(analyzer.alerts()).extracting(Alert::id).containsExactly(8L, 9L, 10L, 11L, 12L);
        assertThat(analyzer.alerts().getLast().hosts().getFirst()).isEqualTo("10.0.1.12");
    }

    @Test
    void eachPacketIsToldItsFlowBothWaysAndPacketsWithoutIpHaveNone() {
        TestTraffic traffic = new TestTraffic()
                .udp(at(0), "10.0.0.1", 5000, "10.0.0.2", 53, 20)
                .udp(at(1), "10.0.0.2", 53, "10.0.0.1", 5000, 40)
                .udp(at(2), "10.0.0.3", 6000, "10.0.0.2", 53, 20)
                .add(at(3), TestPackets.ethernet(0x88cc, new byte[46]));
        List<Long> ids = new ArrayList<>();
        Analyzer analyzer = traffic.analyze(new Analyzer(AnalysisSettings.DEFAULTS), ids::add);

        assertThat(ids).hasSize(4);
        assertThat(ids.get(0)).isPositive().isEqualTo(ids.get(1));
        assertThat(ids.get(2)).isPositive().isNotEqualTo(ids.get(0));
        assertThat(ids.get(3)).isZero();
        Flow first = analyzer.flow(ids.get(0)).orElseThrow();
        assertThat(first.initiator().getHostAddress()).isEqualTo("10.0.0.1");
        assertThat(first.initiatorPackets()).isEqualTo(1);
        assertThat(first.responderPackets()).isEqualTo(1);
    }

    @Test
    void theSummaryAndListingsDescribeWhatWasSeen() {
        Analyzer analyzer = burstAtTheEnd().analyze(new Analyzer(AnalysisSettings.DEFAULTS));

        Analyzer.Summary summary = analyzer.summary();
        long packets = 30 * 22 + 500;
        assertThat(summary.packets()).isEqualTo(packets);
        assertThat(summary.bytes()).isEqualTo(packets * (14 + 20 + 8 + 50));
        assertThat(summary.flows()).isEqualTo(1);
        assertThat(analyzer.flows(Flow.Order.BYTES, 5)).singleElement().satisfies(flow -> {
            assertThat(flow.initiatorPackets()).isEqualTo(packets);
            assertThat(analyzer.flow(flow.id())).contains(flow);
        });
        assertThat(analyzer.topTalkers(5)).extracting(TopTalker::host).containsExactly("10.0.0.1", "10.0.0.2");
        assertThat(analyzer.protocolHierarchy()).extracting(ProtocolHierarchy.Node::path)
                .containsExactly("eth", "eth:ethertype", "eth:ethertype:ip", "eth:ethertype:ip:udp", "eth:ethertype:ip:udp:data");
    }
}
