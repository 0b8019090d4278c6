package dev.tapdeck.cli;

import dev.tapdeck.analysis.CaptureStatistics;
import dev.tapdeck.analysis.Flow;
import dev.tapdeck.decode.Protocol;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The totals {@code tapdeck read --stats} prints after decoding a whole file: of the packets
 * that the display filter passes, when there is one; the throughput is of every packet read.
 */
record StatisticsReport(String file, String format, String filter, long packetsRead, long bytesRead,
                        CaptureStatistics stats, long elapsedNanos) {
    private static final int TOP_CONVERSATIONS = 10;

    void print(LineOutput out) throws IOException {
        line(out, "File:           %s (%s)", file, format.isEmpty() ? "unknown format" : format);
        if (!filter.isBlank()) {
            line(out, "Display filter: %s (%,d of %,d packets match)", filter, stats.packets(), packetsRead);
        }
        line(out, "Packets:        %,d", stats.packets());
        line(out, "Bytes:          %,d on the wire, %,d captured", stats.bytes(), stats.capturedBytes());
        if (stats.hasTimeSpan()) {
            Duration span = Duration.ofNanos(stats.lastNanos() - stats.firstNanos());
            line(out, "Time span:      %s to %s (%.6f s)",
                    instant(stats.firstNanos()), instant(stats.lastNanos()), span.toNanos() / 1e9);
        } else {
            line(out, "Time span:      no timestamps");
        }
        line(out, "Malformed:      %,d packets; cut by snap length: %,d packets", stats.malformedPackets(), stats.shortPackets());
        line(out, "Protocols (packets containing each):");
        for (Protocol protocol : Protocol.values()) {
            long packets = stats.packetsWith(protocol);
            if (packets > 0 && protocol != Protocol.ETHERTYPE) {
                line(out, "  %-14s %,12d  %5.1f%%", protocol.filterName(), packets, 100.0 * packets / stats.packets());
            }
        }
        var flows = stats.flows();
        line(out, "Conversations:  %,d%s", flows.size(),
                flows.untrackedPackets() > 0
                        ? String.format(Locale.ROOT, " (table full: %,d packets not attributed)", flows.untrackedPackets())
                        : "");
        if (flows.size() > 0) {
            line(out, "Top conversations by bytes:");
            for (Flow c : flows.flows(Flow.Order.BYTES, TOP_CONVERSATIONS)) {
                line(out, "  %-6s %s <-> %s  %,d packets  %,d bytes  %.3f s", c.protocolName(),
                        c.initiatorEnd(), c.responderEnd(), c.packets(), c.bytes(), c.durationNanos() / 1e9);
            }
        }
        double seconds = Math.max(elapsedNanos, 1) / 1e9;
        line(out, "Throughput:     %.3f s, %,.0f packets/s, %,.1f MB/s",
                seconds, packetsRead / seconds, bytesRead / seconds / 1e6);
    }

    static String instant(long epochNanos) {
        return Instant.ofEpochSecond(0, epochNanos).toString();
    }

    /** One formatted line; the reports are printed once a file is read, so a String per line is fine. */
    static void line(LineOutput out, String format, Object... args) throws IOException {
        out.writeLine(new StringBuilder(String.format(Locale.ROOT, format, args)));
    }
}
