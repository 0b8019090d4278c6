package dev.tapdeck.explain;

import dev.tapdeck.analysis.Alert;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AlertExplanationTest {

    /** A rate spike as the z-score detector reports one, over packets of a real capture. */
    static Alert rateSpike() {
        Map<String, Double> numbers = new LinkedHashMap<>();
        numbers.put("observed", 1840.0);
        numbers.put("mean", 212.4);
        numbers.put("stddev", 35.1);
        numbers.put("z", 46.37);
        numbers.put("threshold", 3.0);
        numbers.put("window", 60.0);
        return new Alert(7, "rate-spike", Alert.Severity.WARNING, Instant.parse("2004-05-13T10:17:09Z"),
                "1840 packets/s against 212.4 ± 35.1 (z = 46.37 ≥ 3)", numbers,
                List.of("145.254.160.237", "65.208.228.223"), List.of(80), List.of(1L, 2L, 3L, 4L, 6L));
    }

    @Test
    void explainsARateSpikeLikeTheReviewedText() throws IOException {
        PacketContext context = FilePacketContext.around(Corpus.capture("dpkt-http.pcap"), 1);

        Explanation explanation = new OfflineExplainer().explainAlert(rateSpike(), context);

        assertThat(explanation.source()).isEqualTo(Explanation.OFFLINE);
        OfflineExplainerGoldenTest.assertGolden("alert-rate-spike", explanation.text());
    }

    @Test
    void saysWhichPacketsAreNoLongerHeld() throws IOException {
        PacketContext context = FilePacketContext.around(Corpus.capture("dpkt-http.pcap"), 1);
        Alert alert = rateSpike();
        Alert gone = new Alert(alert.id(), "syn-flood", alert.severity(), alert.time(), alert.message(), Map.of("observed", 900.0),
                alert.hosts(), alert.ports(), List.of(5_000L));

        String text = new OfflineExplainer().explainAlert(gone, context).text();

        assertThat(text).contains("Frame 5000 is no longer held.")
                .contains("half-open connections")
                .contains("observed = 900");
    }
}
