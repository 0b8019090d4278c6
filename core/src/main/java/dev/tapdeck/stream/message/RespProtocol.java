package dev.tapdeck.stream.message;

import dev.tapdeck.decode.detail.DetailNode;
import dev.tapdeck.decode.field.FieldDef;
import dev.tapdeck.decode.field.FieldType;
import dev.tapdeck.decode.field.StreamProtocolFields;
import dev.tapdeck.stream.StreamMessage;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Redis's RESP (redis.io/docs/latest/develop/reference/protocol-spec): a client sends each
 * command as an array of bulk strings, the server answers each with one value, in order. The
 * example of a stream decoder of one's own, in one file: its fields, its selection (port
 * 6379, or a first byte that starts a command), and its decoder, which keeps each side's
 * incomplete value in a {@link MessageBuffer} and hands on every complete one as a message.
 * Replies are paired with commands in order, which gives a reply its {@code resp.request_in}.
 */
public final class RespProtocol implements StreamProtocol {
    /*
     * Wireshark's RESP fields (its packet-resp.c, on port 6379), then two of Tapdeck's own: the
     * command a client sends, and the frame of the command a reply answers.
     */
    private static final StreamProtocolFields FIELDS = new StreamProtocolFields("resp", "REdis Serialization Protocol");
    public static final FieldDef RESP = FIELDS.protocol();
    public static final FieldDef STRING = FIELDS.field("resp.string", FieldType.STRING, "String", "");
    public static final FieldDef ERROR = FIELDS.field("resp.error", FieldType.STRING, "Error", "");
    public static final FieldDef BULK_STRING = FIELDS.field("resp.bulk_string", FieldType.NONE, "Bulk String", "");
    public static final FieldDef BULK_STRING_VALUE = FIELDS.field("resp.bulk_string.value", FieldType.BYTES, "Value", "");
    public static final FieldDef BULK_STRING_LENGTH = FIELDS.field("resp.bulk_string.length", FieldType.INT32, "Length", "");
    public static final FieldDef INTEGER = FIELDS.field("resp.integer", FieldType.INT64, "Integer", "");
    public static final FieldDef ARRAY = FIELDS.field("resp.array", FieldType.NONE, "Array", "");
    public static final FieldDef ARRAY_LENGTH = FIELDS.field("resp.array.length", FieldType.INT64, "Length", "");
    public static final FieldDef COMMAND = FIELDS.field("resp.command", FieldType.STRING, "Command",
            "The command a client sends: its array's first string, upper-cased");
    public static final FieldDef REQUEST_IN = FIELDS.field("resp.request_in", FieldType.FRAMENUM, "Request in frame",
            "The frame of the command this reply answers");

    /** A value longer than this (a bulk string of megabytes) is given up on. */
    static final int MAX_VALUE = 1 << 20;
    /** Aggregates nested deeper than this are no RESP anything sends. */
    private static final int MAX_DEPTH = 32;
    private static final int INCOMPLETE = -1, MALFORMED = -2;

    @Override
    public String name() { return "resp"; }

    @Override
    public List<FieldDef> fields() { return FIELDS.all(); }

    @Override
    public boolean usesPort(int port) { return port == 6379; }

    /** A command: an array's {@code *}, then a count, then a bulk string's {@code $}. */
    @Override
    public boolean recognizes(byte[] bytes, int offset, int length) {
        int p = offset + 1;
        int end = offset + length;
        if (length < 4 || bytes[offset] != '*') {
            return false;
        }
        while (p < end && bytes[p] >= '0' && bytes[p] <= '9') {
            p++;
        }
        return p + 2 < end && p > offset + 1 && bytes[p] == '\r' && bytes[p + 1] == '\n' && bytes[p + 2] == '$';
    }

    @Override
    public StreamDecoder newDecoder() {
        return new Decoder();
    }

    private static final class Decoder implements StreamDecoder {
        private final MessageBuffer client = new MessageBuffer(MAX_VALUE);
        private final MessageBuffer server = new MessageBuffer(MAX_VALUE);
        private final ArrayDeque<Long> unanswered = new ArrayDeque<>();
        private boolean clientLost, serverLost;

        @Override
        public void data(boolean fromClient, long frame, long timeNanos, byte[] bytes, int offset, int length, Messages out) {
            MessageBuffer buffer = fromClient ? client : server;
            if (fromClient ? clientLost : serverLost) {
                // After a gap or bad bytes, a value starts at the first byte of a delivery, or not at all there.
                if (typeName(bytes[offset]) == null) {
                    return;
                }
                buffer.clear();
                setLost(fromClient, false);
            }
            if (buffer.append(bytes, offset, length) < length) {
                buffer.clear();
                setLost(fromClient, true);
                return;
            }
            int start = 0;
            while (start < buffer.length()) {
                if (buffer.u8(start) == '\r' || buffer.u8(start) == '\n') {
                    start++; // an empty line between commands, which Redis ignores (redis-cli --pipe sends one)
                    continue;
                }
                int end = value(buffer.array(), start, buffer.length(), 0, null);
                if (end == INCOMPLETE) {
                    break;
                }
                if (end == MALFORMED) {
                    buffer.clear();
                    setLost(fromClient, true);
                    return;
                }
                out.add(message(fromClient, frame, buffer.copy(start, end)));
                start = end;
            }
            buffer.discard(start);
        }

        private void setLost(boolean fromClient, boolean lost) {
            if (fromClient) {
                clientLost = lost;
            } else {
                serverLost = lost;
            }
        }

        @Override
        public void gap(boolean fromClient, long frame, long length, Messages out) {
            (fromClient ? client : server).clear();
            setLost(fromClient, true);
        }

        @Override
        public boolean inMessage(boolean fromClient) {
            return !(fromClient ? clientLost : serverLost) && (fromClient ? client : server).length() > 0;
        }

        @Override
        public long overflowedBytes() {
            return client.overflowed() + server.overflowed();
        }

        private StreamMessage message(boolean fromClient, long frame, byte[] value) {
            if (fromClient) {
                if (unanswered.size() == HttpDecoder.MAX_UNANSWERED) {
                    unanswered.poll();
                }
                unanswered.add(frame);
                return new StreamMessage("resp", frame, true, value, RespProtocol::describeCommand);
            }
            Long request = unanswered.poll();
            return new StreamMessage("resp", frame, false, value, bytes -> describeReply(bytes, request));
        }
    }

    /** A command's layer: its array, and the command its first string names. */
    private static List<DetailNode> describeCommand(byte[] bytes) {
        List<DetailNode> children = new ArrayList<>();
        value(bytes, 0, bytes.length, 0, children);
        DetailNode array = children.isEmpty() ? null : children.getFirst();
        if (array != null && array.name().equals(ARRAY.name()) && array.children().size() > 1
                && array.children().get(1).name().equals(BULK_STRING.name())) {
            DetailNode name = array.children().get(1).children().getLast();
            String command = new String(bytes, name.offset(), name.length(), StandardCharsets.ISO_8859_1).toUpperCase(Locale.ROOT);
            children.add(new DetailNode(COMMAND.name(), "[" + COMMAND.label() + ": " + command + "]", command, name.offset(), name.length(), false, List.of()));
        }
        return List.of(layer(bytes, children));
    }

    /** A reply's layer: its value, and the frame of the command it answers. */
    private static List<DetailNode> describeReply(byte[] bytes, Long request) {
        List<DetailNode> children = new ArrayList<>();
        value(bytes, 0, bytes.length, 0, children);
        if (request != null) {
            children.add(new DetailNode(REQUEST_IN.name(), "[" + REQUEST_IN.label() + ": " + request + "]", String.valueOf(request), 0, 0, false, List.of()));
        }
        return List.of(layer(bytes, children));
    }

    private static DetailNode layer(byte[] bytes, List<DetailNode> children) {
        return new DetailNode(RESP.name(), RESP.label(), null, 0, bytes.length, false, children);
    }

    /**
     * Reads the value at {@code p}: returns the offset after it, {@link #INCOMPLETE} when the
     * bytes end first, {@link #MALFORMED} when they are not RESP. With {@code out}, also adds
     * its node as Wireshark shows it: a string, error or integer; a bulk string with its length
     * and value; an array with its length and elements. RESP3's types (redis-server 6 and
     * later, after HELLO 3), which Wireshark 4.0 does not know, show as the nearest of these.
     */
    private static int value(byte[] b, int p, int end, int depth, List<DetailNode> out) {
        if (p >= end) {
            return INCOMPLETE;
        }
        if (typeName(b[p]) == null || depth > MAX_DEPTH) {
            return MALFORMED;
        }
        int lineEnd = lineEnd(b, p + 1, end);
        if (lineEnd < 0) {
            return INCOMPLETE;
        }
        String line = new String(b, p + 1, lineEnd - p - 1, StandardCharsets.ISO_8859_1);
        int after = lineEnd + 2;
        switch (b[p]) {
            case '+', ',', '(', '#', '_' -> {
                add(out, STRING, "", line, p + 1, lineEnd - p - 1, List.of());
                return after;
            }
            case '-' -> {
                add(out, ERROR, "Error: ", line, p + 1, lineEnd - p - 1, List.of());
                return after;
            }
            case ':' -> {
                add(out, INTEGER, "", line, p + 1, lineEnd - p - 1, List.of());
                return after;
            }
            case '$', '!', '=' -> {
                long length = count(line);
                if (length == -1) {
                    add(out, BULK_STRING, "Bulk String: ", "", p, after - p,
                            List.of(node(BULK_STRING_LENGTH, "-1", p + 1, lineEnd - p - 1)));
                    return after;
                }
                if (length < 0 || length > MAX_VALUE) {
                    return MALFORMED;
                }
                if (after + length + 2 > end) {
                    return INCOMPLETE;
                }
                int size = (int) length;
                String text = new String(b, after, size, StandardCharsets.ISO_8859_1);
                add(out, BULK_STRING, "Bulk String: ", text, p, after + size + 2 - p,
                        List.of(node(BULK_STRING_LENGTH, line, p + 1, lineEnd - p - 1), node(BULK_STRING_VALUE, null, after, size)));
                return after + size + 2;
            }
            default -> {
                long count = count(line);
                if (count < -1 || count > MAX_VALUE) {
                    return MALFORMED;
                }
                long elements = b[p] == '%' || b[p] == '|' ? 2 * count : count;
                List<DetailNode> inner = out == null ? null : new ArrayList<>();
                if (inner != null) {
                    inner.add(node(ARRAY_LENGTH, line, p + 1, lineEnd - p - 1));
                }
                int q = after;
                for (long i = 0; i < elements; i++) {
                    q = value(b, q, end, depth + 1, inner);
                    if (q < 0) {
                        return q;
                    }
                }
                if (out != null) {
                    out.add(new DetailNode(ARRAY.name(), "Array: Length " + line, null, p, q - p, false, inner));
                }
                return q;
            }
        }
    }

    /** Adds a node whose line is {@code title} and its text. */
    private static void add(List<DetailNode> out, FieldDef field, String title, String text, int at, int length, List<DetailNode> children) {
        if (out != null) {
            out.add(new DetailNode(field.name(), title + text, field.type() == FieldType.NONE ? null : text, at, length, false, children));
        }
    }

    private static DetailNode node(FieldDef field, String value, int at, int length) {
        return new DetailNode(field.name(), field.label() + ": " + (value == null ? "" : value), value, at, length, false, List.of());
    }

    /** The name of the type a value's first byte says, or null when it starts none. */
    private static String typeName(byte first) {
        return switch (first) {
            case '+' -> "simple string";
            case '-' -> "error";
            case ':' -> "integer";
            case '$' -> "bulk string";
            case '*' -> "array";
            case '_' -> "null";
            case '#' -> "boolean";
            case ',' -> "double";
            case '(' -> "big number";
            case '!' -> "bulk error";
            case '=' -> "verbatim string";
            case '%' -> "map";
            case '~' -> "set";
            case '>' -> "push";
            case '|' -> "attribute";
            default -> null;
        };
    }

    /** Offset of the CR of the CRLF that ends the line at {@code from}, or -1 when it has not come. */
    private static int lineEnd(byte[] b, int from, int end) {
        for (int i = from; i + 1 < end; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** A length or count line: a decimal, -1 for a null; -2 when it is no number. */
    private static long count(String line) {
        if (line.equals("-1")) {
            return -1;
        }
        if (line.isEmpty() || line.length() > 18 || !line.chars().allMatch(Character::isDigit)) {
            return -2;
        }
        return Long.parseLong(line);
    }
}
