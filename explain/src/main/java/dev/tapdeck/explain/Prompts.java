package dev.tapdeck.explain;

import dev.tapdeck.analysis.Alert;
import dev.tapdeck.decode.Dissection;
import dev.tapdeck.decode.PacketDecoder;
import dev.tapdeck.decode.detail.DetailNode;
import dev.tapdeck.decode.detail.PacketDetails;
import dev.tapdeck.file.PacketRecord;

import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * What a model is told: the decoded fields (payload bytes only when allowed) and Tapdeck's own
 * analysis, which the model may rephrase and extend but should not contradict.
 */
final class Prompts {
    /** Most payload bytes a prompt carries when payload may be sent. */
    static final int MAX_PAYLOAD = 2_048;

    static final String SYSTEM = """
            You are a network analyst inside Tapdeck, a packet capture tool. Explain the packet or alert \
            you are given to an engineer in plain language: what it is, its role in its conversation, and \
            anything unusual. Answer in markdown: a title line, then short sections. Rely on the decoded \
            fields and on Tapdeck's own analysis; do not invent fields or values that are not given.""";

    /** Nodes whose values are payload, not header: application data and HTTP header lines (cookies, credentials). */
    private static final Set<String> PAYLOAD_PROTOCOLS = Set.of("data", "http", "ssdp");

    private Prompts() {
    }

    static String packet(long frameNumber, PacketRecord record, String offlineText, boolean sendPayload) {
        StringBuilder text = new StringBuilder("Explain packet ").append(frameNumber).append(" of a capture.\n\n")
                .append("## Decoded fields (Wireshark field names in brackets)\n\n");
        for (DetailNode node : PacketDetails.describe(frameNumber, record)) {
            appendNode(node, 0, sendPayload, text);
        }
        if (sendPayload) {
            appendPayload(new PacketDecoder().decode(record), text);
        } else {
            text.append("\n(Payload bytes are withheld by configuration: only headers are shown.)\n");
        }
        return text.append("\n## Tapdeck's own analysis (from its decoding and the packets around this one)\n\n").append(offlineText).toString();
    }

    static String alert(Alert alert, String offlineText) {
        StringBuilder text = new StringBuilder("Explain this alert of Tapdeck's anomaly detection.\n\n## Alert\n\n")
                .append("- detector: ").append(alert.detector()).append('\n')
                .append("- severity: ").append(alert.severity()).append('\n')
                .append("- time: ").append(alert.time()).append('\n')
                .append("- message: ").append(alert.message()).append('\n');
        alert.numbers().forEach((name, value) -> text.append("- ").append(name).append(": ").append(AlertDescription.number(value)).append('\n'));
        text.append("- hosts: ").append(String.join(", ", alert.hosts())).append('\n')
                .append("- ports: ").append(alert.ports()).append('\n')
                .append("- packets behind it: ").append(alert.packets().size()).append('\n');
        return text.append("\n## Tapdeck's own analysis\n\n").append(offlineText).toString();
    }

    private static void appendNode(DetailNode node, int depth, boolean sendPayload, StringBuilder text) {
        if (node.hidden()) {
            return; // there for display filters, and shown by no tree
        }
        text.append("  ".repeat(depth)).append("- ").append(node.label());
        if (!node.name().isEmpty()) {
            text.append(" [").append(node.name()).append(']');
        }
        text.append('\n');
        List<DetailNode> children = node.children();
        if (!sendPayload && depth == 0 && PAYLOAD_PROTOCOLS.contains(node.name())) {
            // The start line of an HTTP message says what it is; the header lines that follow may carry secrets.
            children = node.name().equals("data") || children.isEmpty() ? List.of() : children.subList(0, 1);
        }
        for (DetailNode child : children) {
            appendNode(child, depth + 1, sendPayload, text);
        }
    }

    /** The transport payload in hex, at most {@value #MAX_PAYLOAD} bytes. */
    private static void appendPayload(Dissection d, StringBuilder text) {
        int start = d.tcp.present() ? d.tcp.offset() + d.tcp.headerLength() : d.udp.present() ? d.udp.offset() + 8 : -1;
        if (start < 0 || start >= d.capturedLength()) {
            return;
        }
        int length = Math.min(MAX_PAYLOAD, d.capturedLength() - start);
        text.append("\n## Payload (hex, ").append(length).append(" of ").append(d.capturedLength() - start).append(" captured bytes)\n\n")
                .append(HexFormat.of().formatHex(d.bytes(), start, start + length)).append('\n');
    }
}
