package dev.tapdeck.analysis;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;

import static dev.tapdeck.analysis.TestTraffic.SECOND;
import static dev.tapdeck.analysis.TestTraffic.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RateSpikeDetectorTest {

    /** Packets in second {@code s} of steady traffic: 40 to 50, never the same pattern for long. */
    private static int steady(int s) {
        return 40 + (s * 7) % 11;
    }

    /** {@code count} UDP packets spread evenly over second {@code s}. */
    private static void second(TestTraffic traffic, int s, int count) {
        for (int i = 0; i < count; i++) {
            traffic.udp(at(s * SECOND + i * (SECOND / count)), "10.0.0.1", 40000, "10.0.0.2", 9000, 100);
        }
    }

    @Test
    void steadyTrafficRaisesNoAlert() {
        TestTraffic traffic = new TestTraffic();
        for (int s = 0; s < 180; s++) {
            second(traffic, s, steady(s));
        }

        Analyzer analyzer = traffic.analyze(new Analyzer(AnalysisSettings.DEFAULTS));

        assertThat(analyzer.summary().packets()).isEqualTo(traffic.packets());
        assertThat(analyzer.alerts()).isEmpty();
    }

    @Test
    void aSpikeOfThreeSecondsRaisesExactlyOneAlertWithTheNumbersBehindIt() {
        TestTraffic traffic = new TestTraffic();
        int[] counts = new int[70];
        for (int s = 0; s < counts.length; s++) {
            counts[s] = s == 40 ? 400 : s == 41 || s == 42 ? 300 : steady(s);
            second(traffic, s, counts[s]);
        }

        List<Alert> alerts = traffic.analyze(new Analyzer(AnalysisSettings.DEFAULTS)).alerts();

        assertThat(alerts).hasSize(1);
        Alert alert = alerts.getFirst();
        // The expectation, from the 40 seconds before the spike (fewer than the 60-second window).
        double mean = LongStream.range(0, 40).map(s -> counts[(int) s]).average().orElseThrow();
        double variance = LongStream.range(0, 40).mapToDouble(s -> (counts[(int) s] - mean) * (counts[(int) s] - mean)).sum() / 40;
        double deviation = Math.sqrt(variance);
        double z = (400 - mean) / deviation;
        assertThat(deviation).isGreaterThan(1);
        assertThat(alert.detector()).isEqualTo("rate-spike");
        assertThat(alert.numbers().get("observed")).isEqualTo(400.0);
        assertThat(alert.numbers().get("mean")).isCloseTo(mean, within(1e-9));
        assertThat(alert.numbers().get("stddev")).isCloseTo(deviation, within(1e-9));
        assertThat(alert.numbers().get("z")).isCloseTo(z, within(1e-9));
        assertThat(alert.numbers().get("threshold")).isEqualTo(3.0);
        assertThat(alert.numbers().get("window")).isEqualTo(60.0);
        assertThat(alert.numbers().get("samples")).isEqualTo(40.0);
        // The same packets are UDP: one alert says both.
        assertThat(alert.numbers().get("udp.observed")).isEqualTo(400.0);
        assertThat(alert.time()).isEqualTo(Instant.ofEpochSecond(TestTraffic.START_SECONDS + 41));
        assertThat(alert.severity()).isEqualTo(Alert.Severity.CRITICAL);
        long before = LongStream.range(0, 40).map(s -> counts[(int) s]).sum();
        assertThat(alert.packets()).containsExactlyElementsOf(LongStream.rangeClosed(before + 1, before + 400).boxed().toList());
        assertThat(alert.hosts()).containsExactly("10.0.0.1");
        assertThat(alert.ports()).containsExactly(9000);
        assertThat(alert.message()).contains("400 packets").contains(String.format("%.1f", z));
    }

    @Test
    void noSecondIsJudgedBeforeTheMinimumSamples() {
        TestTraffic traffic = new TestTraffic();
        for (int s = 0; s < 30; s++) {
            second(traffic, s, s == 5 ? 400 : steady(s));
        }

        assertThat(traffic.analyze(new Analyzer(AnalysisSettings.DEFAULTS)).alerts()).isEmpty();
    }

    @Test
    void aProtocolSpikeInsideSteadyTotalsIsReportedForThatProtocol() {
        TestTraffic traffic = new TestTraffic();
        for (int s = 0; s < 40; s++) {
            // Busy, noisy UDP (200 to 300 a second) hides 60 more packets in the total.
            second(traffic, s, 200 + (s * 37) % 101);
            int tcp = s == 30 ? 60 : 1 + s % 2;
            for (int i = 0; i < tcp; i++) {
                traffic.tcp(at(s * SECOND + SECOND / 2 + i), "10.0.0.3", 50000, "10.0.0.4", 5001, TestTraffic.ACK, 10);
            }
        }
        AnalysisSettings settings = AnalysisSettings.DEFAULTS.withRateSpike(
                new AnalysisSettings.RateSpike(java.time.Duration.ofSeconds(60), 6.0, 10, 10));

        List<Alert> alerts = traffic.analyze(new Analyzer(settings)).alerts();

        assertThat(alerts).singleElement().satisfies(alert -> {
            assertThat(alert.message()).startsWith("tcp packet rate spike: 60 packets");
            assertThat(alert.numbers().get("observed")).isEqualTo(60.0);
            assertThat(alert.hosts()).containsExactly("10.0.0.3");
            assertThat(alert.packets()).hasSize(60);
        });
    }
}
