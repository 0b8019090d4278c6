package dev.tapdeck.explain;

import dev.tapdeck.analysis.Alert;
import dev.tapdeck.decode.Dissection;
import dev.tapdeck.decode.PacketDecoder;
import dev.tapdeck.decode.PacketSummary;
import dev.tapdeck.file.PacketRecord;

import java.util.List;
import java.util.NoSuchElementException;

/**
 * Tapdeck's own explanations, written from its decoding and the packets around: what a packet
 * is layer by layer, its role in its conversation, what is unusual about it; for an alert, why
 * it fired and what to look at next. Needs no network; stateless, so thread-safe.
 */
public final class OfflineExplainer implements Explainer {
    /** Packets before the explained one scanned for its conversation. */
    static final int LOOK_BACK = 2_000;
    /** Packets after a request scanned for its answer. */
    static final int LOOK_AHEAD = 500;

    @Override
    public Explanation explainPacket(long frameNumber, PacketContext context) {
        PacketRecord record = new PacketRecord();
        if (!context.read(frameNumber, record)) {
            throw new NoSuchElementException(context.oldest() > context.newest()
                    ? "no packets are held, so there is no packet " + frameNumber
                    : "packet " + frameNumber + " is not held; packets " + context.oldest() + " to " + context.newest() + " are");
        }
        Dissection d = new PacketDecoder().decode(record);
        PacketFacts facts = PacketFacts.of(frameNumber, record, d);
        StringBuilder text = new StringBuilder("# Packet ").append(frameNumber).append(": ");
        PacketSummary.appendProtocol(d, text);
        text.append(", ").append(facts.source()).append(" → ").append(facts.destination()).append("\n\n`").append(facts.summary()).append("`\n");
        section(text, "What it is", LayerDescriptions.describe(d, record, facts));
        section(text, "In its conversation", ConversationRole.describe(facts, context));
        List<String> oddities = Oddities.find(d, facts);
        section(text, "What stands out", oddities.isEmpty()
                ? List.of("Nothing unusual: the packet is well formed, and nothing in it is out of the ordinary for its kind.")
                : oddities);
        return new Explanation(text.toString(), Explanation.OFFLINE);
    }

    @Override
    public Explanation explainAlert(Alert alert, PacketContext context) {
        return new Explanation(AlertDescription.describe(alert, context), Explanation.OFFLINE);
    }

    static void section(StringBuilder text, String title, List<String> bullets) {
        text.append("\n## ").append(title).append("\n\n");
        bullets.forEach(bullet -> text.append("- ").append(bullet).append('\n'));
    }
}
