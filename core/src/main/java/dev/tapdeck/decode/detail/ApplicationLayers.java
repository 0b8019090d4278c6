package dev.tapdeck.decode.detail;

import dev.tapdeck.decode.DnsMessage;
import dev.tapdeck.decode.HttpStartLine;
import dev.tapdeck.decode.Protocol;
import dev.tapdeck.decode.TlsClientHello;
import dev.tapdeck.decode.field.ApplicationFields;
import dev.tapdeck.decode.field.FieldDef;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.tapdeck.decode.field.ApplicationFields.DATA_DATA;
import static dev.tapdeck.decode.field.ApplicationFields.DATA_LEN;
import static dev.tapdeck.decode.field.ApplicationFields.DATA_PROTO;
import static dev.tapdeck.decode.field.ApplicationFields.HTTP_CHAT;
import static dev.tapdeck.decode.field.ApplicationFields.HTTP_CONTENT_LENGTH;
import static dev.tapdeck.decode.field.ApplicationFields.HTTP_CONTENT_LENGTH_HEADER;
import static dev.tapdeck.decode.field.ApplicationFields.HTTP_REQUEST;
import static dev.tapdeck.decode.field.ApplicationFields.HTTP_REQUEST_LINE;
import static dev.tapdeck.decode.field.ApplicationFields.HTTP_REQUEST_METHOD;
import static dev.tapdeck.decode.field.ApplicationFields.HTTP_REQUEST_URI;
import static dev.tapdeck.decode.field.ApplicationFields.HTTP_REQUEST_VERSION;
import static dev.tapdeck.decode.field.ApplicationFields.HTTP_RESPONSE;
import static dev.tapdeck.decode.field.ApplicationFields.HTTP_RESPONSE_CODE;
import static dev.tapdeck.decode.field.ApplicationFields.HTTP_RESPONSE_LINE;
import static dev.tapdeck.decode.field.ApplicationFields.HTTP_RESPONSE_PHRASE;
import static dev.tapdeck.decode.field.ApplicationFields.HTTP_RESPONSE_VERSION;
import static dev.tapdeck.decode.field.ApplicationFields.TLS_HANDSHAKE;
import static dev.tapdeck.decode.field.ApplicationFields.TLS_HANDSHAKE_CERTIFICATE;
import static dev.tapdeck.decode.field.ApplicationFields.TLS_HANDSHAKE_CERTIFICATES;
import static dev.tapdeck.decode.field.ApplicationFields.TLS_HANDSHAKE_CERTIFICATES_LENGTH;
import static dev.tapdeck.decode.field.ApplicationFields.TLS_HANDSHAKE_CERTIFICATE_LENGTH;
import static dev.tapdeck.decode.field.ApplicationFields.TLS_HANDSHAKE_CIPHERSUITE;
import static dev.tapdeck.decode.field.ApplicationFields.TLS_HANDSHAKE_EXTENSIONS_ALPN_STR;
import static dev.tapdeck.decode.field.ApplicationFields.TLS_HANDSHAKE_JA3;
import static dev.tapdeck.decode.field.ApplicationFields.TLS_HANDSHAKE_JA3S;
import static dev.tapdeck.decode.field.ApplicationFields.TLS_HANDSHAKE_JA3S_FULL;
import static dev.tapdeck.decode.field.ApplicationFields.TLS_HANDSHAKE_JA3_FULL;
import static dev.tapdeck.decode.field.ApplicationFields.TLS_HANDSHAKE_JA4;
import static dev.tapdeck.decode.field.ApplicationFields.TLS_HANDSHAKE_EXTENSIONS_SERVER_NAME;
import static dev.tapdeck.decode.field.ApplicationFields.TLS_HANDSHAKE_EXTENSIONS_SERVER_NAME_LEN;
import static dev.tapdeck.decode.field.ApplicationFields.TLS_HANDSHAKE_EXTENSIONS_SERVER_NAME_LIST_LEN;
import static dev.tapdeck.decode.field.ApplicationFields.TLS_HANDSHAKE_EXTENSIONS_SERVER_NAME_TYPE;
import static dev.tapdeck.decode.field.ApplicationFields.TLS_HANDSHAKE_EXTENSION_LEN;
import static dev.tapdeck.decode.field.ApplicationFields.TLS_HANDSHAKE_EXTENSION_TYPE;
import static dev.tapdeck.decode.field.ApplicationFields.TLS_HANDSHAKE_LENGTH;
import static dev.tapdeck.decode.field.ApplicationFields.TLS_HANDSHAKE_TYPE;
import static dev.tapdeck.decode.field.ApplicationFields.TLS_HANDSHAKE_VERSION;
import static dev.tapdeck.decode.field.ApplicationFields.TLS_PROTO;
import static dev.tapdeck.decode.field.ApplicationFields.TLS_RECORD;
import static dev.tapdeck.decode.field.ApplicationFields.TLS_RECORD_CONTENT_TYPE;
import static dev.tapdeck.decode.field.ApplicationFields.TLS_RECORD_LENGTH;
import static dev.tapdeck.decode.field.ApplicationFields.TLS_RECORD_VERSION;

/** Detail nodes of the application layer (DNS has {@link DnsLayer}): a TLS ClientHello's SNI, HTTP's start line and headers, data. */
final class ApplicationLayers {
    private ApplicationLayers() {
    }

    /**
     * TLS records (RFC 8446 §5.1), each one the segment holds whole: its header and, for a
     * handshake record, each handshake message's type and length (§4), with a ClientHello's
     * version and extensions (§4.1.2) and its server_name (RFC 6066 §3), and a Certificate's list. A handshake record
     * that cannot be one in the clear, after a ChangeCipherSpec or with an unknown type, shows
     * as Wireshark shows it without the keys: an encrypted handshake message.
     */
    static void tls(TlsClientHello tls, PacketBytes bytes, int at, int payloadEnd, List<NodeBuilder> layers) {
        NodeBuilder node = NodeBuilder.protocol(bytes, TLS_PROTO, at, payloadEnd - at);
        layers.add(node);
        boolean encrypted = false;
        for (int p = at; p + 5 <= Math.min(payloadEnd, bytes.captured()); ) {
            int type = bytes.u8(p);
            int length = bytes.u16(p + 3);
            if (p > at && (type < 20 || type > 25 || p + 5 + length > payloadEnd)) {
                break; // not a record, or one that runs past the segment: Wireshark leaves it for reassembly
            }
            record(tls, node, bytes, p, Math.min(payloadEnd, p + 5 + length), encrypted);
            encrypted |= type == TlsClientHello.CONTENT_CHANGE_CIPHER_SPEC;
            p += 5 + length;
        }
    }

    private static void record(TlsClientHello tls, NodeBuilder node, PacketBytes bytes, int at, int recordEnd, boolean encrypted) {
        int type = bytes.u8(at);
        int version = bytes.u16(at + 1);
        String content = nameOr(TLS_RECORD_CONTENT_TYPE, type, "Unknown");
        boolean handshake = type == TlsClientHello.CONTENT_HANDSHAKE;
        String handshakeName = handshake ? handshakeName(bytes, at + 5, recordEnd, encrypted) : null;
        NodeBuilder record = node.labelledField(TLS_RECORD, versionName(version) + " Record Layer: " + content + " Protocol"
                + (handshakeName == null ? "" : ": " + handshakeName), null, at, Math.min(recordEnd, bytes.captured()) - at);
        record.number(TLS_RECORD_CONTENT_TYPE, type, at, 1);
        record.number(TLS_RECORD_VERSION, version, at + 1, 2);
        record.field(TLS_RECORD_LENGTH, bytes.u16(at + 3), at + 3, 2);
        if (handshakeName == null) {
            return;
        }
        if (handshakeName.equals(ENCRYPTED)) {
            record.labelledField(TLS_HANDSHAKE, "Handshake Protocol: " + ENCRYPTED, null, at + 5, Math.min(recordEnd, bytes.captured()) - at - 5);
            return;
        }
        for (int p = at + 5; p + 4 <= Math.min(recordEnd, bytes.captured()); ) {
            int messageType = bytes.u8(p);
            int length = bytes.u24(p + 1);
            int messageEnd = Math.min(recordEnd, p + 4 + length);
            NodeBuilder message = record.labelledField(TLS_HANDSHAKE, "Handshake Protocol: " + nameOr(TLS_HANDSHAKE_TYPE, messageType, "Unknown"),
                    null, p, Math.min(messageEnd, bytes.captured()) - p);
            // Wireshark's tree says "Handshake Type" where its field list says "Handshake Message Type".
            message.labelledField(TLS_HANDSHAKE_TYPE, "Handshake Type: " + NodeBuilder.shown(TLS_HANDSHAKE_TYPE, messageType),
                    String.valueOf(messageType), p, 1);
            message.field(TLS_HANDSHAKE_LENGTH, length, p + 1, 3);
            if (messageType == 1 || messageType == 2) {
                // A ClientHello's and a ServerHello's version.
                message.number(TLS_HANDSHAKE_VERSION, bytes.u16(p + 4), p + 4, 2);
            }
            if (messageType == 1 || messageType == 2) {
                helloExtensions(tls, message, messageType == 1, bytes, p + 4, messageEnd);
            }
            if (messageType == CERTIFICATE) {
                certificates(message, bytes, p + 4, messageEnd);
            }
            p += 4 + length;
        }
    }

    private static final String ENCRYPTED = "Encrypted Handshake Message";
    private static final int CERTIFICATE = 11;
    /** Bytes of a certificate its line shows before an ellipsis, as Wireshark cuts a long line. */
    private static final int CERTIFICATE_SHOWN = 36;

    /**
     * A TLS 1.2 Certificate message's list (RFC 5246 §7.4.2): its length, then each certificate's
     * length and DER bytes. (TLS 1.3's, with its request context, is never in the clear.)
     */
    private static void certificates(NodeBuilder message, PacketBytes bytes, int at, int end) {
        int limit = Math.min(end, bytes.captured());
        if (at + 3 > limit) {
            return;
        }
        int listLength = bytes.u24(at);
        message.field(TLS_HANDSHAKE_CERTIFICATES_LENGTH, listLength, at, 3);
        int listEnd = Math.min(limit, at + 3 + listLength);
        NodeBuilder list = message.labelledField(TLS_HANDSHAKE_CERTIFICATES, "Certificates (" + listLength + " bytes)", null, at + 3, listEnd - at - 3);
        for (int p = at + 3; p + 3 <= listEnd; ) {
            int length = bytes.u24(p);
            list.field(TLS_HANDSHAKE_CERTIFICATE_LENGTH, length, p, 3);
            int shown = Math.min(length, listEnd - p - 3);
            if (shown > 0) {
                String start = bytes.hex(p + 3, Math.min(shown, CERTIFICATE_SHOWN)) + (shown > CERTIFICATE_SHOWN ? "…" : "");
                list.labelledField(TLS_HANDSHAKE_CERTIFICATE, "Certificate: " + start, bytes.colonHex(p + 3, shown), p + 3, shown);
            }
            p += 3 + length;
        }
    }

    /**
     * What the record's line calls its handshake: the first message's type, or an encrypted
     * message when the record follows a ChangeCipherSpec, or its first message has no known
     * type or does not fit in the record.
     */
    private static String handshakeName(PacketBytes bytes, int at, int recordEnd, boolean encrypted) {
        if (encrypted || at + 4 > Math.min(recordEnd, bytes.captured())) {
            return ENCRYPTED;
        }
        String name = TLS_HANDSHAKE_TYPE.valueName(bytes.u8(at));
        return name == null || at + 4 + bytes.u24(at + 1) > recordEnd ? ENCRYPTED : name;
    }

    /**
     * A hello's extensions (RFC 8446 §4.1.2, §4.1.3): past its version, random, session ID,
     * cipher suites (a ServerHello has one) and compression methods (one), each extension's
     * type and length, and a ClientHello's server_name's parts.
     */
    private static void helloExtensions(TlsClientHello tls, NodeBuilder hello, boolean client, PacketBytes bytes, int body, int end) {
        int limit = Math.min(end, bytes.captured());
        TlsHelloFingerprint fingerprint = new TlsHelloFingerprint(bytes.u16(body));
        int p = body + 2 + 32;
        if (p + 1 > limit) {
            return;
        }
        p += 1 + bytes.u8(p);
        if (p + 2 > limit) {
            return;
        }
        if (client) {
            int suitesEnd = p + 2 + bytes.u16(p);
            for (int suite = p + 2; suite + 2 <= Math.min(suitesEnd, limit); suite += 2) {
                hello.number(TLS_HANDSHAKE_CIPHERSUITE, bytes.u16(suite), suite, 2);
                fingerprint.cipher(bytes.u16(suite));
            }
            p = suitesEnd;
        } else {
            hello.number(TLS_HANDSHAKE_CIPHERSUITE, bytes.u16(p), p, 2);
            fingerprint.cipher(bytes.u16(p));
            p += 2;
        }
        if (p + 1 > limit) {
            return;
        }
        p += client ? 1 + bytes.u8(p) : 1;
        if (p == end && p <= limit) {
            fingerprints(hello, client, fingerprint); // a hello without extensions (RFC 5246 §7.4.1.2)
        }
        if (p + 2 > limit) {
            return;
        }
        int extensionsEnd = Math.min(end, p + 2 + bytes.u16(p));
        for (p += 2; p + 4 <= Math.min(extensionsEnd, limit); ) {
            int type = bytes.u16(p);
            int length = bytes.u16(p + 2);
            String name = nameOr(TLS_HANDSHAKE_EXTENSION_TYPE, type, "Unknown type " + type);
            NodeBuilder extension = hello.text("Extension: " + name + " (len=" + length + ")", p, Math.min(p + 4 + length, limit) - p);
            extension.number(TLS_HANDSHAKE_EXTENSION_TYPE, type, p, 2);
            extension.field(TLS_HANDSHAKE_EXTENSION_LEN, length, p + 2, 2);
            if (client && type == 0 && tls.hasServerName() && tls.serverNameOffset() == p + 9) {
                serverName(tls, extension, bytes, p + 4, length);
            }
            if (p + 4 + length <= limit) {
                fingerprint.extension(type, bytes, p + 4, length);
                if (type == TlsHelloFingerprint.ALPN) {
                    alpn(extension, bytes, p + 4, p + 4 + length);
                }
            }
            p += 4 + length;
        }
        if (p == extensionsEnd && p <= limit) {
            fingerprints(hello, client, fingerprint);
        }
    }

    /** Once every extension was read, the hello's fingerprints, as Wireshark (JA3) and FoxIO (JA4) define them. */
    private static void fingerprints(NodeBuilder hello, boolean client, TlsHelloFingerprint fingerprint) {
        if (client) {
            hello.generated(TLS_HANDSHAKE_JA4, "JA4", fingerprint.ja4());
            hello.generated(TLS_HANDSHAKE_JA3_FULL, "JA3 Fullstring", fingerprint.ja3Full());
            hello.generated(TLS_HANDSHAKE_JA3, "JA3", fingerprint.ja3());
        } else {
            hello.generated(TLS_HANDSHAKE_JA3S_FULL, "JA3S Fullstring", fingerprint.ja3sFull());
            hello.generated(TLS_HANDSHAKE_JA3S, "JA3S", fingerprint.ja3s());
        }
    }

    /** The protocol names of an ALPN extension (RFC 7301 §3.1): a list length, then length-prefixed names. */
    private static void alpn(NodeBuilder extension, PacketBytes bytes, int at, int end) {
        for (int p = at + 2; p + 1 <= end && p + 1 + bytes.u8(p) <= end; p += 1 + bytes.u8(p)) {
            int length = bytes.u8(p);
            extension.field(TLS_HANDSHAKE_EXTENSIONS_ALPN_STR, bytes.ascii(p + 1, length), p + 1, length);
        }
    }

    /** The server_name extension's list (RFC 6066 §3): its length, then the host name's type, length and name. */
    private static void serverName(TlsClientHello tls, NodeBuilder extension, PacketBytes bytes, int at, int length) {
        NodeBuilder indication = extension.text("Server Name Indication extension", at, length);
        indication.field(TLS_HANDSHAKE_EXTENSIONS_SERVER_NAME_LIST_LEN, bytes.u16(at), at, 2);
        indication.number(TLS_HANDSHAKE_EXTENSIONS_SERVER_NAME_TYPE, bytes.u8(at + 2), at + 2, 1);
        indication.field(TLS_HANDSHAKE_EXTENSIONS_SERVER_NAME_LEN, tls.serverNameLength(), at + 3, 2);
        StringBuilder name = new StringBuilder();
        tls.appendServerName(name);
        indication.field(TLS_HANDSHAKE_EXTENSIONS_SERVER_NAME, name, at + 5, tls.serverNameLength());
    }

    /** The name of a value, or {@code otherwise} when the field has none for it. */
    static String nameOr(FieldDef field, long value, String otherwise) {
        String name = field.valueName(value);
        return name == null ? otherwise : name;
    }

    /** The record-layer line names versions its own way ("TLS 1.0 Record Layer"). */
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
     * named as Wireshark names the common ones. Wireshark also gives each header line, named or
     * not, as a {@code http.request.line} (or {@code http.response.line}), hidden where the line
     * has a field of its own.
     */
    static void http(HttpStartLine http, Protocol protocol, PacketBytes bytes, int at, int payloadEnd, List<NodeBuilder> layers) {
        int limit = Math.min(payloadEnd, bytes.captured());
        int headerEnd = headerEnd(bytes, at, limit);
        NodeBuilder node = NodeBuilder.protocol(bytes, protocol == Protocol.SSDP ? ApplicationFields.SSDP_PROTO : ApplicationFields.HTTP_PROTO,
                at, headerEnd - at);
        layers.add(node);
        int lineEnd = http.lineEnd();
        int next = nextLine(bytes, lineEnd, limit);
        // A start line the capture cuts has no line end to show.
        String startText = bytes.ascii(at, lineEnd - at) + (next > lineEnd ? "\\r\\n" : "");
        NodeBuilder startLine = node.text(startText, at, next - at);
        startLine.expert(Expert.HTTP_CHAT, startText);
        if (http.isRequest()) {
            startLine.field(HTTP_REQUEST_METHOD, bytes.ascii(at, http.methodLength()), at, http.methodLength());
            startLine.field(HTTP_REQUEST_URI, bytes.ascii(http.uriOffset(), http.uriLength()), http.uriOffset(), http.uriLength());
            // Wireshark shows a version even when the line ends at the URI: an empty one there.
            int versionAt = Math.min(http.uriOffset() + http.uriLength() + 1, lineEnd);
            startLine.field(HTTP_REQUEST_VERSION, bytes.ascii(versionAt, lineEnd - versionAt), versionAt, lineEnd - versionAt);
        } else {
            startLine.field(HTTP_RESPONSE_VERSION, bytes.ascii(at, 8), at, 8);
            startLine.field(HTTP_RESPONSE_CODE, http.statusCode(), at + 9, 3);
            if (at + 13 <= lineEnd) {
                startLine.field(HTTP_RESPONSE_PHRASE, bytes.ascii(at + 13, lineEnd - at - 13), at + 13, lineEnd - at - 13);
            }
        }
        FieldDef lineField = http.isRequest() ? HTTP_REQUEST_LINE : HTTP_RESPONSE_LINE;
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
            String wholeLine = text + (following - end == 2 ? "\r\n" : following > end ? String.valueOf((char) bytes.u8(end)) : "");
            int colon = text.indexOf(':');
            FieldDef header = colon < 0 ? null : HEADER_FIELDS.get(text.substring(0, colon).toLowerCase(Locale.ROOT));
            // A line the capture cuts has no line end to show.
            String shown = text + (following > end ? "\\r\\n" : "");
            if (header != null) {
                String value = text.substring(colon + 1).stripLeading();
                NodeBuilder headerNode = node.labelledField(header, shown, value, line, following - line);
                if (header == HTTP_CONTENT_LENGTH_HEADER && isDecimal(value)) {
                    headerNode.labelledField(HTTP_CONTENT_LENGTH, HTTP_CONTENT_LENGTH.label() + ": " + value, value, line, following - line);
                }
            }
            NodeBuilder lineNode = node.labelledField(lineField, shown, wholeLine, line, following - line);
            if (header != null) {
                lineNode.hide();
            }
            line = following;
        }
        node.generated(http.isRequest() ? HTTP_REQUEST : HTTP_RESPONSE, true).hide();
    }

    private static boolean isDecimal(String value) {
        return !value.isEmpty() && value.length() <= 18 && value.chars().allMatch(Character::isDigit);
    }

    /** Headers Wireshark gives a field of their own; others show as {@code http.request.line} only. */
    private static final Map<String, FieldDef> HEADER_FIELDS = Map.ofEntries(
            Map.entry("host", ApplicationFields.HTTP_HOST),
            Map.entry("user-agent", ApplicationFields.HTTP_USER_AGENT),
            Map.entry("accept", ApplicationFields.HTTP_ACCEPT),
            Map.entry("accept-language", ApplicationFields.HTTP_ACCEPT_LANGUAGE),
            Map.entry("accept-encoding", ApplicationFields.HTTP_ACCEPT_ENCODING),
            Map.entry("connection", ApplicationFields.HTTP_CONNECTION),
            Map.entry("referer", ApplicationFields.HTTP_REFERER),
            Map.entry("cookie", ApplicationFields.HTTP_COOKIE),
            Map.entry("set-cookie", ApplicationFields.HTTP_SET_COOKIE),
            Map.entry("server", ApplicationFields.HTTP_SERVER),
            Map.entry("date", ApplicationFields.HTTP_DATE),
            Map.entry("location", ApplicationFields.HTTP_LOCATION),
            Map.entry("content-type", ApplicationFields.HTTP_CONTENT_TYPE),
            Map.entry("content-length", HTTP_CONTENT_LENGTH_HEADER),
            Map.entry("content-encoding", ApplicationFields.HTTP_CONTENT_ENCODING),
            Map.entry("transfer-encoding", ApplicationFields.HTTP_TRANSFER_ENCODING),
            Map.entry("cache-control", ApplicationFields.HTTP_CACHE_CONTROL),
            Map.entry("last-modified", ApplicationFields.HTTP_LAST_MODIFIED),
            Map.entry("authorization", ApplicationFields.HTTP_AUTHORIZATION));

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
        NodeBuilder data = NodeBuilder.protocol(bytes, DATA_PROTO, "Data (" + length + " bytes)", at, length);
        layers.add(data);
        int captured = Math.min(length, bytes.captured() - at);
        if (captured > 0) {
            data.labelledField(DATA_DATA, "Data: " + bytes.hex(at, captured), bytes.colonHex(at, captured), at, captured);
        }
        data.generated(DATA_LEN, length);
    }
}
