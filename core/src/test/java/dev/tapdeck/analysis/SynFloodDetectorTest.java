package dev.tapdeck.analysis;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.tapdeck.analysis.TestTraffic.*;
import static org.assertj.core.api.Assertions.assertThat;

class SynFloodDetectorTest {

    @Test
    void synsWithoutHandshakesRaiseOneAlertNamingTheTarget() {
        TestTraffic traffic = new TestTraffic();
        List<Long> floodFrames = new ArrayList<>();
        long ms = 1_000_000;
        for (int i = 0; i < 300; i++) {
            // Spoofed sources: each SYN from another address, none answered.
            traffic.tcp(at(SECOND + i * 5 * ms), "172.16." + (i / 200) + "." + (i % 200 + 1), 1024 + i, "10.0.0.80", 80, SYN, 0);
            floodFrames.add(traffic.packets());
            // Meanwhile a client completes 300 handshakes with another server: nothing half open there.
            String client = "10.0.1.1";
            int port = 30000 + i;
            traffic.tcp(at(SECOND + i * 5 * ms + ms), client, port, "10.0.0.81", 443, SYN, 0);
            traffic.tcp(at(SECOND + i * 5 * ms + 2 * ms), "10.0.0.81", 443, client, port, SYN | ACK, 0);
            traffic.tcp(at(SECOND + i * 5 * ms + 3 * ms), client, port, "10.0.0.81", 443, ACK, 0);
        }

        List<Alert> alerts = traffic.analyze(new Analyzer(AnalysisSettings.DEFAULTS)).alerts();

        assertThat(alerts).singleElement().satisfies(alert -> {
            assertThat(alert.detector()).isEqualTo("syn-flood");
            assertThat(alert.severity()).isEqualTo(Alert.Severity.CRITICAL);
            assertThat(alert.hosts().getFirst()).isEqualTo("10.0.0.80");
            assertThat(alert.hosts()).contains("172.16.0.1").hasSize(21);
            assertThat(alert.ports()).containsExactly(80);
            assertThat(alert.numbers()).containsEntry("observed", 200.0).containsEntry("syns", 200.0)
                    .containsEntry("completed", 0.0).containsEntry("threshold", 200.0).containsEntry("window", 10.0);
            assertThat(alert.packets()).containsExactlyElementsOf(floodFrames.subList(0, 200));
            assertThat(alert.message()).startsWith("SYN flood on 10.0.0.80:80: 200 SYNs without a completed handshake");
        });
    }

    @Test
    void aBusyServerWhoseHandshakesCompleteIsNoFlood() {
        TestTraffic traffic = new TestTraffic();
        for (int i = 0; i < 1000; i++) {
            String client = "10.0.2." + (i % 250 + 1);
            long t = at(i * 2_000_000L);
            traffic.tcp(t, client, 40000 + i, "10.0.0.80", 80, SYN, 0);
            traffic.tcp(t + 1000, "10.0.0.80", 80, client, 40000 + i, SYN | ACK, 0);
            traffic.tcp(t + 2000, client, 40000 + i, "10.0.0.80", 80, ACK, 0);
        }

        Analyzer analyzer = traffic.analyze(new Analyzer(AnalysisSettings.DEFAULTS));

        assertThat(analyzer.alerts()).isEmpty();
        assertThat(analyzer.summary().flowsStarted()).isEqualTo(1000);
    }
}
