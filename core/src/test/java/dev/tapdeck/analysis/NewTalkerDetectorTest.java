package dev.tapdeck.analysis;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.tapdeck.analysis.TestTraffic.*;
import static org.assertj.core.api.Assertions.assertThat;

class NewTalkerDetectorTest {

    @Test
    void aHostOpeningItsFirstFlowAfterTheLearningPeriodIsReportedOnce() {
        TestTraffic traffic = new TestTraffic();
        traffic.udp(at(0), "10.0.0.1", 5000, "10.0.0.9", 9000, 10);
        traffic.udp(at(10 * SECOND), "10.0.0.2", 5000, "10.0.0.9", 9000, 10);
        // A host first seen within the learning period (60 s) is known.
        traffic.udp(at(59 * SECOND), "10.0.0.4", 5000, "10.0.0.9", 9000, 10);
        traffic.udp(at(90 * SECOND), "10.0.0.9", 9000, "10.0.0.1", 5000, 10);     // an answer: no new flow
        traffic.udp(at(95 * SECOND), "10.0.0.3", 6000, "10.0.0.9", 9001, 10);     // frame 5: the new talker
        traffic.udp(at(96 * SECOND), "10.0.0.9", 9001, "10.0.0.3", 6000, 10);
        traffic.udp(at(100 * SECOND), "10.0.0.1", 5001, "10.0.0.8", 53, 10);     // a known host, a new flow
        traffic.udp(at(110 * SECOND), "10.0.0.3", 6001, "10.0.0.8", 53, 10);     // no longer new

        List<Alert> alerts = traffic.analyze(new Analyzer(AnalysisSettings.DEFAULTS)).alerts();

        assertThat(alerts).singleElement().satisfies(alert -> {
            assertThat(alert.detector()).isEqualTo("new-talker");
            assertThat(alert.severity()).isEqualTo(Alert.Severity.INFO);
            assertThat(alert.hosts()).containsExactly("10.0.0.3", "10.0.0.9");
            assertThat(alert.ports()).containsExactly(9001);
            assertThat(alert.packets()).containsExactly(5L);
            assertThat(alert.numbers()).containsEntry("knownHosts", 3.0).containsEntry("learning", 60.0);
            assertThat(alert.time()).isEqualTo(java.time.Instant.ofEpochSecond(START_SECONDS + 95));
        });
    }
}
