package dev.tapdeck.analysis;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static dev.tapdeck.analysis.TestTraffic.*;
import static dev.tapdeck.decode.TestPackets.*;
import static org.assertj.core.api.Assertions.assertThat;

class PortScanDetectorTest {
    private static final long MS = 1_000_000;

    @Test
    void probesOfManyPortsRaiseOneAlertNamingTheScannerAndThePorts() {
        TestTraffic traffic = new TestTraffic();
        for (int port = 1; port <= 150; port++) {
            traffic.tcp(at(port * 10 * MS), "10.0.0.66", 61000, "10.0.0.10", port, SYN, 0);
            // Closed ports answer RST; the answers are not probes.
            traffic.tcp(at(port * 10 * MS + MS), "10.0.0.10", port, "10.0.0.66", 61000, RST | ACK, 0);
        }

        List<Alert> alerts = traffic.analyze(new Analyzer(AnalysisSettings.DEFAULTS)).alerts();

        assertThat(alerts).singleElement().satisfies(alert -> {
            assertThat(alert.detector()).isEqualTo("port-scan");
            assertThat(alert.hosts()).containsExactly("10.0.0.66", "10.0.0.10");
            assertThat(alert.ports()).containsExactlyElementsOf(IntStream.rangeClosed(1, 100).boxed().toList());
            assertThat(alert.numbers()).containsEntry("observed", 100.0).containsEntry("threshold", 100.0)
                    .containsEntry("ports", 100.0).containsEntry("hosts", 1.0).containsEntry("window", 60.0);
            // The probes: every other frame, from the first.
            assertThat(alert.packets()).containsExactlyElementsOf(IntStream.range(0, 100).mapToObj(i -> 2L * i + 1).toList());
            assertThat(alert.message()).startsWith("port scan from 10.0.0.66: flows to 100 distinct destination ports on 1 host within");
        });
    }

    @Test
    void echoRequestsToManyHostsAreAHostSweep() {
        TestTraffic traffic = new TestTraffic();
        for (int host = 1; host <= 120; host++) {
            traffic.add(at(host * 10 * MS), ethernet(ETHERTYPE_IPV4, ipv4("10.0.0.77", "10.0.3." + host, PROTO_ICMP)
                    .wrap(icmp(8, 0, 0x4242_0000L | host, new byte[16]))));
        }

        List<Alert> alerts = traffic.analyze(new Analyzer(AnalysisSettings.DEFAULTS)).alerts();

        assertThat(alerts).singleElement().satisfies(alert -> {
            assertThat(alert.message()).startsWith("host sweep from 10.0.0.77");
            assertThat(alert.numbers()).containsEntry("observed", 100.0).containsEntry("hosts", 100.0).containsEntry("ports", 0.0);
            assertThat(alert.hosts().getFirst()).isEqualTo("10.0.0.77");
            assertThat(alert.hosts()).hasSize(21).contains("10.0.3.1");
        });
    }

    @Test
    void aServerAnsweringManyClientsIsNoScanner() {
        TestTraffic traffic = new TestTraffic();
        for (int i = 0; i < 300; i++) {
            String client = "10.0.4." + (i % 250 + 1);
            traffic.tcp(at(i * MS), client, 20000 + i, "10.0.0.10", 443, SYN, 0);
            traffic.tcp(at(i * MS + 1000), "10.0.0.10", 443, client, 20000 + i, SYN | ACK, 0);
            traffic.tcp(at(i * MS + 2000), client, 20000 + i, "10.0.0.10", 443, ACK, 0);
        }

        assertThat(traffic.analyze(new Analyzer(AnalysisSettings.DEFAULTS)).alerts()).isEmpty();
    }
}
