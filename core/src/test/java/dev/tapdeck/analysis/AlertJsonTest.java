package dev.tapdeck.analysis;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AlertJsonTest {
    @Test
    void writesEveryFieldWholeNumbersPlainAndNoNumberJsonCannotHold() {
        Map<String, Double> numbers = new LinkedHashMap<>();
        numbers.put("observed", 950.0);
        numbers.put("z", 86.75);
        numbers.put("stddev", Double.NaN);
        Alert alert = new Alert(3, "rate-spike", Alert.Severity.WARNING, Instant.parse("2026-11-27T10:00:01Z"),
                "a \"spike\"", numbers, List.of("10.0.0.1"), List.of(80), List.of(7L, 8L));

        assertThat(AlertJson.append(alert, "alert", new StringBuilder()).toString()).isEqualTo(
                "{\"type\":\"alert\",\"id\":3,\"detector\":\"rate-spike\",\"severity\":\"warning\",\"time\":\"2026-11-27T10:00:01Z\","
                        + "\"message\":\"a \\\"spike\\\"\",\"numbers\":{\"observed\":950,\"z\":86.75,\"stddev\":null},"
                        + "\"hosts\":[\"10.0.0.1\"],\"ports\":[80],\"packets\":[7,8]}");
        assertThat(AlertJson.append(new Alert(4, "new-talker", Alert.Severity.INFO, Instant.EPOCH, "m", Map.of(), List.of(),
                List.of(), List.of()), null, new StringBuilder()).toString()).isEqualTo(
                "{\"id\":4,\"detector\":\"new-talker\",\"severity\":\"info\",\"time\":\"1970-01-01T00:00:00Z\",\"message\":\"m\","
                        + "\"numbers\":{},\"hosts\":[],\"ports\":[],\"packets\":[]}");
    }
}
