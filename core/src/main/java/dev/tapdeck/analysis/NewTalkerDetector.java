package dev.tapdeck.analysis;

import dev.tapdeck.collect.KeyIndex;
import dev.tapdeck.decode.Dissection;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A host that opens a flow for the first time, once the learning period after the first
 * packet is over: the hosts that opened flows during it are the known ones. Each new host
 * alerts once, and becomes known.
 */
final class NewTalkerDetector implements Detector {
    static final String NAME = "new-talker";

    private final AlertLog alerts;
    private final long learningNanos;
    private final KeyIndex known;
    private long learningEnds;
    private boolean started;

    NewTalkerDetector(AnalysisSettings.NewTalker settings, AlertLog alerts) {
        this.alerts = alerts;
        this.learningNanos = settings.learning().toNanos();
        this.known = new KeyIndex(2, settings.maxHosts());
    }

    @Override
    public void accept(PacketFacts p, Dissection d) {
        if (!started) {
            started = true;
            learningEnds = p.timeNanos + learningNanos;
        }
        if (!p.addressed || !p.newFlow || !p.fromInitiator
                || known.find(p.sourceHigh, p.sourceLow, 0, 0, 0) >= 0
                || known.add(p.sourceHigh, p.sourceLow, 0, 0, 0) < 0
                || p.timeNanos < learningEnds) {
            return;
        }
        String talker = Hosts.text(p.sourceHigh, p.sourceLow);
        String peer = Hosts.text(p.destinationHigh, p.destinationLow);
        Map<String, Double> numbers = new LinkedHashMap<>();
        numbers.put("knownHosts", (double) known.size() - 1);
        numbers.put("learning", learningNanos / 1e9);
        alerts.raise(NAME, Alert.Severity.INFO, p.timeNanos,
                "new talker " + talker + ": its first flow, to " + peer
                        + (p.destinationPort != 0 ? " port " + p.destinationPort : "")
                        + " (IP protocol " + p.ipProtocol + "), after " + (known.size() - 1) + " known hosts",
                numbers, List.of(talker, peer), p.destinationPort != 0 ? List.of(p.destinationPort) : List.of(),
                List.of(p.frameNumber));
    }
}
