package dev.tapdeck.explain;

import dev.tapdeck.analysis.Alert;
import dev.tapdeck.file.PacketRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.NoSuchElementException;

/**
 * Explanations by a model behind an OpenAI-compatible endpoint, told the decoded fields and
 * Tapdeck's offline analysis. When the model cannot answer (timeout, refused key, the
 * provider's or our own rate limit, a server error, an answer that is not a chat completion),
 * the offline explanation stands in, with a note at its top saying why, and the source
 * {@code offline (model unavailable: <reason>)}. The key goes only into the Authorization
 * header: never into logs, messages or explanations. Thread-safe.
 */
public final class LlmExplainer implements Explainer {
    private static final Logger log = LoggerFactory.getLogger(LlmExplainer.class);

    private final LlmSettings settings;
    private final OfflineExplainer offline;
    private final ChatCompletions chat;
    private final RateLimit rateLimit;

    public LlmExplainer(LlmSettings settings, OfflineExplainer offline) {
        this.settings = settings;
        this.offline = offline;
        this.chat = new ChatCompletions(settings);
        this.rateLimit = new RateLimit(settings.requestsPerMinute());
    }

    @Override
    public Explanation explainPacket(long frameNumber, PacketContext context) {
        Explanation own = offline.explainPacket(frameNumber, context);
        PacketRecord record = new PacketRecord();
        if (!context.read(frameNumber, record)) {
            throw new NoSuchElementException("packet " + frameNumber + " is no longer held");
        }
        return ask(Prompts.packet(frameNumber, record, own.text(), settings.sendPayload()), own);
    }

    @Override
    public Explanation explainAlert(Alert alert, PacketContext context) {
        Explanation own = offline.explainAlert(alert, context);
        return ask(Prompts.alert(alert, own.text()), own);
    }

    private Explanation ask(String prompt, Explanation own) {
        if (!rateLimit.tryAcquire()) {
            return fallback(own, "the limit of " + settings.requestsPerMinute() + " requests a minute is reached (" + LlmSettings.REQUESTS_PER_MINUTE + ")");
        }
        try {
            return new Explanation(chat.complete(Prompts.SYSTEM, prompt), settings.model());
        } catch (ChatCompletions.Failure e) {
            log.warn("Explain: model {} at {} could not answer: {}", settings.model(), settings.baseUrl(), e.getMessage());
            return fallback(own, e.getMessage());
        }
    }

    private static Explanation fallback(Explanation own, String reason) {
        return new Explanation("> **The model could not answer:** " + reason + ". This is Tapdeck's offline explanation.\n\n" + own.text(),
                Explanation.OFFLINE + " (model unavailable: " + reason + ")");
    }
}
