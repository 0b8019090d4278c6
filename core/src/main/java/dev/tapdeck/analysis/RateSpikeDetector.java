package dev.tapdeck.analysis;

import dev.tapdeck.decode.Dissection;
import dev.tapdeck.decode.Protocol;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Packets per second against the seconds before: when a second ends, its count x is compared
 * with the mean μ and the population standard deviation σ of the previous {@code window}
 * seconds (a second without packets counts 0), and z = (x − μ) / max(σ, 1) at or above the
 * threshold makes it a spike. σ is floored at one packet so that a perfectly steady rate
 * (σ = 0) does not turn every extra packet into an infinite z.
 *
 * <p>Counted overall and per protocol (the packet's top protocol, as a packet list shows it).
 * Series that spike in the same second make one alert, about the overall rate when it spiked,
 * else about the protocol with the highest z; the others are listed in it. A series that
 * alerted stays quiet for the cooldown, so one spike lasting several seconds alerts once.
 */
final class RateSpikeDetector implements Detector {
    static final String NAME = "rate-spike";
    private static final Protocol[] PROTOCOLS = Protocol.values();
    /** Series 0 is every packet; series 1 + p is protocol p. */
    private static final int SERIES = 1 + PROTOCOLS.length;
    private static final long SECOND = 1_000_000_000L;

    private final AlertLog alerts;
    private final int window;
    private final double threshold;
    private final int minSamples;
    private final int minPackets;
    /** Per series, a ring of the last {@code window} seconds' counts: series s at [s * window, (s + 1) * window). */
    private final long[] history;
    private final long[] sums = new long[SERIES];
    private final long[] sumsOfSquares = new long[SERIES];
    private final long[] current = new long[SERIES];
    /** The current second's packets, tagged with their top protocol: the alert's evidence. */
    private final RecentPackets sample = new RecentPackets(Alert.MAX_PACKETS);
    private int samples;
    private int head;
    private long second;
    private boolean started;

    RateSpikeDetector(AnalysisSettings.RateSpike settings, AlertLog alerts) {
        this.alerts = alerts;
        this.window = (int) settings.window().toSeconds();
        this.threshold = settings.threshold();
        this.minSamples = settings.minSamples();
        this.minPackets = settings.minPackets();
        this.history = new long[SERIES * window];
    }

    @Override
    public void accept(PacketFacts packet, Dissection d) {
        long packetSecond = Math.floorDiv(packet.timeNanos, SECOND);
        if (!started) {
            started = true;
            second = packetSecond;
        } else if (packetSecond > second) {
            closeSecondsBefore(packetSecond);
        }
        // A packet older than the current second (capture reordering) counts in the current one.
        int protocol = d.topProtocol().ordinal();
        current[0]++;
        current[1 + protocol]++;
        sample.add(packet.frameNumber, protocol, packet.sourceHigh, packet.sourceLow,
                packet.addressed ? packet.destinationPort : 0);
    }

    @Override
    public void tick(long nowNanos) {
        long nowSecond = Math.floorDiv(nowNanos, SECOND);
        if (started && nowSecond > second) {
            closeSecondsBefore(nowSecond);
        }
    }

    private void closeSecondsBefore(long nextSecond) {
        if (samples >= minSamples) {
            judge(nextSecond * SECOND);
        }
        push();
        // Seconds without packets count 0; past a full window of them, more change nothing.
        long empty = Math.min(nextSecond - second - 1, window);
        for (long i = 0; i < empty; i++) {
            push();
        }
        second = nextSecond;
        sample.clear();
    }

    /** Moves the current counts into the window and zeroes them. */
    private void push() {
        for (int s = 0; s < SERIES; s++) {
            int at = s * window + head;
            long leaving = samples == window ? history[at] : 0;
            long x = current[s];
            sums[s] += x - leaving;
            sumsOfSquares[s] += x * x - leaving * leaving;
            history[at] = x;
            current[s] = 0;
        }
        head = (head + 1) % window;
        samples = Math.min(samples + 1, window);
    }

    private double mean(int series) { return (double) sums[series] / samples; }

    private double standardDeviation(int series) {
        double mean = mean(series);
        return Math.sqrt(Math.max(0, (double) sumsOfSquares[series] / samples - mean * mean));
    }

    private double z(int series) {
        return (current[series] - mean(series)) / Math.max(standardDeviation(series), 1);
    }

    private void judge(long detectedNanos) {
        List<Integer> spiking = null;
        for (int s = 0; s < SERIES; s++) {
            if (current[s] >= minPackets && z(s) >= threshold) {
                if (spiking == null) {
                    spiking = new ArrayList<>();
                }
                spiking.add(s);
            }
        }
        if (spiking == null) {
            return;
        }
        spiking.removeIf(s -> !alerts.mayAlert(NAME + " " + seriesName(s), detectedNanos));
        if (spiking.isEmpty()) {
            return;
        }
        int primary = spiking.contains(0) ? 0 : spiking.stream().max((x, y) -> Double.compare(z(x), z(y))).orElseThrow();
        raise(primary, spiking, detectedNanos);
    }

    private void raise(int primary, List<Integer> spiking, long detectedNanos) {
        double observed = current[primary], mean = mean(primary), deviation = standardDeviation(primary), z = z(primary);
        Map<String, Double> numbers = new LinkedHashMap<>();
        numbers.put("observed", observed);
        numbers.put("mean", mean);
        numbers.put("stddev", deviation);
        numbers.put("z", z);
        numbers.put("threshold", threshold);
        numbers.put("window", (double) window);
        numbers.put("samples", (double) samples);
        numbers.put("second", (double) second);
        StringBuilder message = new StringBuilder(String.format(Locale.ROOT,
                "%s: %,d packets in the second from %s, %.1f standard deviations above the mean of %.1f"
                        + " (standard deviation %.1f) over the %d seconds before; threshold %.1f",
                seriesLabel(primary), current[primary], Instant.ofEpochSecond(second), z, mean, deviation, samples, threshold));
        for (int s : spiking) {
            if (s != primary) {
                numbers.put(seriesName(s) + ".observed", (double) current[s]);
                numbers.put(seriesName(s) + ".z", z(s));
                message.append(String.format(Locale.ROOT, "; %s too: %,d packets, z %.1f", seriesName(s), current[s], z(s)));
            }
        }
        long tag = primary == 0 ? RecentPackets.ANY : primary - 1;
        Alert.Severity severity = z >= 2 * threshold ? Alert.Severity.CRITICAL : Alert.Severity.WARNING;
        alerts.raise(NAME, severity, detectedNanos, message.toString(), numbers,
                sample.hosts(tag, 10), sample.ports(tag, 20), sample.frames(tag));
    }

    private static String seriesName(int series) {
        return series == 0 ? "all" : PROTOCOLS[series - 1].filterName();
    }

    private static String seriesLabel(int series) {
        return series == 0 ? "packet rate spike" : seriesName(series) + " packet rate spike";
    }
}
