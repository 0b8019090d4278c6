package dev.tapdeck.analysis;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Something a detector found worth a look, with everything needed to judge it: the numbers
 * behind it (observed, mean, standard deviation, z, threshold, window, as the detector has
 * them), the hosts and ports involved, and a bounded sample of the frame numbers that made it
 * fire. Alerts are cold-path objects: made only when a detector fires.
 *
 * @param id        unique within one run (a capture, a replay or one {@code tapdeck analyze})
 * @param detector  the detector's name, e.g. {@code rate-spike}, {@code syn-flood}
 * @param time      packet time at which it fired
 * @param message   one line in plain words, numbers included
 * @param numbers   the figures behind it, by name, in the detector's order
 * @param packets   frame numbers of packets behind it, oldest first, at most {@link #MAX_PACKETS}
 */
public record Alert(long id, String detector, Severity severity, Instant time, String message,
                    Map<String, Double> numbers, List<String> hosts, List<Integer> ports, List<Long> packets) {

    /** The most frame numbers an alert carries. */
    public static final int MAX_PACKETS = 1_000;

    public enum Severity { INFO, WARNING, CRITICAL }

    public Alert {
        numbers = Collections.unmodifiableMap(new LinkedHashMap<>(numbers));
        hosts = List.copyOf(hosts);
        ports = List.copyOf(ports);
        packets = List.copyOf(packets.size() > MAX_PACKETS ? packets.subList(0, MAX_PACKETS) : packets);
    }
}
