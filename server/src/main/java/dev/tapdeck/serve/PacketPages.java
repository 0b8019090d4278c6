package dev.tapdeck.serve;

import dev.tapdeck.decode.Dissection;
import dev.tapdeck.decode.PacketDecoder;
import dev.tapdeck.decode.field.PacketFields;
import dev.tapdeck.decode.JsonLinesFormat;
import dev.tapdeck.file.PacketRecord;
import dev.tapdeck.filter.DisplayFilter;
import dev.tapdeck.stream.StreamFacts;

import java.util.ArrayList;
import java.util.List;

/**
 * Pages of packet summaries from the history, for {@code GET /api/packets}: forward from a
 * frame number or back from one, every packet or only those a display filter passes. A page
 * says which frames it searched, {@code from} to {@code to}: every packet of the history in
 * that range that passes is in the page, so a client knows where to search on, however few
 * packets pass. One page per request, on the request's thread.
 */
final class PacketPages {
    private final PacketHistory history;
    private final PacketPipeline pipeline;
    private final DisplayFilter filter;
    private final PacketDecoder decoder = new PacketDecoder();
    private final PacketFields fields = new PacketFields();
    private final PacketRecord packet = new PacketRecord();
    private final StreamFacts facts = new StreamFacts();
    private final StringBuilder scratch = new StringBuilder();

    /** @param filter the filter the packets must pass; null for every packet */
    PacketPages(PacketHistory history, PacketPipeline pipeline, DisplayFilter filter) {
        this.history = history;
        this.pipeline = pipeline;
        this.filter = filter;
    }

    /** The first {@code limit} packets numbered above {@code after} that pass. */
    String after(long after, int limit) {
        long oldest = history.oldest();
        long newest = history.newest();
        long from = Math.max(after + 1, oldest);
        List<CharSequence> summaries = new ArrayList<>();
        long number = from;
        for (; number <= newest && summaries.size() < limit; number++) {
            // A packet forgotten while the page is searched is passed over.
            if (history.read(number, packet)) {
                addIfPasses(number, summaries);
            }
        }
        return page(oldest, newest, from, number - 1, summaries);
    }

    /** The last {@code limit} packets numbered below {@code before} that pass, oldest first. */
    String before(long before, int limit) {
        long oldest = history.oldest();
        long newest = history.newest();
        long to = Math.min(before - 1, newest);
        List<CharSequence> summaries = new ArrayList<>();
        long number = to;
        // A packet forgotten while the page is searched ends it: every older one is forgotten too.
        for (; number >= oldest && summaries.size() < limit && history.read(number, packet); number--) {
            addIfPasses(number, summaries);
        }
        return page(oldest, newest, number + 1, to, summaries.reversed());
    }

    private void addIfPasses(long number, List<CharSequence> summaries) {
        Dissection d;
        history.facts(number, facts);
        if (filter == null) {
            d = decoder.decode(packet);
        } else {
            fields.wrap(number, packet, pipeline.referenceNanos(), facts).process(history.process(number));
            if (!filter.matches(fields)) {
                return;
            }
            d = fields.dissection();
        }
        StringBuilder summary = new StringBuilder(256);
        pipeline.appendSummary(number, packet, d, history.flow(number), facts, history.process(number), summary, scratch);
        summaries.add(summary);
    }

    /**
     * {@code {"oldest","newest","from","to","filter","packets"}}: what the history holds, the
     * frames searched ({@code from > to} when none were), the filter when there is one.
     */
    private String page(long oldest, long newest, long from, long to, List<CharSequence> summaries) {
        StringBuilder json = new StringBuilder(64 + 256 * summaries.size())
                .append("{\"oldest\":").append(oldest).append(",\"newest\":").append(newest)
                .append(",\"from\":").append(from).append(",\"to\":").append(to);
        if (filter != null) {
            JsonLinesFormat.appendString(filter.text(), json.append(",\"filter\":"));
        }
        json.append(",\"packets\":[");
        for (int i = 0; i < summaries.size(); i++) {
            json.append(i == 0 ? "" : ",").append(summaries.get(i));
        }
        return json.append("]}").toString();
    }
}
