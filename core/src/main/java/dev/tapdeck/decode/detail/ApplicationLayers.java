package dev.tapdeck.decode.detail;

import dev.tapdeck.decode.DnsMessage;
import dev.tapdeck.decode.HttpStartLine;
import dev.tapdeck.decode.PacketSummary;
import dev.tapdeck.decode.Protocol;
import dev.tapdeck.decode.TlsClientHello;

import java.util.List;
import java.util.Locale;

import static dev.tapdeck.decode.detail.LinkLayers.hex4;

/** Detail nodes of the application layer: DNS header and questions, a TLS ClientHello's SNI, HTTP's start line and headers, data. */
final class ApplicationLayers {
    private ApplicationLayers() {
    }

    /**
     * DNS (RFC 1035 §4.1): header, flags and each question. Over TCP the message follows a
     * two-byte length (§4.2.2), which Wireshark shows as {@code dns.length}.
     */
    static void dns(DnsMessage dns, Protocol protocol, boolean overTcp, PacketBytes bytes, int at, int payloadEnd, List<NodeBuilder> layers) {
        String title = switch (protocol) {
            case MDNS -> "Multicast Domain Name System";
            case LLMNR -> "Link-local Multicast Name Resolution";
            default -> "Domain Name System";
        };
        String prefix = "dns";
        NodeBuilder node = NodeBuilder.protocol(bytes, protocol.filterName(), title + " (" + (dns.isResponse() ? "response" : "query") + ")",
                at, payloadEnd - at);
        layers.add(node);
        if (overTcp) {
            node.field(prefix + ".length", "Length", bytes.u16(at), at, 2);
        }
        int message = dns.offset();
        String id = hex4(dns.id());
        node.field(prefix + ".id", "Transaction ID", id, message, 2);
        int flags = dns.flags();
        String flagsValue = hex4(flags);
        NodeBuilder flagsNode = node.labelledField(prefix + ".flags", "Flags: " + flagsValue + " " + (dns.opcode() == 0 ? "Standard query" : "Opcode " + dns.opcode())
                + (dns.isResponse() ? " response" : ""), flagsValue, message + 2, 2);
        flagsNode.bitField(prefix + ".flags.response", "Response", dns.isResponse() ? "Message is a response" : "Message is a query",
                dns.isResponse() ? "1" : "0", flags, 0x8000, 16, message + 2, 2);
        flagsNode.bitField(prefix + ".flags.opcode", "Opcode", String.valueOf(dns.opcode()), String.valueOf(dns.opcode()), flags, 0x7800, 16, message + 2, 2);
        if (dns.isResponse()) {
            flagsNode.flag(prefix + ".flags.authoritative", "Authoritative", flags, 0x0400, 16, message + 2, 2);
        }
        flagsNode.flag(prefix + ".flags.truncated", "Truncated", flags, 0x0200, 16, message + 2, 2);
        flagsNode.flag(prefix + ".flags.recdesired", "Recursion desired", flags, 0x0100, 16, message + 2, 2);
        if (dns.isResponse()) {
            flagsNode.flag(prefix + ".flags.recavail", "Recursion available", flags, 0x0080, 16, message + 2, 2);
        }
        flagsNode.flag(prefix + ".flags.z", "Z", flags, 0x0040, 16, message + 2, 2);
        if (dns.isResponse()) {
            flagsNode.flag(prefix + ".flags.authenticated", "Answer authenticated", flags, 0x0020, 16, message + 2, 2);
        }
        flagsNode.flag(prefix + ".flags.checkdisable", "Non-authenticated data", flags, 0x0010, 16, message + 2, 2);
        if (dns.isResponse()) {
            String rcode = String.valueOf(dns.responseCode());
            flagsNode.bitField(prefix + ".flags.rcode", "Reply code", rcode, rcode, flags, 0x000f, 16, message + 2, 2);
        }
        node.field(prefix + ".count.queries", "Questions", dns.questionCount(), message + 4, 2);
        node.field(prefix + ".count.answers", "Answer RRs", dns.answerCount(), message + 6, 2);
        node.field(prefix + ".count.auth_rr", "Authority RRs", dns.authorityCount(), message + 8, 2);
        node.field(prefix + ".count.add_rr", "Additional RRs", dns.additionalCount(), message + 10, 2);
        if (dns.questionsDecoded() == 0) {
            return;
        }
        int first = dns.questionOffset(0);
        int last = dns.questionOffset(dns.questionsDecoded() - 1) + dns.questionNameLength(dns.questionsDecoded() - 1) + 4;
        NodeBuilder queries = node.text("Queries", first, last - first);
        for (int i = 0; i < dns.questionsDecoded(); i++) {
            StringBuilder name = new StringBuilder();
            dns.appendQuestionName(i, name);
            int nameAt = dns.questionOffset(i);
            int nameLength = dns.questionNameLength(i);
            int type = dns.questionType(i);
            int questionClass = bytes.u16(nameAt + nameLength + 2);
            String typeName = PacketSummary.recordTypeName(type);
            NodeBuilder question = queries.text(name + ": type " + typeName + ", class " + className(questionClass), nameAt, nameLength + 4);
            question.field(prefix + ".qry.name", "Name", name, nameAt, nameLength);
            question.labelledField(prefix + ".qry.type", "Type: " + typeName + " (" + type + ")", String.valueOf(type), nameAt + nameLength, 2);
            String classValue = hex4(questionClass);
            question.labelledField(prefix + ".qry.class", "Class: " + className(questionClass) + " (" + classValue + ")", classValue, nameAt + nameLength + 2, 2);
        }
    }

    /** RFC 1035 §3.2.4; mDNS's unicast-response bit (RFC 6762 §5.4) shows as a class Wireshark does not name. */
    private static String className(int questionClass) {
        return switch (questionClass) {
            case 1 -> "IN";
            case 3 -> "CH";
            case 4 -> "HS";
            case 255 -> "ANY";
            default -> "Unknown";
        };
    }

    /** The first TLS record (RFC 8446 §5.1) and, for a ClientHello (§4.1.2), its server_name (RFC 6066 §3). */
    static void tls(TlsClientHello tls, PacketBytes bytes, int at, int payloadEnd, List<NodeBuilder> layers) {
        int recordEnd = Math.min(payloadEnd, at + 5 + tls.recordLength());
        NodeBuilder node = NodeBuilder.protocol(bytes, "tls", "Transport Layer Security", at, payloadEnd - at);
        layers.add(node);
        String content = switch (tls.contentType()) {
            case TlsClientHello.CONTENT_CHANGE_CIPHER_SPEC -> "Change Cipher Spec";
            case TlsClientHello.CONTENT_ALERT -> "Alert";
            case TlsClientHello.CONTENT_HANDSHAKE -> "Handshake";
            case TlsClientHello.CONTENT_APPLICATION_DATA -> "Application Data";
            default -> "Heartbeat";
        };
        String hello = tls.handshakeType() == 1 ? ": Client Hello" : "";
        NodeBuilder record = node.labelledField("tls.record", versionName(tls.recordVersion()) + " Record Layer: " + content + " Protocol" + hello,
                null, at, Math.min(recordEnd, bytes.captured()) - at);
        record.labelledField("tls.record.content_type", "Content Type: " + content + " (" + tls.contentType() + ")", String.valueOf(tls.contentType()), at, 1);
        String version = hex4(tls.recordVersion());
        record.labelledField("tls.record.version", "Version: " + versionName(tls.recordVersion()) + " (" + version + ")", version, at + 1, 2);
        record.field("tls.record.length", "Length", tls.recordLength(), at + 3, 2);
        if (tls.handshakeType() < 0) {
            return;
        }
        int handshakeAt = at + 5;
        int handshakeLength = bytes.u24(handshakeAt + 1);
        NodeBuilder handshake = record.labelledField("tls.handshake", "Handshake Protocol: " + (tls.handshakeType() == 1 ? "Client Hello" : "type " + tls.handshakeType()),
                null, handshakeAt, Math.min(Math.min(recordEnd, bytes.captured()), handshakeAt + 4 + handshakeLength) - handshakeAt);
        handshake.labelledField("tls.handshake.type", "Handshake Type: " + (tls.handshakeType() == 1 ? "Client Hello" : "Unknown") + " (" + tls.handshakeType() + ")",
                String.valueOf(tls.handshakeType()), handshakeAt, 1);
        handshake.field("tls.handshake.length", "Length", handshakeLength, handshakeAt + 1, 3);
        if (tls.handshakeType() != 1) {
            return;
        }
        int clientVersion = bytes.u16(handshakeAt + 4);
        handshake.labelledField("tls.handshake.version", "Version: " + versionName(clientVersion) + " (" + hex4(clientVersion) + ")", hex4(clientVersion), handshakeAt + 4, 2);
        if (tls.hasServerName()) {
            // server_name extension: type, length, list length, name type, name length, then the name.
            int nameAt = tls.serverNameOffset();
            int extensionAt = nameAt - 9;
            int extensionLength = bytes.u16(extensionAt + 2);
            NodeBuilder extension = handshake.text("Extension: server_name (len=" + extensionLength + ")", extensionAt, 4 + extensionLength);
            extension.labelledField("tls.handshake.extension.type", "Type: server_name (0)", "0", extensionAt, 2);
            extension.field("tls.handshake.extension.len", "Length", extensionLength, extensionAt + 2, 2);
            StringBuilder name = new StringBuilder();
            tls.appendServerName(name);
            extension.field("tls.handshake.extensions_server_name", "Server Name", name, nameAt, tls.serverNameLength());
        }
    }

    private static String versionName(int version) {
        return switch (version) {
            case 0x0300 -> "SSL 3.0";
            case 0x0301 -> "TLS 1.0";
            case 0x0302 -> "TLS 1.1";
            case 0x0303 -> "TLS 1.2";
            case 0x0304 -> "TLS 1.3";
            default -> "Unknown";
        };
    }

    /**
     * HTTP/1.x (RFC 9112): the start line's parts, then every header line up to the blank line,
     * named as Wireshark names the common ones.
     */
    static void http(HttpStartLine http, Protocol protocol, PacketBytes bytes, int at, int payloadEnd, List<NodeBuilder> layers) {
        int limit = Math.min(payloadEnd, bytes.captured());
        int headerEnd = headerEnd(bytes, at, limit);
        NodeBuilder node = NodeBuilder.protocol(bytes, protocol.filterName(),
                protocol == Protocol.SSDP ? "Simple Service Discovery Protocol" : "Hypertext Transfer Protocol", at, headerEnd - at);
        layers.add(node);
        int lineEnd = http.lineEnd();
        int next = nextLine(bytes, lineEnd, limit);
        NodeBuilder startLine = node.text(bytes.ascii(at, lineEnd - at) + "\\r\\n", at, next - at);
        if (http.isRequest()) {
            startLine.field("http.request.method", "Request Method", bytes.ascii(at, http.methodLength()), at, http.methodLength());
            startLine.field("http.request.uri", "Request URI", bytes.ascii(http.uriOffset(), http.uriLength()), http.uriOffset(), http.uriLength());
            int versionAt = http.uriOffset() + http.uriLength() + 1;
            if (versionAt < lineEnd) {
                startLine.field("http.request.version", "Request Version", bytes.ascii(versionAt, lineEnd - versionAt), versionAt, lineEnd - versionAt);
            }
        } else {
            startLine.field("http.response.version", "Response Version", bytes.ascii(at, 8), at, 8);
            startLine.field("http.response.code", "Status Code", http.statusCode(), at + 9, 3);
            if (at + 13 <= lineEnd) {
                startLine.field("http.response.phrase", "Response Phrase", bytes.ascii(at + 13, lineEnd - at - 13), at + 13, lineEnd - at - 13);
            }
        }
        String otherLine = http.isRequest() ? "http.request.line" : "http.response.line";
        int line = next;
        while (line < headerEnd) {
            int end = line;
            while (end < limit && bytes.u8(end) != '\r' && bytes.u8(end) != '\n') {
                end++;
            }
            int following = nextLine(bytes, end, limit);
            if (end == line) {
                node.text("\\r\\n", line, following - line);
                break;
            }
            String text = bytes.ascii(line, end - line);
            int colon = text.indexOf(':');
            String name = colon < 0 ? null : HEADER_FIELDS.get(text.substring(0, colon).toLowerCase(Locale.ROOT));
            String value = colon < 0 ? text : text.substring(colon + 1).strip();
            node.labelledField(name == null ? otherLine : name, text + "\\r\\n", value, line, following - line);
            line = following;
        }
    }

    /** Headers Wireshark gives a field of their own; others show as {@code http.request.line}. */
    private static final java.util.Map<String, String> HEADER_FIELDS = java.util.Map.ofEntries(
            java.util.Map.entry("host", "http.host"),
            java.util.Map.entry("user-agent", "http.user_agent"),
            java.util.Map.entry("accept", "http.accept"),
            java.util.Map.entry("accept-language", "http.accept_language"),
            java.util.Map.entry("accept-encoding", "http.accept_encoding"),
            java.util.Map.entry("connection", "http.connection"),
            java.util.Map.entry("referer", "http.referer"),
            java.util.Map.entry("cookie", "http.cookie"),
            java.util.Map.entry("set-cookie", "http.set_cookie"),
            java.util.Map.entry("server", "http.server"),
            java.util.Map.entry("date", "http.date"),
            java.util.Map.entry("location", "http.location"),
            java.util.Map.entry("content-type", "http.content_type"),
            java.util.Map.entry("content-length", "http.content_length_header"),
            java.util.Map.entry("content-encoding", "http.content_encoding"),
            java.util.Map.entry("transfer-encoding", "http.transfer_encoding"),
            java.util.Map.entry("cache-control", "http.cache_control"),
            java.util.Map.entry("last-modified", "http.last_modified"),
            java.util.Map.entry("authorization", "http.authorization"));

    /** Offset after the line end at {@code from} (CRLF or LF), or {@code limit}. */
    private static int nextLine(PacketBytes bytes, int from, int limit) {
        int p = from;
        if (p < limit && bytes.u8(p) == '\r') {
            p++;
        }
        if (p < limit && bytes.u8(p) == '\n') {
            p++;
        }
        return p;
    }

    /** Offset after the blank line that ends the header, or {@code limit} when the bytes end first. */
    private static int headerEnd(PacketBytes bytes, int at, int limit) {
        int line = at;
        while (line < limit) {
            int end = line;
            while (end < limit && bytes.u8(end) != '\r' && bytes.u8(end) != '\n') {
                end++;
            }
            int next = nextLine(bytes, end, limit);
            if (end == line || next == end) {
                return next;
            }
            line = next;
        }
        return limit;
    }

    static void data(PacketBytes bytes, int at, int payloadEnd, List<NodeBuilder> layers) {
        int length = Math.max(0, payloadEnd - at);
        NodeBuilder data = NodeBuilder.protocol(bytes, "data", "Data (" + length + " bytes)", at, length);
        layers.add(data);
        int captured = Math.min(length, bytes.captured() - at);
        if (captured > 0) {
            data.labelledField("data.data", "Data: " + bytes.hex(at, captured), bytes.colonHex(at, captured), at, captured);
        }
        data.generated("data.len", "Length", length);
    }
}
