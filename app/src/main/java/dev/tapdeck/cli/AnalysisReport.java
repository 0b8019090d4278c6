package dev.tapdeck.cli;

import dev.tapdeck.analysis.Alert;
import dev.tapdeck.analysis.AlertJson;
import dev.tapdeck.analysis.Analyzer;
import dev.tapdeck.analysis.Flow;
import dev.tapdeck.analysis.ProgramTraffic;
import dev.tapdeck.analysis.ProtocolHierarchy;
import dev.tapdeck.analysis.TopTalker;
import dev.tapdeck.analysis.process.ProcessComment;
import dev.tapdeck.analysis.process.ProcessJson;
import dev.tapdeck.decode.JsonLinesFormat;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import static dev.tapdeck.cli.StatisticsReport.instant;
import static dev.tapdeck.cli.StatisticsReport.line;

/**
 * What {@code tapdeck analyze} prints once the file is read: a text summary, or JSON Lines
 * with one object per flow and per alert and a closing summary.
 *
 * @param filter     the display filter that chose the packets analysed; empty for all of them
 * @param packetsRead packets read from the file, the filter's or not
 * @param alerts     every alert raised, oldest first
 * @param firstNanos packet time of the earliest timestamped packet; above {@code lastNanos} when none had one
 * @param damage     what was wrong with the file when it was cut short or damaged, else null
 */
record AnalysisReport(String file, String format, String filter, long packetsRead, Analyzer analyzer, List<Alert> alerts,
                      long firstNanos, long lastNanos, String damage, long elapsedNanos) {
    /** Ports and frame numbers an alert lists in text before saying how many there are in all. */
    private static final int LISTED = 20;

    private boolean hasTimeSpan() { return firstNanos <= lastNanos; }

    void printText(LineOutput out, int top) throws IOException {
        Analyzer.Summary summary = analyzer.summary();
        line(out, "File:           %s (%s)", file, format.isEmpty() ? "unknown format" : format);
        if (!filter.isBlank()) {
            line(out, "Display filter: %s (%,d of %,d packets match)", filter, summary.packets(), packetsRead);
        }
        line(out, "Packets:        %,d", summary.packets());
        line(out, "Bytes:          %,d on the wire", summary.bytes());
        if (hasTimeSpan()) {
            line(out, "Time span:      %s to %s (%.6f s)", instant(firstNanos), instant(lastNanos), (lastNanos - firstNanos) / 1e9);
        } else {
            line(out, "Time span:      no timestamps");
        }
        line(out, "Flows:          %,d started, %,d expired (idle), %,d held at the end; %,d packets untracked (table full)",
                summary.flowsStarted(), summary.flowsExpired(), summary.flows(), summary.untrackedPackets());
        List<Flow> flows = analyzer.flows(Flow.Order.BYTES, top);
        if (!flows.isEmpty()) {
            line(out, "Top flows by bytes (initiator → responder; sent → and answered ←):");
            for (Flow f : flows) {
                line(out, "  %-6s %s → %s  %s%.3f s  → %,d packets %,d bytes  ← %,d packets %,d bytes%s",
                        f.protocolName(), f.initiatorEnd(), f.responderEnd(),
                        f.tcpState() == Flow.TcpState.NONE ? "" : f.tcpState() + "  ", f.durationNanos() / 1e9,
                        f.initiatorPackets(), f.initiatorBytes(), f.responderPackets(), f.responderBytes(),
                        f.process().map(p -> "  " + ProcessComment.format(p)).orElse(""));
            }
        }
        List<ProgramTraffic> programs = analyzer.programs(top);
        if (!programs.isEmpty()) {
            line(out, "Top programs by bytes:");
            for (ProgramTraffic p : programs) {
                line(out, "  %-24s %,d flows, %,d packets, %,d bytes", ProcessComment.format(p.process()), p.flows(), p.packets(), p.bytes());
            }
        }
        List<TopTalker> talkers = analyzer.topTalkers(top);
        if (!talkers.isEmpty()) {
            line(out, "Top talkers by bytes:");
            for (TopTalker t : talkers) {
                line(out, "  %-15s  sent %,d packets %,d bytes, received %,d packets %,d bytes, %,d flows",
                        t.host(), t.packetsSent(), t.bytesSent(), t.packetsReceived(), t.bytesReceived(), t.flows());
            }
        }
        line(out, "Protocol hierarchy (packets, %% of packets, bytes, %% of bytes):");
        for (ProtocolHierarchy.Node node : analyzer.protocolHierarchy()) {
            line(out, "  %-28s %,12d %5.1f%% %,16d %5.1f%%", "  ".repeat(node.depth() - 1) + node.protocol().filterName(),
                    node.packets(), percent(node.packets(), summary.packets()),
                    node.bytes(), percent(node.bytes(), summary.bytes()));
        }
        if (alerts.isEmpty()) {
            line(out, "No alerts.");
        } else {
            line(out, "Alerts:         %,d", alerts.size());
        }
        for (Alert alert : alerts) {
            line(out, "  %s  %s  %s  %s", alert.time(), alert.detector(), alert.severity(), alert.message());
            line(out, "      numbers: %s", alert.numbers().entrySet().stream()
                    .map(e -> e.getKey() + "=" + textNumber(e.getValue())).collect(Collectors.joining(", ")));
            if (!alert.hosts().isEmpty()) {
                line(out, "      hosts:   %s", listed(alert.hosts()));
            }
            if (!alert.ports().isEmpty()) {
                line(out, "      ports:   %s", listed(alert.ports()));
            }
            if (!alert.packets().isEmpty()) {
                line(out, "      packets: %s", listed(alert.packets()));
            }
        }
        double seconds = Math.max(elapsedNanos, 1) / 1e9;
        line(out, "Analysed in:    %.3f s, %,.0f packets/s", seconds, summary.packets() / seconds);
    }

    void printJson(LineOutput out) throws IOException {
        StringBuilder line = new StringBuilder(512);
        for (Flow f : analyzer.flows(Flow.Order.BYTES, Integer.MAX_VALUE)) {
            line.setLength(0);
            line.append("{\"type\":\"flow\",\"id\":").append(f.id())
                    .append(",\"protocol\":\"").append(f.protocolName().toLowerCase(Locale.ROOT))
                    .append("\",\"ip.proto\":").append(f.ipProtocol());
            if (f.vlan() != 0) {
                line.append(",\"vlan.id\":").append(f.vlan());
            }
            boolean ports = f.ipProtocol() == 6 || f.ipProtocol() == 17;
            end(line, "initiator", f.initiatorHost(), ports, f.initiatorPort());
            end(line, "responder", f.responderHost(), ports, f.responderPort());
            line.append(",\"initiator_packets\":").append(f.initiatorPackets())
                    .append(",\"initiator_bytes\":").append(f.initiatorBytes())
                    .append(",\"responder_packets\":").append(f.responderPackets())
                    .append(",\"responder_bytes\":").append(f.responderBytes())
                    .append(",\"packets\":").append(f.packets())
                    .append(",\"bytes\":").append(f.bytes());
            timeSpan(line, f.firstSeenNanos(), f.lastSeenNanos());
            if (f.tcpState() != Flow.TcpState.NONE) {
                line.append(",\"tcp_state\":\"").append(f.tcpState().name().toLowerCase(Locale.ROOT)).append('"');
            }
            ProcessJson.appendMember(f.owner(), true, line);
            out.writeLine(line.append('}'));
        }
        for (ProgramTraffic p : analyzer.programs(Integer.MAX_VALUE)) {
            line.setLength(0);
            line.append("{\"type\":\"process\"");
            ProcessJson.appendMember(p.process(), true, line);
            line.append(",\"flows\":").append(p.flows()).append(",\"packets\":").append(p.packets())
                    .append(",\"bytes\":").append(p.bytes());
            out.writeLine(line.append('}'));
        }
        for (Alert alert : alerts) {
            line.setLength(0);
            out.writeLine(AlertJson.append(alert, "alert", line));
        }
        Analyzer.Summary summary = analyzer.summary();
        line.setLength(0);
        line.append("{\"type\":\"summary\",\"file\":");
        JsonLinesFormat.appendString(file, line);
        line.append(",\"format\":");
        JsonLinesFormat.appendString(format, line);
        if (!filter.isBlank()) {
            line.append(",\"display_filter\":");
            JsonLinesFormat.appendString(filter, line);
            line.append(",\"packets_read\":").append(packetsRead);
        }
        line.append(",\"packets\":").append(summary.packets()).append(",\"bytes\":").append(summary.bytes());
        if (hasTimeSpan()) {
            timeSpan(line, firstNanos, lastNanos);
        }
        line.append(",\"flows_started\":").append(summary.flowsStarted())
                .append(",\"flows_expired\":").append(summary.flowsExpired())
                .append(",\"flows\":").append(summary.flows())
                .append(",\"untracked_packets\":").append(summary.untrackedPackets())
                .append(",\"alerts\":").append(alerts.size());
        if (damage != null) {
            line.append(",\"error\":");
            JsonLinesFormat.appendString(damage, line);
        }
        out.writeLine(line.append('}'));
    }

    private static double percent(long part, long whole) {
        return whole == 0 ? 0 : 100.0 * part / whole;
    }

    /** The first {@value #LISTED} items, and how many there are when there are more. */
    private static String listed(List<?> items) {
        String shown = items.stream().limit(LISTED).map(String::valueOf).collect(Collectors.joining(", "));
        return items.size() > LISTED ? shown + ", … (" + items.size() + " in all)" : shown;
    }

    /** Whole numbers without a fraction, others to four significant digits. */
    private static String textNumber(double value) {
        if (isWhole(value)) {
            return Long.toString((long) value);
        }
        return Double.isFinite(value) ? new BigDecimal(value).round(new MathContext(4)).stripTrailingZeros().toPlainString()
                : Double.toString(value);
    }

    private static boolean isWhole(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15;
    }

    private static void end(StringBuilder line, String name, String host, boolean withPort, int port) {
        line.append(",\"").append(name).append("\":\"").append(host).append('"');
        if (withPort) {
            line.append(",\"").append(name).append("_port\":").append(port);
        }
    }

    /** ISO-8601 first and last times and the duration in seconds, exact to the nanosecond. */
    private static void timeSpan(StringBuilder line, long firstNanos, long lastNanos) {
        line.append(",\"first_seen\":\"").append(instant(firstNanos))
                .append("\",\"last_seen\":\"").append(instant(lastNanos))
                .append("\",\"duration\":").append(BigDecimal.valueOf(lastNanos - firstNanos, 9).stripTrailingZeros().toPlainString());
    }
}
