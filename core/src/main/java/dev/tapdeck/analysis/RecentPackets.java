package dev.tapdeck.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The last packets a detector counted, each with a tag naming its subject (a hash of the
 * target or the source) and one host and port: enough to say, when the detector fires, which
 * packets made it fire and which hosts and ports they involved. A ring over primitive arrays;
 * adding allocates nothing.
 */
final class RecentPackets {
    /** A tag that matches every packet. */
    static final long ANY = Long.MIN_VALUE;

    private final long[] frames;
    private final long[] tags;
    private final long[] hostHigh;
    private final long[] hostLow;
    private final int[] ports;
    /** Packets added since the last clear, and where the next goes. */
    private long added;
    private int next;

    RecentPackets(int capacity) {
        frames = new long[capacity];
        tags = new long[capacity];
        hostHigh = new long[capacity];
        hostLow = new long[capacity];
        ports = new int[capacity];
    }

    void add(long frame, long tag, long high, long low, int port) {
        int at = next;
        next = next + 1 == frames.length ? 0 : next + 1;
        added++;
        frames[at] = frame;
        tags[at] = tag;
        hostHigh[at] = high;
        hostLow[at] = low;
        ports[at] = port;
    }

    void clear() {
        added = 0;
        next = 0;
    }

    /** Frame numbers with {@code tag}, oldest first. */
    List<Long> frames(long tag) {
        List<Long> out = new ArrayList<>();
        forEach(tag, at -> out.add(frames[at]));
        return out;
    }

    /** The hosts of the packets with {@code tag}, most frequent first, at most {@code limit}. */
    List<String> hosts(long tag, int limit) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        forEach(tag, at -> counts.merge(Hosts.text(hostHigh[at], hostLow[at]), 1, Integer::sum));
        return counts.entrySet().stream()
                .sorted((x, y) -> Integer.compare(y.getValue(), x.getValue()))
                .limit(limit).map(Map.Entry::getKey).toList();
    }

    /** The distinct ports of the packets with {@code tag}, ascending, at most {@code limit}. */
    List<Integer> ports(long tag, int limit) {
        TreeSet<Integer> distinct = new TreeSet<>();
        forEach(tag, at -> distinct.add(ports[at]));
        return distinct.stream().limit(limit).toList();
    }

    private void forEach(long tag, java.util.function.IntConsumer action) {
        long from = Math.max(0, added - frames.length);
        for (long i = from; i < added; i++) {
            int at = (int) (i % frames.length);
            if (tag == ANY || tags[at] == tag) {
                action.accept(at);
            }
        }
    }
}
