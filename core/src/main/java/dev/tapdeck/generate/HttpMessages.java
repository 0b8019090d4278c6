package dev.tapdeck.generate;

import java.util.Arrays;

/**
 * HTTP/1.1 request and response heads (RFC 9112) as browsers, command-line clients and
 * common servers write them, assembled from pre-encoded pieces.
 */
final class HttpMessages {
    static final int OK = 200;
    static final int CREATED = 201;
    static final int NO_CONTENT = 204;
    static final int MOVED_PERMANENTLY = 301;
    static final int NOT_MODIFIED = 304;
    static final int NOT_FOUND = 404;

    private static final byte[] GET = Ascii.bytes("GET ");
    private static final byte[] POST = Ascii.bytes("POST ");
    private static final byte[] VERSION_CRLF = Ascii.bytes(" HTTP/1.1\r\nHost: ");
    private static final byte[] CRLF = Ascii.bytes("\r\n");
    private static final byte[] KEEP_ALIVE = Ascii.bytes("Connection: keep-alive\r\n\r\n");
    private static final byte[] CLOSE = Ascii.bytes("Connection: close\r\n\r\n");
    private static final byte[] JSON_BODY_HEADERS = Ascii.bytes("Content-Type: application/json\r\nContent-Length: ");

    private static final byte[][] POST_PATHS = Ascii.bytesOf("/api/v1/events", "/login", "/api/v2/cart/items", "/comments");
    /** Everything after "Host:" that each kind of client sends, minus Connection. */
    private static final byte[][] CLIENT_HEADERS = Ascii.bytesOf(
            "User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0\r\n"
                    + "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r\n"
                    + "Accept-Language: en-US,en;q=0.5\r\nAccept-Encoding: gzip, deflate\r\n",
            "User-Agent: Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15\r\n"
                    + "Accept: */*\r\nAccept-Language: en-GB,en;q=0.9\r\nAccept-Encoding: gzip, deflate\r\n",
            "User-Agent: Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36\r\n"
                    + "Accept: */*\r\nAccept-Encoding: gzip, deflate\r\nAccept-Language: de-DE,de;q=0.9,en;q=0.8\r\n",
            "User-Agent: curl/8.5.0\r\nAccept: */*\r\n",
            "User-Agent: python-requests/2.31.0\r\nAccept-Encoding: gzip, deflate\r\nAccept: */*\r\n");
    private static final byte[] JSON_SESSION = Ascii.bytes("{\"session\":\"");
    private static final byte[] JSON_EVENT = Ascii.bytes("\",\"event\":\"");
    private static final byte[] JSON_SEQUENCE = Ascii.bytes("\",\"seq\":");
    private static final byte[][] EVENT_NAMES = Ascii.bytesOf("click", "view", "scroll", "add_to_cart", "login");

    private static final byte[] STATUS_200 = Ascii.bytes("HTTP/1.1 200 OK\r\nDate: ");
    private static final byte[] STATUS_201 = Ascii.bytes("HTTP/1.1 201 Created\r\nDate: ");
    private static final byte[] STATUS_204 = Ascii.bytes("HTTP/1.1 204 No Content\r\nDate: ");
    private static final byte[] STATUS_301 = Ascii.bytes("HTTP/1.1 301 Moved Permanently\r\nDate: ");
    private static final byte[] STATUS_304 = Ascii.bytes("HTTP/1.1 304 Not Modified\r\nDate: ");
    private static final byte[] STATUS_404 = Ascii.bytes("HTTP/1.1 404 Not Found\r\nDate: ");
    private static final byte[][] SERVER_HEADERS = Ascii.bytesOf(
            "\r\nServer: nginx/1.24.0\r\n", "\r\nServer: Apache/2.4.58 (Debian)\r\n",
            "\r\nServer: envoy\r\nX-Envoy-Upstream-Service-Time: 12\r\n", "\r\nServer: Caddy\r\n");
    /**
     * Content types, each with the headers it comes with. Bodies are opaque bytes, so the types
     * are ones whose real bodies look random too: compressed text, and media formats tshark
     * has no dissector for (a PNG or MP4 dissector would call random bytes malformed).
     */
    private static final byte[][] CONTENT_HEADERS = Ascii.bytesOf(
            "Content-Type: text/html; charset=utf-8\r\nContent-Encoding: gzip\r\nVary: Accept-Encoding\r\n",
            "Content-Type: application/javascript\r\nContent-Encoding: gzip\r\nCache-Control: public, max-age=31536000\r\n",
            "Content-Type: text/css\r\nContent-Encoding: gzip\r\nCache-Control: public, max-age=86400\r\n",
            "Content-Type: image/webp\r\nCache-Control: public, max-age=604800\r\n",
            "Content-Type: image/avif\r\nCache-Control: public, max-age=604800\r\n",
            "Content-Type: font/woff2\r\nCache-Control: public, max-age=31536000\r\n",
            "Content-Type: application/octet-stream\r\nAccept-Ranges: bytes\r\n",
            "Content-Type: video/webm\r\nAccept-Ranges: bytes\r\n",
            "Content-Type: application/zip\r\nAccept-Ranges: bytes\r\n");
    /** Indexes into {@link #CONTENT_HEADERS}; the first three are sent with Content-Encoding: gzip. */
    static final int HTML = 0;
    private static final int JAVASCRIPT = 1;
    private static final int CSS = 2;
    private static final int WEBP = 3;
    private static final int AVIF = 4;
    private static final int WOFF2 = 5;
    private static final int OCTET_STREAM = 6;
    private static final int WEBM = 7;
    private static final int ZIP = 8;
    private static final int GZIP_TYPES = 3;

    /** What a GET asks for, and the content type of what comes back. */
    private static final byte[][] GET_PATHS = Ascii.bytesOf(
            "/", "/index.html", "/search?q=packet+capture&lang=en", "/static/app.3f9c1b.js",
            "/static/vendor.91d2e7.js", "/static/main.css", "/img/hero.webp", "/img/products/1842.webp",
            "/img/avatars/42.avif", "/fonts/inter-var.woff2", "/downloads/firmware-2.4.1.bin",
            "/video/intro-720p.webm", "/downloads/release-2.4.1.zip");
    private static final int[] GET_CONTENT_TYPES = {
            HTML, HTML, HTML, JAVASCRIPT,
            JAVASCRIPT, CSS, WEBP, WEBP,
            AVIF, WOFF2, OCTET_STREAM,
            WEBM, ZIP};

    private static final byte[] LOCATION = Ascii.bytes("Location: https://");
    private static final byte[] ETAG = Ascii.bytes("ETag: \"");
    private static final byte[] CONTENT_LENGTH = Ascii.bytes("Content-Length: ");

    private HttpMessages() {}

    /** A resource to GET, as an index for {@link #writeRequest} and {@link #contentTypeOf}. */
    static int pickResource(SplitMix64 random) {
        return random.nextInt(GET_PATHS.length);
    }

    /** The content type a successful GET of {@code resource} returns. */
    static int contentTypeOf(int resource) {
        return GET_CONTENT_TYPES[resource];
    }

    /**
     * Writes a GET of {@code resource} or, with {@code post}, a POST of a small JSON body
     * (to a path of its own), to {@code host}.
     *
     * @return the offset after the request
     */
    static int writeRequest(byte[] into, int offset, SplitMix64 random, boolean post, int resource,
                            DomainName host, int port, boolean close) {
        int o = Ascii.put(into, offset, post ? POST : GET);
        o = Ascii.put(into, o, post ? random.pick(POST_PATHS) : GET_PATHS[resource]);
        o = Ascii.put(into, o, VERSION_CRLF);
        o = Ascii.put(into, o, host.text());
        if (port != 80) {
            into[o++] = ':'; // RFC 9110 §7.2: Host carries a non-default port
            o = Ascii.putDecimal(into, o, port);
        }
        o = Ascii.put(into, o, CRLF);
        o = Ascii.put(into, o, random.pick(CLIENT_HEADERS));
        if (!post) {
            return Ascii.put(into, o, close ? CLOSE : KEEP_ALIVE);
        }
        // The body is written first, into the space after the head, then moved; its length is
        // needed in Content-Length before it.
        o = Ascii.put(into, o, JSON_BODY_HEADERS);
        int bodyAt = o + 64;
        int bodyEnd = writeJsonEvent(into, bodyAt, random);
        int bodyLength = bodyEnd - bodyAt;
        o = Ascii.putDecimal(into, o, bodyLength);
        o = Ascii.put(into, o, CRLF);
        o = Ascii.put(into, o, close ? CLOSE : KEEP_ALIVE);
        System.arraycopy(into, bodyAt, into, o, bodyLength);
        return o + bodyLength;
    }

    /**
     * The resource a GET written by {@link #writeRequest} asks for, as the index
     * {@link #pickResource} gave it; -1 for any other request.
     */
    static int resourceRequested(byte[] request, int length) {
        if (!Arrays.equals(request, 0, Math.min(GET.length, length), GET, 0, GET.length)) {
            return -1;
        }
        for (int resource = 0; resource < GET_PATHS.length; resource++) {
            byte[] path = GET_PATHS[resource];
            int pathEnd = GET.length + path.length;
            if (pathEnd < length && request[pathEnd] == ' '
                    && Arrays.equals(request, GET.length, pathEnd, path, 0, path.length)) {
                return resource;
            }
        }
        return -1;
    }

    /** A response status for a request; mostly 200, with the usual share of the rest. */
    static int pickStatus(SplitMix64 random, boolean post) {
        int roll = random.nextInt(100);
        if (post) {
            return roll < 80 ? OK : roll < 95 ? CREATED : NO_CONTENT;
        }
        return roll < 84 ? OK : roll < 91 ? NOT_MODIFIED : roll < 95 ? NOT_FOUND
                : roll < 98 ? MOVED_PERMANENTLY : NO_CONTENT;
    }

    /** Whether bodies of this content type are sent with Content-Encoding: gzip. */
    static boolean isGzip(int contentType) {
        return contentType < GZIP_TYPES;
    }

    /** Whether a response with this status carries a body (RFC 9110 §6.4.1). */
    static boolean hasBody(int status) {
        return status != NO_CONTENT && status != NOT_MODIFIED;
    }

    /**
     * Writes a status line and headers for a body of {@code bodyLength} bytes as sent (after
     * any content coding) of type {@code contentType}, which responses without a body ignore.
     *
     * @return the offset after the blank line that ends the head
     */
    static int writeResponseHead(byte[] into, int offset, SplitMix64 random, int status, int contentType,
                                 long bodyLength, long epochSeconds, DomainName host, boolean close) {
        int o = Ascii.put(into, offset, switch (status) {
            case CREATED -> STATUS_201;
            case NO_CONTENT -> STATUS_204;
            case MOVED_PERMANENTLY -> STATUS_301;
            case NOT_MODIFIED -> STATUS_304;
            case NOT_FOUND -> STATUS_404;
            default -> STATUS_200;
        });
        o = HttpDate.put(into, o, epochSeconds);
        o = Ascii.put(into, o, random.pick(SERVER_HEADERS));
        if (status == MOVED_PERMANENTLY) {
            // Plain HTTP moved to HTTPS, the most common redirect there is.
            o = Ascii.put(into, o, LOCATION);
            o = Ascii.put(into, o, host.text());
            into[o++] = '/';
            o = Ascii.put(into, o, CRLF);
        } else if (status == NOT_MODIFIED) {
            o = Ascii.put(into, o, ETAG);
            o = Ascii.putHex(into, o, 16, random);
            into[o++] = '"';
            o = Ascii.put(into, o, CRLF);
        }
        if (hasBody(status)) {
            o = Ascii.put(into, o, CONTENT_HEADERS[contentType]);
            o = Ascii.put(into, o, CONTENT_LENGTH);
            o = Ascii.putDecimal(into, o, bodyLength);
            o = Ascii.put(into, o, CRLF);
        }
        return Ascii.put(into, o, close ? CLOSE : KEEP_ALIVE);
    }

    private static int writeJsonEvent(byte[] into, int offset, SplitMix64 random) {
        int o = Ascii.put(into, offset, JSON_SESSION);
        o = Ascii.putHex(into, o, 32, random);
        o = Ascii.put(into, o, JSON_EVENT);
        o = Ascii.put(into, o, random.pick(EVENT_NAMES));
        o = Ascii.put(into, o, JSON_SEQUENCE);
        o = Ascii.putDecimal(into, o, random.nextInt(100_000));
        into[o++] = '}';
        return o;
    }
}
