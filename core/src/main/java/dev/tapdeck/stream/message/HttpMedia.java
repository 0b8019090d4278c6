package dev.tapdeck.stream.message;

import dev.tapdeck.stream.StreamMessage;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * How Wireshark shows an HTTP message in the packet list: its start line, then what the
 * dissector its body goes to by media type ({@code media_type} table) adds to the protocols,
 * the protocol column and the info column. Only the first bytes of a body are looked at
 * ({@link #SNIFFED}), as those dissectors look at a magic number or an XML declaration.
 */
final class HttpMedia {
    /** Body bytes kept for the dissectors that check what a body starts with. */
    static final int SNIFFED = 16;

    /** Media types Wireshark's line-based text dissector ({@code packet-text-media.c}) is registered for. */
    private static final Set<String> TEXT_LINES = Set.of("text/plain", "text/richtext", "text/enriched", "text/parameters",
            "text/html", "text/xml-external-parsed-entity", "text/css", "application/xml-external-parsed-entity",
            "text/javascript", "application/x-javascript", "application/x-tia-p25-issi", "application/x-tia-p25-sndcp",
            "application/x-ns-proxy-autoconfig", "text/vnd.sun.j2me.app-descriptor", "application/vnd.poc.refer-to",
            "application/vnd.drm.message", "application/x-wms-logplaystats", "application/x-rtsp-udp-packetpair");
    /** The most common of the XML dissector's media types. */
    private static final Set<String> XML = Set.of("text/xml", "application/xml", "application/soap+xml", "application/xhtml+xml",
            "image/svg+xml", "application/rss+xml", "application/atom+xml");
    private static final Set<String> JPEG = Set.of("image/jpeg", "image/jpg", "image/pjpeg", "image/jfif", "image/jpeg2000");

    private HttpMedia() {
    }

    /**
     * The summary of an HTTP message whose header is {@code header}; {@code bodyStart} is the
     * first bytes of its body, empty for a message without one.
     */
    static StreamMessage.Summary summary(byte[] header, String contentType, byte[] bodyStart) {
        String info = startLine(header) + " "; // Wireshark leaves the space it puts after the line
        if (bodyStart.length == 0) {
            return new StreamMessage.Summary("HTTP", info, "");
        }
        if (contentType == null) {
            return new StreamMessage.Summary("HTTP", info, "data");
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (TEXT_LINES.contains(type)) {
            // The line-based text dissector hands an XML document to the XML dissector.
            return startsWith(bodyStart, "<?xml")
                    ? new StreamMessage.Summary("HTTP/XML", info, "data-text-lines:xml")
                    : new StreamMessage.Summary("HTTP", info + " (" + type + ")", "data-text-lines");
        }
        if (XML.contains(type)) {
            return new StreamMessage.Summary("HTTP/XML", info, "xml");
        }
        if (type.equals("application/json")) {
            return new StreamMessage.Summary("HTTP/JSON", info + ", JavaScript Object Notation (" + type + ")", "json");
        }
        if (type.equals("application/x-www-form-urlencoded")) {
            return new StreamMessage.Summary("HTTP", info + " (" + type + ")", "urlencoded-form");
        }
        if (type.equals("image/gif") && (startsWith(bodyStart, "GIF87a") || startsWith(bodyStart, "GIF89a"))) {
            return new StreamMessage.Summary("HTTP", info + " (" + new String(bodyStart, 0, 6, StandardCharsets.US_ASCII) + ")", "image-gif");
        }
        if (JPEG.contains(type) && bodyStart.length >= 2 && (bodyStart[0] & 0xff) == 0xff && (bodyStart[1] & 0xff) == 0xd8) {
            return new StreamMessage.Summary("HTTP", info + " (JPEG JFIF image)", "image-jfif");
        }
        if (type.equals("image/png") && bodyStart.length >= 8 && (bodyStart[0] & 0xff) == 0x89 && startsWith(bodyStart, 1, "PNG")) {
            return new StreamMessage.Summary("HTTP", info + " (PNG)", "png");
        }
        return new StreamMessage.Summary("HTTP", info + " (" + type + ")", "media");
    }

    /** The message's first line, without its line end. */
    private static String startLine(byte[] header) {
        int end = 0;
        while (end < header.length && header[end] != '\r' && header[end] != '\n') {
            end++;
        }
        return new String(header, 0, end, StandardCharsets.ISO_8859_1);
    }

    private static boolean startsWith(byte[] bytes, String ascii) {
        return startsWith(bytes, 0, ascii);
    }

    private static boolean startsWith(byte[] bytes, int from, String ascii) {
        if (bytes.length < from + ascii.length()) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (bytes[from + i] != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
