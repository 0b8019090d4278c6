package dev.tapdeck.analysis;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where detectors raise alerts: numbers them, keeps the latest for listing, hands each to the
 * sink, and remembers when each subject last alerted so that a cooldown can hold repeats back.
 * Cold path: only touched when a detector is about to fire.
 */
final class AlertLog {
    private final AlertSink sink;
    private final int kept;
    private final long cooldownNanos;
    private final ArrayDeque<Alert> recent = new ArrayDeque<>();
    private final Map<String, Long> lastAlertNanos = new HashMap<>();
    private long nextId = 1;
    private long raised;

    AlertLog(AlertSink sink, int kept, long cooldownNanos) {
        this.sink = sink;
        this.kept = kept;
        this.cooldownNanos = cooldownNanos;
    }

    /**
     * True when {@code subject} (a detector's name and what it is about) has not alerted
     * within the cooldown before {@code timeNanos}; the caller then raises the alert.
     */
    boolean mayAlert(String subject, long timeNanos) {
        Long last = lastAlertNanos.get(subject);
        if (last != null && timeNanos - last < cooldownNanos) {
            return false;
        }
        lastAlertNanos.put(subject, timeNanos);
        return true;
    }

    void raise(String detector, Alert.Severity severity, long timeNanos, String message, Map<String, Double> numbers,
               List<String> hosts, List<Integer> ports, List<Long> packets) {
        Alert alert = new Alert(nextId++, detector, severity, Instant.ofEpochSecond(0, timeNanos), message,
                numbers, hosts, ports, packets);
        raised++;
        recent.addLast(alert);
        if (recent.size() > kept) {
            recent.removeFirst();
        }
        sink.alert(alert);
    }

    long raised() { return raised; }

    List<Alert> recent(long afterId) {
        return recent.stream().filter(a -> a.id() > afterId).toList();
    }
}
