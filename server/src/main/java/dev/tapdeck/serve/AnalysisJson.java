package dev.tapdeck.serve;

import dev.tapdeck.analysis.Alert;
import dev.tapdeck.analysis.AlertJson;
import dev.tapdeck.analysis.Analyzer;
import dev.tapdeck.analysis.Flow;
import dev.tapdeck.analysis.ProtocolHierarchy;
import dev.tapdeck.analysis.TopTalker;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** The analysis as the API and the stream show it: alerts, flows, the protocol hierarchy. */
final class AnalysisJson {
    private static final double NANOS = 1e9;

    private AnalysisJson() {}

    /** The stream's message for an alert: the alert's fields with {@code "type":"alert"}. */
    static String alertMessage(Alert alert) {
        return AlertJson.append(alert, "alert", new StringBuilder(256)).toString();
    }

    /** The alerts as one JSON array. */
    static String alerts(List<Alert> alerts) {
        StringBuilder json = new StringBuilder(256 * alerts.size() + 2).append('[');
        for (Alert alert : alerts) {
            AlertJson.append(alert, null, json.length() > 1 ? json.append(',') : json);
        }
        return json.append(']').toString();
    }

    static Map<String, Object> flow(Flow flow) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", flow.id());
        json.put("protocol", flow.protocolName());
        json.put("vlan", flow.vlan());
        json.put("initiator", flow.initiatorHost());
        json.put("initiatorPort", flow.initiatorPort());
        json.put("responder", flow.responderHost());
        json.put("responderPort", flow.responderPort());
        json.put("initiatorPackets", flow.initiatorPackets());
        json.put("initiatorBytes", flow.initiatorBytes());
        json.put("responderPackets", flow.responderPackets());
        json.put("responderBytes", flow.responderBytes());
        json.put("packets", flow.packets());
        json.put("bytes", flow.bytes());
        json.put("firstSeen", flow.firstSeenNanos() / NANOS);
        json.put("lastSeen", flow.lastSeenNanos() / NANOS);
        json.put("duration", flow.durationNanos() / NANOS);
        json.put("tcpState", flow.tcpState().name());
        flow.process().ifPresent(process -> json.put("process", ProgramsJson.whole(process)));
        return json;
    }

    /**
     * A page of the flows held now, with the table's counters; with {@code wanted}, of those it
     * picks, whose number is then {@code matched}.
     */
    static Map<String, Object> flows(Analyzer analyzer, Flow.Order order, int offset, int limit, Predicate<Flow> wanted) {
        Analyzer.Summary summary = analyzer.summary();
        List<Flow> flows;
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("total", summary.flows());
        if (wanted == null) {
            flows = analyzer.flows(order, offset + limit);
        } else {
            List<Flow> picked = analyzer.flows(order, Integer.MAX_VALUE).stream().filter(wanted).toList();
            json.put("matched", picked.size());
            flows = picked.subList(0, Math.min(picked.size(), offset + limit));
        }
        json.put("started", summary.flowsStarted());
        json.put("expired", summary.flowsExpired());
        json.put("untracked", summary.untrackedPackets());
        json.put("attributed", summary.attributedFlows());
        json.put("unattributed", summary.unattributedFlows());
        json.put("flows", flows.subList(Math.min(offset, flows.size()), flows.size()).stream().map(AnalysisJson::flow).toList());
        return json;
    }

    /** The protocol hierarchy, as Wireshark's Statistics ▸ Protocol Hierarchy, and the top talkers. */
    static Map<String, Object> protocols(Analyzer analyzer, int talkers) {
        Analyzer.Summary summary = analyzer.summary();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("packets", summary.packets());
        json.put("bytes", summary.bytes());
        json.put("protocols", analyzer.protocolHierarchy().stream().map(AnalysisJson::protocol).toList());
        json.put("topTalkers", analyzer.topTalkers(talkers).stream().map(AnalysisJson::talker).toList());
        return json;
    }

    private static Map<String, Object> protocol(ProtocolHierarchy.Node node) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("path", node.path());
        json.put("protocol", node.path().substring(node.path().lastIndexOf(':') + 1));
        json.put("depth", node.depth());
        json.put("packets", node.packets());
        json.put("bytes", node.bytes());
        return json;
    }

    private static Map<String, Object> talker(TopTalker talker) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("address", talker.host());
        json.put("packetsSent", talker.packetsSent());
        json.put("bytesSent", talker.bytesSent());
        json.put("packetsReceived", talker.packetsReceived());
        json.put("bytesReceived", talker.bytesReceived());
        json.put("flows", talker.flows());
        return json;
    }
}
