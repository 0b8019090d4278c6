package dev.tapdeck.explain;

import dev.tapdeck.analysis.Alert;

import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Explains packets and alerts in plain language (markdown). {@link #fromEnvironment} picks a
 * model when one is configured, else Tapdeck's own {@link OfflineExplainer}. Thread-safe.
 */
public interface Explainer {

    /**
     * Explains packet {@code frameNumber} of {@code context}.
     *
     * @throws NoSuchElementException when the context does not hold that packet
     */
    Explanation explainPacket(long frameNumber, PacketContext context);

    /** Explains why {@code alert} fired; {@code context} gives the packets behind it when it still holds them. */
    Explanation explainAlert(Alert alert, PacketContext context);

    /**
     * An {@link LlmExplainer} when {@code TAPDECK_AI_BASE_URL} is set in {@code environment},
     * else an {@link OfflineExplainer}.
     *
     * @throws IllegalArgumentException naming the variable when a setting is invalid
     */
    static Explainer fromEnvironment(Map<String, String> environment) {
        return LlmSettings.fromEnvironment(environment)
                .<Explainer>map(settings -> new LlmExplainer(settings, new OfflineExplainer()))
                .orElseGet(OfflineExplainer::new);
    }
}
