package dev.tapdeck.explain;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LlmSettingsTest {

    @Test
    void noBaseUrlMeansOfflineExplanations() {
        assertThat(LlmSettings.fromEnvironment(Map.of())).isEmpty();
        assertThat(LlmSettings.fromEnvironment(Map.of(LlmSettings.BASE_URL, "  "))).isEmpty();
        assertThat(Explainer.fromEnvironment(Map.of())).isInstanceOf(OfflineExplainer.class);
    }

    @Test
    void readsEveryVariable() {
        Map<String, String> environment = Map.of(
                LlmSettings.BASE_URL, "http://127.0.0.1:11434/v1/",
                LlmSettings.KEY, "sk-secret",
                LlmSettings.MODEL, "llama3.1:8b",
                LlmSettings.TIMEOUT_SECONDS, "12",
                LlmSettings.SEND_PAYLOAD, "true",
                LlmSettings.REQUESTS_PER_MINUTE, "4");

        LlmSettings settings = LlmSettings.fromEnvironment(environment).orElseThrow();

        assertThat(settings).isEqualTo(new LlmSettings(URI.create("http://127.0.0.1:11434/v1"), "sk-secret", "llama3.1:8b",
                Duration.ofSeconds(12), true, 4));
        assertThat(settings.chatCompletions()).isEqualTo(URI.create("http://127.0.0.1:11434/v1/chat/completions"));
        assertThat(Explainer.fromEnvironment(environment)).isInstanceOf(LlmExplainer.class);
    }

    @Test
    void defaultsToHeadersOnlyThirtySecondsAndTenRequestsAMinute() {
        LlmSettings settings = LlmSettings.fromEnvironment(Map.of(LlmSettings.BASE_URL, "https://api.example.com/v1",
                LlmSettings.MODEL, "m")).orElseThrow();

        assertThat(settings.key()).isEmpty();
        assertThat(settings.sendPayload()).isFalse();
        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.requestsPerMinute()).isEqualTo(10);
    }

    @Test
    void toStringNeverShowsTheKey() {
        LlmSettings settings = new LlmSettings(URI.create("https://api.example.com/v1"), "sk-very-secret", "m", Duration.ofSeconds(5), false, 10);

        assertThat(settings.toString()).doesNotContain("sk-very-secret").contains("key=(set)");
    }

    @Test
    void badValuesNameTheVariableAndTheFix() {
        assertThatThrownBy(() -> LlmSettings.fromEnvironment(Map.of(LlmSettings.BASE_URL, "ftp://host/v1", LlmSettings.MODEL, "m")))
                .hasMessageStartingWith("TAPDECK_AI_BASE_URL must be an http:// or https:// URL");
        assertThatThrownBy(() -> LlmSettings.fromEnvironment(Map.of(LlmSettings.BASE_URL, "http://host/v1")))
                .hasMessageStartingWith("TAPDECK_AI_MODEL must name the model to ask");
        assertThatThrownBy(() -> LlmSettings.fromEnvironment(Map.of(LlmSettings.BASE_URL, "http://host/v1", LlmSettings.MODEL, "m",
                LlmSettings.TIMEOUT_SECONDS, "soon")))
                .hasMessage("TAPDECK_AI_TIMEOUT_SECONDS must be a positive whole number, not \"soon\"");
        assertThatThrownBy(() -> LlmSettings.fromEnvironment(Map.of(LlmSettings.BASE_URL, "http://host/v1", LlmSettings.MODEL, "m",
                LlmSettings.SEND_PAYLOAD, "maybe")))
                .hasMessage("TAPDECK_AI_SEND_PAYLOAD must be true or false, not \"maybe\"");
        assertThatThrownBy(() -> LlmSettings.fromEnvironment(Map.of(LlmSettings.BASE_URL, "http://host/v1", LlmSettings.MODEL, "m",
                LlmSettings.REQUESTS_PER_MINUTE, "0")))
                .hasMessage("TAPDECK_AI_REQUESTS_PER_MINUTE must be a positive whole number, not \"0\"");
    }
}
