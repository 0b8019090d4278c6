package dev.tapdeck.explain;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Where and how to ask a model for explanations: an OpenAI-compatible endpoint (a hosted one,
 * or a local server). {@link #toString()} never shows the key.
 *
 * @param baseUrl           the API root, e.g. {@code http://127.0.0.1:11434/v1}; requests go to {@code {baseUrl}/chat/completions}
 * @param key               sent as {@code Authorization: Bearer}; empty for a server that needs none
 * @param model             the model name the endpoint knows, reported as an explanation's source
 * @param timeout           for connecting, and for the whole answer
 * @param sendPayload       whether packet payload bytes may leave the machine; headers only when false
 * @param requestsPerMinute client-side limit; requests beyond it get the offline text
 */
public record LlmSettings(URI baseUrl, String key, String model, Duration timeout, boolean sendPayload, int requestsPerMinute) {
    public static final String BASE_URL = "TAPDECK_AI_BASE_URL";
    public static final String KEY = "TAPDECK_AI_KEY";
    public static final String MODEL = "TAPDECK_AI_MODEL";
    public static final String TIMEOUT_SECONDS = "TAPDECK_AI_TIMEOUT_SECONDS";
    public static final String SEND_PAYLOAD = "TAPDECK_AI_SEND_PAYLOAD";
    public static final String REQUESTS_PER_MINUTE = "TAPDECK_AI_REQUESTS_PER_MINUTE";

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_REQUESTS_PER_MINUTE = 10;

    /** @throws IllegalArgumentException naming the setting and the fix */
    public LlmSettings {
        if (baseUrl == null || !("http".equals(baseUrl.getScheme()) || "https".equals(baseUrl.getScheme())) || baseUrl.getHost() == null) {
            throw new IllegalArgumentException(BASE_URL + " must be an http:// or https:// URL such as https://api.example.com/v1, not " + baseUrl);
        }
        key = key == null ? "" : key.strip();
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException(MODEL + " must name the model to ask (for example the name your endpoint lists under /models)");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(TIMEOUT_SECONDS + " must be a positive number of seconds, not " + timeout);
        }
        if (requestsPerMinute < 1) {
            throw new IllegalArgumentException(REQUESTS_PER_MINUTE + " must be at least 1, not " + requestsPerMinute);
        }
    }

    /**
     * The settings the {@code TAPDECK_AI_*} variables give, or empty when {@value #BASE_URL} is
     * unset or blank (no model: explanations are offline).
     *
     * @throws IllegalArgumentException naming the variable when a value is invalid
     */
    public static Optional<LlmSettings> fromEnvironment(Map<String, String> environment) {
        String base = environment.getOrDefault(BASE_URL, "").strip();
        if (base.isEmpty()) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(BASE_URL + " is not a URL: " + base, e);
        }
        return Optional.of(new LlmSettings(uri, environment.get(KEY), environment.get(MODEL),
                Duration.ofSeconds(positive(environment, TIMEOUT_SECONDS, DEFAULT_TIMEOUT.toSeconds())),
                flag(environment, SEND_PAYLOAD), (int) positive(environment, REQUESTS_PER_MINUTE, DEFAULT_REQUESTS_PER_MINUTE)));
    }

    private static long positive(Map<String, String> environment, String name, long fallback) {
        String value = environment.getOrDefault(name, "").strip();
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value);
            if (parsed > 0 && parsed <= Integer.MAX_VALUE) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the value
        }
        throw new IllegalArgumentException(name + " must be a positive whole number, not \"" + value + "\"");
    }

    private static boolean flag(Map<String, String> environment, String name) {
        String value = environment.getOrDefault(name, "").strip().toLowerCase(java.util.Locale.ROOT);
        return switch (value) {
            case "", "false", "no", "0" -> false;
            case "true", "yes", "1" -> true;
            default -> throw new IllegalArgumentException(name + " must be true or false, not \"" + value + "\"");
        };
    }

    /** The chat completions endpoint. */
    URI chatCompletions() {
        return URI.create(baseUrl + "/chat/completions");
    }

    @Override
    public String toString() {
        return "LlmSettings[baseUrl=" + baseUrl + ", key=" + (key.isEmpty() ? "(none)" : "(set)") + ", model=" + model
                + ", timeout=" + timeout.toSeconds() + "s, sendPayload=" + sendPayload + ", requestsPerMinute=" + requestsPerMinute + "]";
    }
}
