package dev.tapdeck.stream.message;

import dev.tapdeck.decode.HttpStartLine;
import dev.tapdeck.decode.Protocol;
import dev.tapdeck.decode.detail.DetailNode;
import dev.tapdeck.decode.field.ApplicationFields;
import dev.tapdeck.decode.field.FieldDef;
import dev.tapdeck.stream.StreamMessage;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * HTTP/1.x messages of one stream (RFC 9112): each side's start line and headers, kept up to
 * {@link #MAX_HEADER} bytes, then its body, skipped without being kept, by Content-Length
 * (§6.3), by chunks (§7.1), or up to the end of the stream for a response that has neither.
 * A message is complete, and shown, with the packet that brings its last body byte, as
 * Wireshark shows it with its default desegmentation of headers and bodies. Requests are
 * paired with responses in order (pipelining, keep-alive), which gives a response its
 * {@code http.request_in} and {@code http.time}.
 *
 * <p>A gap inside a body costs that message (not shown) but not the next. After a gap
 * elsewhere, a header that does not fit, or bytes that are not HTTP, the side looks for a
 * start line at the first byte of each later delivery, as Wireshark tries each segment.
 */
final class HttpDecoder implements StreamDecoder {
    static final int MAX_HEADER = 64 * 1024;
    /** A chunk-size line or trailer line longer than this is no HTTP that anything sends. */
    static final int MAX_LINE = 4096;
    /** Requests waiting for a response beyond this many are not paired with one: a bound for a server that never answers. */
    static final int MAX_UNANSWERED = 1024;

    private enum State { HEADER, BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILER, UNTIL_CLOSE, LOST, CLOSED }

    /** A request shown, waiting for its response. */
    private record Request(long frame, long timeNanos, boolean head, String fullUri, long previousFrame) { }

    private final ArrayDeque<Request> unanswered = new ArrayDeque<>();
    /** Where the pairs are recorded, and what a first pass recorded of later frames. */
    private final LaterFrames later;
    private final Side client = new Side(true);
    private final Side server = new Side(false);
    private long lastRequestFrame, lastResponseFrame;
    private int requests, responses;

    HttpDecoder(LaterFrames later) {
        this.later = later;
    }

    /** One direction: where it is in its current message. */
    private final class Side {
        final boolean fromClient;
        final MessageBuffer header = new MessageBuffer(MAX_HEADER);
        final MessageBuffer line = new MessageBuffer(MAX_LINE);
        State state = State.HEADER;
        /** Part of the current message was never captured: it completes, but is not shown. */
        boolean damaged;
        /** Where the search for the header's blank line resumes. */
        int scanned;
        long remaining;
        /** The header of the message whose body is being read. */
        byte[] message;
        /** The current message's start line and a space, as the packet list shows it while the message is incomplete; null until known. */
        String startLine;
        /** The frames that brought the current message's first byte and the latest bytes. */
        long firstFrame, lastFrame;
        final MessageSegments segments = new MessageSegments();
        /** The first bytes of its body, which choose how the packet list shows it ({@link HttpMedia}). */
        final byte[] bodyStart = new byte[HttpMedia.SNIFFED];
        int bodyStartLength;

        Side(boolean fromClient) {
            this.fromClient = fromClient;
        }

        void data(long frame, long timeNanos, byte[] bytes, int offset, int length, Messages out) {
            lastFrame = frame;
            int p = offset;
            int end = offset + length;
            // A start line at a delivery's first byte starts afresh after bytes that were no HTTP
            // (lost, or too few to tell, as a keep-alive's byte), as Wireshark tries each segment.
            boolean notHttpYet = state == State.LOST
                    || (state == State.HEADER && header.length() > 0 && !HttpStartLine.startsLikeHttp(header.array(), 0, header.length()));
            if (notHttpYet && HttpStartLine.startsLikeHttp(bytes, offset, end)) {
                state = State.HEADER;
                header.clear();
                line.clear();
                scanned = 0;
                damaged = false;
                startLine = null;
            }
            while (p < end) {
                switch (state) {
                    case HEADER -> p = header(frame, timeNanos, bytes, p, end, out);
                    case BODY -> {
                        int taken = (int) Math.min(remaining, end - p);
                        segments.add(frame, taken);
                        sniff(bytes, p, taken);
                        p += taken;
                        remaining -= taken;
                        if (remaining == 0) {
                            complete(frame, timeNanos, out);
                        }
                    }
                    case CHUNK_SIZE, CHUNK_END, TRAILER -> p = chunkLine(frame, timeNanos, bytes, p, end, out);
                    case CHUNK_DATA -> {
                        int taken = (int) Math.min(remaining, end - p);
                        segments.add(frame, taken);
                        sniff(bytes, p, taken);
                        p += taken;
                        remaining -= taken;
                        if (remaining == 0) {
                            state = State.CHUNK_END;
                        }
                    }
                    case UNTIL_CLOSE -> {
                        segments.add(frame, end - p);
                        sniff(bytes, p, end - p);
                        p = end;
                    }
                    case LOST, CLOSED -> p = end;
                }
            }
        }

        /** Keeps the body's first bytes: a copy into a buffer of the side's own, no allocation. */
        private void sniff(byte[] bytes, int offset, int length) {
            int kept = Math.min(length, bodyStart.length - bodyStartLength);
            System.arraycopy(bytes, offset, bodyStart, bodyStartLength, kept);
            bodyStartLength += kept;
        }

        /** Reads header bytes up to the blank line; returns where the bytes after it begin. */
        private int header(long frame, long timeNanos, byte[] bytes, int p, int end, Messages out) {
            if (header.length() == 0) {
                // Line ends between messages are allowed before a request line (RFC 9112 §2.2).
                while (p < end && (bytes[p] == '\r' || bytes[p] == '\n')) {
                    p++;
                }
                if (p == end) {
                    return p;
                }
                firstFrame = frame;
                segments.clear();
            }
            int before = header.length();
            int kept = header.append(bytes, p, end - p);
            int blank = blankLineEnd();
            if (blank < 0) {
                segments.add(frame, end - p);
                if (kept < end - p) {
                    state = State.LOST; // a header past the limit: the side's messages can no longer be found
                } else if (header.length() >= 8 && !HttpStartLine.startsLikeHttp(header.array(), 0, header.length())) {
                    state = State.LOST; // not HTTP, as after an upgrade to another protocol
                }
                return end;
            }
            int used = blank - before;
            segments.add(frame, used);
            if (!HttpStartLine.startsLikeHttp(header.array(), 0, blank)) {
                state = State.LOST;
                return end;
            }
            message = header.copy(0, blank);
            bodyStartLength = 0;
            header.clear();
            scanned = 0;
            startBody();
            if (state == State.HEADER) {
                complete(frame, timeNanos, out);
            }
            return p + used;
        }

        /** Offset after the header's blank line in the buffer, or -1 when it has not come yet. */
        private int blankLineEnd() {
            byte[] b = header.array();
            int n = header.length();
            for (int i = Math.max(scanned, 1); i < n; i++) {
                if (b[i] == '\n' && (b[i - 1] == '\n' || (b[i - 1] == '\r' && i >= 2 && b[i - 2] == '\n'))) {
                    return i + 1;
                }
            }
            scanned = Math.max(n - 2, 0);
            return -1;
        }

        /** Decides from the header how the body is framed (RFC 9112 §6.3). */
        private void startBody() {
            String text = new String(message, StandardCharsets.ISO_8859_1);
            boolean response = text.startsWith("HTTP/");
            int status = response && text.length() >= 12 ? parseStatus(text) : 0;
            boolean noBody = response && (status / 100 == 1 || status == 204 || status == 304
                    || (!unanswered.isEmpty() && unanswered.peek().head()));
            long contentLength = -1;
            boolean chunked = false;
            for (String headerLine : text.split("\r?\n")) {
                int colon = headerLine.indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                String name = headerLine.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = headerLine.substring(colon + 1).trim();
                if (name.equals("content-length") && !value.isEmpty() && value.length() <= 18 && value.chars().allMatch(Character::isDigit)) {
                    contentLength = Long.parseLong(value);
                } else if (name.equals("transfer-encoding") && value.toLowerCase(Locale.ROOT).contains("chunked")) {
                    chunked = true;
                }
            }
            if (noBody) {
                state = State.HEADER;
            } else if (chunked) {
                state = State.CHUNK_SIZE;
            } else if (contentLength > 0) {
                state = State.BODY;
                remaining = contentLength;
            } else if (contentLength == 0 || !response) {
                state = State.HEADER;
            } else {
                state = State.UNTIL_CLOSE;
            }
        }

        /** A chunk-size line, the line end after a chunk's data, or a trailer line (RFC 9112 §7.1). */
        private int chunkLine(long frame, long timeNanos, byte[] bytes, int p, int end, Messages out) {
            int lineEnd = p;
            while (lineEnd < end && bytes[lineEnd] != '\n') {
                lineEnd++;
            }
            int taken = Math.min(lineEnd + 1, end) - p;
            segments.add(frame, taken);
            if (line.append(bytes, p, taken) < taken) {
                state = State.LOST;
                return end;
            }
            if (lineEnd == end) {
                return end; // the line goes on in a later segment
            }
            String text = new String(line.array(), 0, line.length(), StandardCharsets.ISO_8859_1).strip();
            line.clear();
            switch (state) {
                case CHUNK_SIZE -> {
                    long size = chunkSize(text);
                    if (size < 0) {
                        state = State.LOST;
                    } else if (size == 0) {
                        state = State.TRAILER;
                    } else {
                        remaining = size;
                        state = State.CHUNK_DATA;
                    }
                }
                case CHUNK_END -> state = State.CHUNK_SIZE;
                default -> {
                    if (text.isEmpty()) {
                        complete(frame, timeNanos, out);
                    }
                }
            }
            return lineEnd + 1;
        }

        void end(long frame, long timeNanos, Messages out) {
            if (state == State.UNTIL_CLOSE) {
                complete(frame, timeNanos, out);
            }
            state = State.CLOSED;
        }

        void gap(long length) {
            if ((state == State.BODY || state == State.CHUNK_DATA) && length <= remaining) {
                remaining -= length;
                damaged = true;
            } else if (state == State.UNTIL_CLOSE) {
                damaged = true;
            } else if (state != State.CLOSED) {
                state = State.LOST;
            }
        }

        private void complete(long frame, long timeNanos, Messages out) {
            state = State.HEADER;
            startLine = null;
            byte[] bytes = message;
            message = null;
            if (damaged) {
                damaged = false;
                if (!fromClient) {
                    unanswered.poll();
                }
                return;
            }
            byte[] body = Arrays.copyOf(bodyStart, bodyStartLength);
            out.add((fromClient ? request(frame, timeNanos, bytes, body) : response(frame, timeNanos, bytes, body))
                    .withSegments(segments.snapshot()));
        }

        long overflowed() {
            return header.overflowed() + line.overflowed();
        }
    }

    @Override
    public void data(boolean fromClient, long frame, long timeNanos, byte[] bytes, int offset, int length, Messages out) {
        (fromClient ? client : server).data(frame, timeNanos, bytes, offset, length, out);
    }

    @Override
    public void gap(boolean fromClient, long frame, long length, Messages out) {
        (fromClient ? client : server).gap(length);
    }

    @Override
    public void end(boolean fromClient, long frame, long timeNanos, Messages out) {
        (fromClient ? client : server).end(frame, timeNanos, out);
    }

    @Override
    public boolean inMessage(boolean fromClient) {
        Side side = fromClient ? client : server;
        return switch (side.state) {
            // Bytes that do not begin like HTTP are no message Wireshark waits for.
            case HEADER -> side.header.length() > 0 && HttpStartLine.startsLikeHttp(side.header.array(), 0, side.header.length());
            case LOST, CLOSED -> false;
            default -> true;
        };
    }

    /**
     * The start line while a header or a chunked body has not ended: Wireshark's HTTP then
     * asks for one more segment at a time and reads the message again from its start with
     * each. A body of known length is reassembled by TCP alone, which shows nothing of it
     * after the segment that brought the header.
     */
    @Override
    public String partialInfo(boolean fromClient) {
        Side side = fromClient ? client : server;
        switch (side.state) {
            case HEADER -> {
                if (!inMessage(fromClient)) {
                    return null;
                }
                if (side.startLine == null) {
                    side.startLine = startLine(side.header.array(), side.header.length());
                }
                return side.startLine;
            }
            case BODY, UNTIL_CLOSE -> {
                if (side.firstFrame != side.lastFrame) {
                    return null;
                }
                if (side.startLine == null) {
                    side.startLine = startLine(side.message, side.message.length);
                }
                return side.startLine;
            }
            case CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILER -> {
                if (side.startLine == null) {
                    side.startLine = startLine(side.message, side.message.length);
                }
                return side.startLine;
            }
            default -> {
                return null;
            }
        }
    }

    /** The first line of {@code length} header bytes and a space; null while it has not ended. */
    private static String startLine(byte[] header, int length) {
        for (int i = 0; i < length; i++) {
            if (header[i] == '\r' || header[i] == '\n') {
                return new String(header, 0, i, StandardCharsets.ISO_8859_1) + " ";
            }
        }
        return null;
    }

    @Override
    public long overflowedBytes() {
        return client.overflowed() + server.overflowed();
    }

    private StreamMessage request(long frame, long timeNanos, byte[] bytes, byte[] bodyStart) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        String[] start = text.split("\r?\n", 2)[0].split(" ");
        String uri = start.length > 1 ? start[1] : "";
        String host = headerValue(text, "host");
        String fullUri = uri.startsWith("/") && host != null ? "http://" + host + uri : uri;
        long previous = lastRequestFrame;
        if (unanswered.size() == MAX_UNANSWERED) {
            unanswered.poll();
        }
        unanswered.add(new Request(frame, timeNanos, start[0].equals("HEAD"), fullUri, previous));
        lastRequestFrame = frame;
        int number = ++requests;
        later.record(LaterFrames.Link.NEXT_REQUEST, previous, frame);
        List<DetailNode> extra = new ArrayList<>();
        extra.add(generated(ApplicationFields.HTTP_REQUEST_NUMBER, "HTTP request " + number + "/" + number, String.valueOf(number)));
        if (previous > 0) {
            extra.add(frameNode(ApplicationFields.HTTP_PREV_REQUEST_IN, previous));
        }
        addLater(extra, ApplicationFields.HTTP_RESPONSE_IN, later.of(LaterFrames.Link.RESPONSE, frame));
        addLater(extra, ApplicationFields.HTTP_NEXT_REQUEST_IN, later.of(LaterFrames.Link.NEXT_REQUEST, frame));
        extra.add(0, generated(ApplicationFields.HTTP_REQUEST_FULL_URI, "Full request URI: " + fullUri, fullUri));
        return new StreamMessage("http", frame, true, bytes, b -> withExtra(MessageLayers.describe(Protocol.HTTP, b), extra),
                b -> HttpMedia.summary(b, headerValue(text, "content-type"), bodyStart));
    }

    private StreamMessage response(long frame, long timeNanos, byte[] bytes, byte[] bodyStart) {
        Request request = unanswered.poll();
        long previousResponse = lastResponseFrame;
        lastResponseFrame = frame;
        int number = ++responses;
        later.record(LaterFrames.Link.NEXT_RESPONSE, previousResponse, frame);
        List<DetailNode> extra = new ArrayList<>();
        extra.add(generated(ApplicationFields.HTTP_RESPONSE_NUMBER, "HTTP response " + number + "/" + number, String.valueOf(number)));
        if (request != null) {
            if (request.previousFrame() > 0) {
                extra.add(frameNode(ApplicationFields.HTTP_PREV_REQUEST_IN, request.previousFrame()));
            }
            if (previousResponse > 0) {
                extra.add(frameNode(ApplicationFields.HTTP_PREV_RESPONSE_IN, previousResponse));
            }
            String seconds = seconds(timeNanos - request.timeNanos());
            extra.add(generated(ApplicationFields.HTTP_TIME, "Time since request: " + seconds + " seconds", seconds));
            extra.add(frameNode(ApplicationFields.HTTP_REQUEST_IN, request.frame()));
            later.record(LaterFrames.Link.RESPONSE, request.frame(), frame);
            addLater(extra, ApplicationFields.HTTP_NEXT_REQUEST_IN, later.of(LaterFrames.Link.NEXT_REQUEST, request.frame()));
            addLater(extra, ApplicationFields.HTTP_NEXT_RESPONSE_IN, later.of(LaterFrames.Link.NEXT_RESPONSE, frame));
            extra.add(generated(ApplicationFields.HTTP_RESPONSE_FOR_URI, "Request URI: " + request.fullUri(), request.fullUri()));
        }
        return new StreamMessage("http", frame, false, bytes, b -> withExtra(MessageLayers.describe(Protocol.HTTP, b), extra),
                b -> HttpMedia.summary(b, headerValue(new String(b, StandardCharsets.ISO_8859_1), "content-type"), bodyStart));
    }

    /** The message's layers with the generated lines at the end of its HTTP layer. */
    private static List<DetailNode> withExtra(List<DetailNode> layers, List<DetailNode> extra) {
        List<DetailNode> out = new ArrayList<>(layers);
        if (!out.isEmpty()) {
            DetailNode http = out.getFirst();
            List<DetailNode> children = new ArrayList<>(http.children());
            children.addAll(extra);
            out.set(0, new DetailNode(http.name(), http.label(), http.value(), http.offset(), http.length(), http.hidden(), children));
        }
        return out;
    }

    private static DetailNode generated(FieldDef field, String label, String value) {
        return new DetailNode(field.name(), "[" + label + "]", value, 0, 0, false, List.of());
    }

    /** The line of a frame a first pass linked, when it did ({@code tshark -2}). */
    private static void addLater(List<DetailNode> extra, FieldDef field, long frame) {
        if (frame > 0) {
            extra.add(frameNode(field, frame));
        }
    }

    private static DetailNode frameNode(FieldDef field, long frame) {
        return generated(field, field.label() + ": " + frame, String.valueOf(frame));
    }

    /** Seconds with nine decimals, as tshark prints a relative time. */
    static String seconds(long nanos) {
        long whole = Math.floorDiv(nanos, 1_000_000_000L);
        long fraction = Math.floorMod(nanos, 1_000_000_000L);
        return whole + "." + String.format(Locale.ROOT, "%09d", fraction);
    }

    private static int parseStatus(String text) {
        try {
            return Integer.parseInt(text.substring(9, 12));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** A chunk's size: hex digits before any extension (RFC 9112 §7.1.1); -1 when it is not one. */
    private static long chunkSize(String line) {
        int end = 0;
        while (end < line.length() && Character.digit(line.charAt(end), 16) >= 0) {
            end++;
        }
        if (end == 0 || end > 15) {
            return -1;
        }
        return Long.parseLong(line.substring(0, end), 16);
    }

    private static String headerValue(String header, String lowerCaseName) {
        for (String headerLine : header.split("\r?\n")) {
            int colon = headerLine.indexOf(':');
            if (colon > 0 && headerLine.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(lowerCaseName)) {
                return headerLine.substring(colon + 1).trim();
            }
        }
        return null;
    }
}
