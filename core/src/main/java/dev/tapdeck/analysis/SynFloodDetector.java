package dev.tapdeck.analysis;

import dev.tapdeck.collect.KeyIndex;
import dev.tapdeck.decode.Dissection;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Connections to one destination (address and port) begun with a SYN that no completed
 * handshake answered, counted per window: a flood of connection requests, spoofed or not,
 * leaves them half open. A retransmitted SYN is the same attempt and counts once. Fires
 * when a destination's half-open count reaches the threshold, once per destination and window,
 * and not again within the cooldown.
 */
final class SynFloodDetector implements Detector {
    static final String NAME = "syn-flood";
    private static final int MAX_TARGETS = 65_536;
    private static final int RECENT = 4_096;

    private final AlertLog alerts;
    private final int threshold;
    private final TumblingWindow window;
    private final KeyIndex targets = new KeyIndex(3, MAX_TARGETS);
    private final RecentPackets recent = new RecentPackets(RECENT);
    private long[] syns = new long[0];
    private long[] halfOpen = new long[0];
    private boolean[] alerted = new boolean[0];

    SynFloodDetector(AnalysisSettings.SynFlood settings, AlertLog alerts) {
        this.alerts = alerts;
        this.threshold = settings.threshold();
        this.window = new TumblingWindow(settings.window().toNanos());
    }

    @Override
    public void accept(PacketFacts p, Dissection d) {
        if (!p.addressed || !p.isTcp()) {
            return;
        }
        if (window.advance(p.timeNanos)) {
            targets.clear();
        }
        if (p.isSyn() && p.newFlow) {
            int entry = targets.find(p.destinationHigh, p.destinationLow, p.destinationPort, 0, 0);
            if (entry < 0) {
                entry = targets.add(p.destinationHigh, p.destinationLow, p.destinationPort, 0, 0);
                if (entry < 0) {
                    return;
                }
                if (entry >= syns.length) {
                    grow();
                }
                syns[entry] = 0;
                halfOpen[entry] = 0;
                alerted[entry] = false;
            }
            syns[entry]++;
            halfOpen[entry]++;
            recent.add(p.frameNumber, tag(p), p.sourceHigh, p.sourceLow, p.destinationPort);
            if (halfOpen[entry] >= threshold && !alerted[entry]) {
                alerted[entry] = true;
                fire(entry, p);
            }
        } else if (p.handshakeCompleted) {
            // The completing ACK goes from the initiator to the destination its SYN went to.
            int entry = targets.find(p.destinationHigh, p.destinationLow, p.destinationPort, 0, 0);
            if (entry >= 0 && halfOpen[entry] > 0) {
                halfOpen[entry]--;
            }
        }
    }

    private static long tag(PacketFacts p) {
        return KeyIndex.hash(p.destinationHigh, p.destinationLow, p.destinationPort, 0, 0);
    }

    private void grow() {
        int capacity = targets.entryCapacity();
        syns = java.util.Arrays.copyOf(syns, capacity);
        halfOpen = java.util.Arrays.copyOf(halfOpen, capacity);
        alerted = java.util.Arrays.copyOf(alerted, capacity);
    }

    private void fire(int entry, PacketFacts p) {
        String target = Hosts.endText(Hosts.inet(p.destinationHigh, p.destinationLow), p.destinationPort);
        if (!alerts.mayAlert(NAME + " " + target, p.timeNanos)) {
            return;
        }
        long tag = tag(p);
        List<String> sources = recent.hosts(tag, 20);
        Map<String, Double> numbers = new LinkedHashMap<>();
        numbers.put("observed", (double) halfOpen[entry]);
        numbers.put("threshold", (double) threshold);
        numbers.put("window", window.seconds());
        numbers.put("syns", (double) syns[entry]);
        numbers.put("completed", (double) (syns[entry] - halfOpen[entry]));
        numbers.put("sources", (double) sources.size());
        String message = String.format(Locale.ROOT,
                "SYN flood on %s: %,d SYNs without a completed handshake within %.0f s (threshold %,d), %,d SYNs in all, from %s%s",
                target, halfOpen[entry], window.seconds(), threshold, syns[entry],
                sources.size() == 1 ? sources.getFirst() : sources.size() + " sources",
                sources.size() == 20 ? " or more" : "");
        List<String> hosts = new ArrayList<>();
        hosts.add(Hosts.text(p.destinationHigh, p.destinationLow));
        hosts.addAll(sources);
        alerts.raise(NAME, Alert.Severity.CRITICAL, p.timeNanos, message, numbers, hosts,
                List.of(p.destinationPort), recent.frames(tag));
    }
}
