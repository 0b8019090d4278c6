package dev.tapdeck.decode;


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
    public int methodLength() { return methodLength; }
    /** Offset of the request target from the packet's first byte. */
    public int uriOffset() { return (int) uriOffset; }
    public int uriLength() { return uriLength; }
    /** Offset of the start line's end (its CR or LF, or the captured end) from the packet's first byte. */
    public int lineEnd() { return (int) lineEnd; }

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
    public static boolean startsLikeHttp(byte[] bytes, long at, long limit) {
        return methodLength(bytes, at, limit) > 0 || matches(bytes, at, limit, VERSION_PREFIX);
    }

    /** Reads the start line; false when the bytes do not begin one. */
    boolean parse(byte[] bytes, long at, long limit) {
        int method = methodLength(bytes, at, limit);
        if (method > 0) {
            long uri = at + method + 1;
            long uriEnd = uri;
            while (uriEnd < limit && !isLineEndOrSpace(Bytes.u8(bytes, uriEnd))) {
                uriEnd++;
            }
            wrap(bytes, at, limit);
            methodLength = method;
            uriOffset = uri;
            uriLength = (int) (uriEnd - uri);
            lineEnd = lineEnd(bytes, uriEnd, limit);
            return true;
        }
        if (matches(bytes, at, limit, VERSION_PREFIX) && at + 12 <= limit && Bytes.u8(bytes, at + 8) == ' ') {
            int code = 0;
            for (long p = at + 9; p < at + 12; p++) {
                int digit = Bytes.u8(bytes, p) - '0';
                if (digit < 0 || digit > 9) {
                    return false;
                }
                code = code * 10 + digit;
            }
            wrap(bytes, at, limit);
            statusCode = code;
            lineEnd = lineEnd(bytes, at + 12, limit);
            return true;
        }
        return false;
    }

    private static boolean isLineEndOrSpace(int c) {
        return c == ' ' || c == '\r' || c == '\n';
    }

    private static long lineEnd(byte[] bytes, long from, long limit) {
        long eol = from;
        while (eol < limit) {
            int c = Bytes.u8(bytes, eol);
            if (c == '\r' || c == '\n') {
                break;
            }
            eol++;
        }
        return eol;
    }

    private static int methodLength(byte[] bytes, long at, long limit) {
        if (at >= limit) {
            return 0;
        }
        int first = Bytes.u8(bytes, at);
        if (first < 'C' || first > 'U') {
            return 0; // no method starts outside C..U: most binary payloads stop here
        }
        for (byte[] method : METHODS) {
            if (at + method.length < limit && matches(bytes, at, limit, method)
                    && Bytes.u8(bytes, at + method.length) == ' ') {
                return method.length;
            }
        }
        return 0;
    }

    private static boolean matches(byte[] bytes, long at, long limit, byte[] text) {
        if (at + text.length > limit) {
            return false;
        }
        for (int i = 0; i < text.length; i++) {
            if (Bytes.u8(bytes, at + i) != text[i]) {
                return false;
            }
        }
        return true;
    }

    private void appendText(long from, long to, StringBuilder out) {
        for (long b = from; b < to; b++) {
            int c = Bytes.u8(bytes, b);
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
