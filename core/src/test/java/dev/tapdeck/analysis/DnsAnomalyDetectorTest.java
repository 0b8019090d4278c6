package dev.tapdeck.analysis;

import dev.tapdeck.decode.TestPackets.Dns;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

import static dev.tapdeck.analysis.TestTraffic.*;
import static dev.tapdeck.decode.TestPackets.dns;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DnsAnomalyDetectorTest {
    private static final long MS = 1_000_000;
    private static final int NXDOMAIN_FLAGS = Dns.FLAGS_RESPONSE | 3;

    /** Query and answer for {@code name}; returns the answer's frame number. */
    private static long exchange(TestTraffic traffic, long timeNanos, int id, String name, int answerFlags) {
        traffic.dns(timeNanos, "10.0.0.5", 40000 + id, "10.0.0.53", 53,
                dns(id, Dns.FLAGS_QUERY, 1, 0, 0, 0).question(name, Dns.TYPE_A).toBytes());
        traffic.dns(timeNanos + MS, "10.0.0.53", 53, "10.0.0.5", 40000 + id,
                dns(id, answerFlags, 1, 0, 0, 0).question(name, Dns.TYPE_A).toBytes());
        return traffic.packets();
    }

    @Test
    void aBurstOfNxdomainAnswersRaisesOneAlert() {
        TestTraffic traffic = new TestTraffic();
        List<Long> answers = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            answers.add(exchange(traffic, at(i * 100 * MS), i, "host" + i + ".example.com", NXDOMAIN_FLAGS));
        }

        List<Alert> alerts = traffic.analyze(new Analyzer(AnalysisSettings.DEFAULTS)).alerts();

        assertThat(alerts).singleElement().satisfies(alert -> {
            assertThat(alert.detector()).isEqualTo("dns-nxdomain");
            assertThat(alert.numbers()).containsEntry("observed", 20.0).containsEntry("responses", 20.0)
                    .containsEntry("ratio", 1.0).containsEntry("threshold", 0.5).containsEntry("window", 60.0);
            assertThat(alert.hosts()).containsExactly("10.0.0.5");
            assertThat(alert.packets()).containsExactlyElementsOf(answers.subList(0, 20));
        });
    }

    @Test
    void ordinaryLookupsWithSomeNxdomainsRaiseNothing() {
        TestTraffic traffic = new TestTraffic();
        String[] names = {"www.example.com", "mail.example.org", "cdn.static.example.net", "login.example"};
        for (int i = 0; i < 110; i++) {
            exchange(traffic, at(i * 100 * MS), i, names[i % names.length], i % 11 == 0 ? NXDOMAIN_FLAGS : Dns.FLAGS_RESPONSE);
        }

        assertThat(traffic.analyze(new Analyzer(AnalysisSettings.DEFAULTS)).alerts()).isEmpty();
    }

    @Test
    void aVeryLongQueryNameIsReported() {
        String name = "a".repeat(60) + "." + "b".repeat(60) + "." + "c".repeat(20) + ".example.com";
        TestTraffic traffic = new TestTraffic();
        exchange(traffic, at(0), 1, "www.example.com", Dns.FLAGS_RESPONSE);
        exchange(traffic, at(SECOND), 2, name, Dns.FLAGS_RESPONSE);

        List<Alert> alerts = traffic.analyze(new Analyzer(AnalysisSettings.DEFAULTS)).alerts();

        assertThat(alerts).singleElement().satisfies(alert -> {
            assertThat(alert.detector()).isEqualTo("dns-long-name");
            assertThat(alert.numbers()).containsEntry("observed", (double) name.length()).containsEntry("threshold", 100.0);
            assertThat(alert.message()).contains(name).contains("10.0.0.5");
            assertThat(alert.packets()).containsExactly(3L);
            assertThat(alert.hosts()).containsExactly("10.0.0.5", "10.0.0.53");
        });
    }

    @Test
    void aRandomLookingQueryNameIsReportedWithItsEntropy() {
        Random random = new Random(7);
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        String label = random.ints(40, 0, alphabet.length()).mapToObj(i -> String.valueOf(alphabet.charAt(i)))
                .collect(Collectors.joining());
        double expected = label.chars().boxed().collect(Collectors.groupingBy(c -> c, Collectors.counting())).values().stream()
                .mapToDouble(count -> -(count / 40.0) * Math.log(count / 40.0) / Math.log(2)).sum();
        assertThat(expected).as("the test's label is random enough").isGreaterThan(4.0);
        TestTraffic traffic = new TestTraffic();
        exchange(traffic, at(0), 1, label + ".example.com", Dns.FLAGS_RESPONSE);

        List<Alert> alerts = traffic.analyze(new Analyzer(AnalysisSettings.DEFAULTS)).alerts();

        assertThat(alerts).singleElement().satisfies(alert -> {
            assertThat(alert.detector()).isEqualTo("dns-random-name");
            assertThat(alert.numbers().get("observed")).isCloseTo(expected, within(1e-9));
            assertThat(alert.message()).contains(label + ".example.com");
        });
    }
}
