package dev.tapdeck.decode;

import java.lang.foreign.MemorySegment;

/** The start line of an HTTP/1.x message (RFC 9112 §3, §4): a request line or a status line. */
public final class HttpStartLine extends Header {
    /** Request methods Wireshark recognises (RFC 9110 §9, WebDAV, SSDP/UPnP over UDP). */
    private static final byte[][] METHODS = ascii(
            "GET", "POST", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE", "CONNECT", "PATCH",
            "M-SEARCH", "NOTIFY", "SUBSCRIBE", "UNSUBSCRIBE", "PROPFIND", "PROPPATCH", "MKCOL",
            "COPY", "MOVE", "LOCK", "UNLOCK", "SEARCH", "REPORT", "MKACTIVITY", "CHECKOUT", "MERGE");
    private static final byte[] VERSION_PREFIX = "HTTP/".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    int methodLength;
    long uriOffset;
    int uriLength;
    int statusCode = -1;
    long lineEnd;

    @Override
    void clear() {
        super.clear();
        methodLength = 0;
        uriLength = 0;
        statusCode = -1;
    }

    public boolean isRequest() { return methodLength > 0; }
    public boolean isResponse() { return statusCode >= 0; }
    public int statusCode() { return statusCode; }

    public void appendMethod(StringBuilder out) {
        appendText(offset, offset + methodLength, out);
    }

    public void appendUri(StringBuilder out) {
        appendText(uriOffset, uriOffset + uriLength, out);
    }

    /** The whole start line without its line end, e.g. {@code GET / HTTP/1.1}. */
    public void appendLine(StringBuilder out) {
        appendText(offset, lineEnd, out);
    }

    /** True when the bytes begin with a known method and a space, or with {@code HTTP/}. */
    static boolean startsLikeHttp(MemorySegment segment, long at, long limit) {
        return methodLength(segment, at, limit) > 0 || matches(segment, at, limit, VERSION_PREFIX);
    }

    /** Reads the start line; false when the bytes do not begin one. */
    boolean parse(MemorySegment segment, long at, long limit) {
        long eol = at;
        while (eol < limit) {
            int c = Bytes.u8(segment, eol);
            if (c == '\r' || c == '\n') {
                break;
            }
            eol++;
        }
        int method = methodLength(segment, at, limit);
        if (method > 0) {
            long uri = at + method + 1;
            long uriEnd = uri;
            while (uriEnd < eol && Bytes.u8(segment, uriEnd) != ' ') {
                uriEnd++;
            }
            wrap(segment, at, limit);
            methodLength = method;
            uriOffset = uri;
            uriLength = (int) (uriEnd - uri);
            lineEnd = eol;
            return true;
        }
        if (matches(segment, at, limit, VERSION_PREFIX) && at + 12 <= eol && Bytes.u8(segment, at + 8) == ' ') {
            int code = 0;
            for (long p = at + 9; p < at + 12; p++) {
                int digit = Bytes.u8(segment, p) - '0';
                if (digit < 0 || digit > 9) {
                    return false;
                }
                code = code * 10 + digit;
            }
            wrap(segment, at, limit);
            statusCode = code;
            lineEnd = eol;
            return true;
        }
        return false;
    }

    private static int methodLength(MemorySegment segment, long at, long limit) {
        for (byte[] method : METHODS) {
            if (at + method.length < limit && matches(segment, at, limit, method)
                    && Bytes.u8(segment, at + method.length) == ' ') {
                return method.length;
            }
        }
        return 0;
    }

    private static boolean matches(MemorySegment segment, long at, long limit, byte[] text) {
        if (at + text.length > limit) {
            return false;
        }
        for (int i = 0; i < text.length; i++) {
            if (Bytes.u8(segment, at + i) != text[i]) {
                return false;
            }
        }
        return true;
    }

    private void appendText(long from, long to, StringBuilder out) {
        for (long b = from; b < to; b++) {
            int c = Bytes.u8(segment, b);
            out.append(c >= 0x20 && c < 0x7f ? (char) c : '\uFFFD');
        }
    }

    private static byte[][] ascii(String... words) {
        byte[][] bytes = new byte[words.length][];
        for (int i = 0; i < words.length; i++) {
            bytes[i] = words[i].getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }
        return bytes;
    }
}
