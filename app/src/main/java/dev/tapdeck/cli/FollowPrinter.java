package dev.tapdeck.cli;

import dev.tapdeck.decode.Addresses;
import dev.tapdeck.stream.StreamListener;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.BitSet;
import java.util.List;

/**
 * What {@code -z follow} prints for one {@link FollowRequest}, byte for byte as tshark 4.0
 * prints it (ui/cli/tap-follow.c): listens to the stream tracker, keeps the chunks of the
 * streams the request names (each delivery of in-order bytes is one chunk, as each tap
 * record is one in tshark; a gap is tshark's "[N bytes missing in capture file]" chunk) and
 * prints them once the capture is read. Node 0 is the side that sent the stream's first
 * packet; node 1's chunks are indented by a tab.
 */
final class FollowPrinter implements StreamListener {
    private static final String SEPARATOR = "===================================================================\n";
    private static final int BYTES_PER_LINE = 16;
    /** tshark's YAML puts 57 bytes in a line of base64: 76 characters, as in RFCs. */
    private static final int BASE64_LINE_BYTES = 57;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final FollowRequest request;
    /** Streams followed, by index: a bit set, so that each delivery looks its stream up without boxing it. */
    private final BitSet followed = new BitSet();
    /** Of the streams followed, those whose client is node 0 (all but a later stream between the same ends, opened from the other side). */
    private final BitSet sameClient = new BitSet();
    private final List<Chunk> chunks = new ArrayList<>();
    private String node0 = "";
    private String node1 = "";
    private String node0Host = "";
    private String node1Host = "";
    private int node0Port;
    private int node1Port;
    private long clientHigh, clientLow;
    private int clientPort;

    /** A piece of one side's bytes, or (when {@code missing} is above 0) tshark's marker for bytes the capture lacks. */
    private record Chunk(boolean server, long frame, long timeNanos, byte[] data, long missing) { }

    FollowPrinter(FollowRequest request) {
        this.request = request;
    }

    @Override
    public void begin(boolean tcp, int stream, long frame, boolean ipv6, long clientHigh, long clientLow, int clientPort,
                      long serverHigh, long serverLow, int serverPort) {
        if (tcp != request.tcp()) {
            return;
        }
        if (request.first() != null) {
            if (!(is(request.first(), clientHigh, clientLow, clientPort) && is(request.second(), serverHigh, serverLow, serverPort))
                    && !(is(request.second(), clientHigh, clientLow, clientPort) && is(request.first(), serverHigh, serverLow, serverPort))) {
                return;
            }
        } else if (stream != request.stream()) {
            return;
        }
        if (followed.isEmpty()) {
            this.clientHigh = clientHigh;
            this.clientLow = clientLow;
            this.clientPort = clientPort;
            node0Host = host(ipv6, clientHigh, clientLow);
            node1Host = host(ipv6, serverHigh, serverLow);
            node0Port = clientPort;
            node1Port = serverPort;
            node0 = ipv6 ? "[" + node0Host + "]" : node0Host;
            node1 = ipv6 ? "[" + node1Host + "]" : node1Host;
        }
        followed.set(stream);
        sameClient.set(stream, clientHigh == this.clientHigh && clientLow == this.clientLow && clientPort == this.clientPort);
    }

    @Override
    public void data(boolean tcp, int stream, boolean fromClient, long frame, long timeNanos, byte[] bytes, int offset, int length) {
        if (tcp == request.tcp() && followed.get(stream)) {
            chunks.add(new Chunk(fromClient != sameClient.get(stream), frame, timeNanos, Arrays.copyOfRange(bytes, offset, offset + length), 0));
        }
    }

    @Override
    public void gap(boolean tcp, int stream, boolean fromClient, long frame, long length) {
        if (tcp == request.tcp() && followed.get(stream)) {
            // tshark's marker, with the terminating NUL it copies too; its record has no time.
            byte[] text = ("[" + (int) length + " bytes missing in capture file]").getBytes(StandardCharsets.US_ASCII);
            chunks.add(new Chunk(fromClient != sameClient.get(stream), frame, 0, Arrays.copyOf(text, text.length + 1), length));
        }
    }

    private static boolean is(FollowRequest.End end, long high, long low, int port) {
        byte[] a = end.address();
        return port == end.port() && high == longAt(a, 0) && low == longAt(a, 8);
    }

    private static long longAt(byte[] b, int at) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = value << 8 | (b[at + i] & 0xff);
        }
        return value;
    }

    private static String host(boolean ipv6, long high, long low) {
        StringBuilder text = new StringBuilder();
        if (ipv6) {
            byte[] bytes = new byte[16];
            for (int i = 0; i < 8; i++) {
                bytes[i] = (byte) (high >>> (56 - 8 * i));
                bytes[8 + i] = (byte) (low >>> (56 - 8 * i));
            }
            Addresses.appendIpv6(bytes, 0, text);
        } else {
            Addresses.appendIpv4((int) low, text);
        }
        return text.toString();
    }

    /** The whole output for the request, as tshark prints it after the last packet. */
    byte[] render() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (request.mode() == FollowRequest.Mode.YAML) {
            text(out, "peers:\n  - peer: 0\n    host: " + node0Host + "\n    port: " + node0Port
                    + "\n  - peer: 1\n    host: " + node1Host + "\n    port: " + node1Port + "\npackets:\n");
        } else {
            text(out, "\n" + SEPARATOR + "Follow: " + request.protocol() + "," + request.mode().name().toLowerCase(java.util.Locale.ROOT)
                    + "\nFilter: " + request.filter() + "\nNode 0: " + node0 + ":" + node0Port + "\nNode 1: " + node1 + ":" + node1Port + "\n");
        }
        long[] position = new long[2];
        long number = 0;
        for (Chunk chunk : chunks) {
            number++;
            int side = chunk.server() ? 1 : 0;
            if (number < request.chunkMin() || number > request.chunkMax()) {
                position[side] += chunk.data().length;
                continue;
            }
            switch (request.mode()) {
                case ASCII -> ascii(out, chunk);
                case HEX -> hex(out, chunk, position[side]);
                case RAW -> raw(out, chunk);
                case YAML -> yaml(out, chunk);
            }
            position[side] += chunk.data().length;
        }
        if (request.mode() != FollowRequest.Mode.YAML) {
            text(out, SEPARATOR);
        }
        return out.toByteArray();
    }

    /** The bytes one side sent, in order, without the markers of what the capture lacks. */
    byte[] sent(boolean server) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Chunk chunk : chunks) {
            if (chunk.server() == server && chunk.missing() == 0) {
                out.writeBytes(chunk.data());
            }
        }
        return out.toByteArray();
    }

    /** Gaps (bytes the capture lacks) in what one side sent. */
    long missing(boolean server) {
        return chunks.stream().filter(c -> c.server() == server).mapToLong(Chunk::missing).sum();
    }

    /** The stream as one JSON object: its nodes, and its chunks with their frames, times and bytes (base64), or gaps. */
    String json() {
        StringBuilder json = new StringBuilder(256);
        json.append("{\"protocol\":\"").append(request.protocol()).append("\",\"filter\":\"").append(request.filter())
                .append("\",\"nodes\":[{\"host\":\"").append(node0Host).append("\",\"port\":").append(node0Port)
                .append("},{\"host\":\"").append(node1Host).append("\",\"port\":").append(node1Port).append("}],\"chunks\":[");
        for (int i = 0; i < chunks.size(); i++) {
            Chunk chunk = chunks.get(i);
            json.append(i == 0 ? "{" : ",{").append("\"peer\":").append(chunk.server() ? 1 : 0).append(",\"frame\":").append(chunk.frame());
            if (chunk.missing() > 0) {
                json.append(",\"missing\":").append(chunk.missing()).append('}');
            } else {
                json.append(",\"time\":\"").append(BigDecimal.valueOf(chunk.timeNanos(), 9).toPlainString())
                        .append("\",\"data\":\"").append(Base64.getEncoder().encodeToString(chunk.data())).append("\"}");
            }
        }
        return json.append("]}").toString();
    }

    private static void ascii(ByteArrayOutputStream out, Chunk chunk) {
        text(out, (chunk.server() ? "\t" : "") + chunk.data().length + "\n");
        for (byte b : chunk.data()) {
            // g_ascii_isprint, with line ends kept
            out.write(b == '\r' || b == '\n' || (b >= 0x20 && b < 0x7f) ? b : '.');
        }
        out.write('\n');
    }

    /** tshark's follow_print_hex: offset, 16 bytes in hex in two groups of 8, then as text (a space between the groups). */
    private static void hex(ByteArrayOutputStream out, Chunk chunk, long start) {
        byte[] data = chunk.data();
        StringBuilder line = new StringBuilder(80);
        for (int at = 0; at < data.length; at += BYTES_PER_LINE) {
            line.setLength(0);
            if (chunk.server()) {
                line.append('\t');
            }
            String offset = Long.toHexString((start + at) & 0xffff_ffffL).toUpperCase(java.util.Locale.ROOT);
            line.append("0".repeat(Math.max(0, 8 - offset.length()))).append(offset).append("  ");
            int end = Math.min(data.length, at + BYTES_PER_LINE);
            for (int i = at; i < at + BYTES_PER_LINE; i++) {
                if (i < end) {
                    line.append(HEX[(data[i] >> 4) & 0xf]).append(HEX[data[i] & 0xf]).append(' ');
                } else {
                    line.append("   ");
                }
                if (i - at == 7) {
                    line.append(' ');
                }
            }
            line.append(' ');
            for (int i = at; i < end; i++) {
                int c = data[i] & 0xff;
                line.append(c >= ' ' && c < 0x7f ? (char) c : '.');
                if (i - at == 7) {
                    line.append(' ');
                }
            }
            // tshark's line loses its last character when that is a space (the text's, or the gap after 8 bytes)
            if (line.charAt(line.length() - 1) == ' ') {
                line.setLength(line.length() - 1);
            }
            line.append('\n');
            text(out, line.toString());
        }
    }

    private static void raw(ByteArrayOutputStream out, Chunk chunk) {
        StringBuilder line = new StringBuilder(2 * chunk.data().length + 2);
        if (chunk.server()) {
            line.append('\t');
        }
        for (byte b : chunk.data()) {
            line.append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
        }
        text(out, line.append('\n').toString());
    }

    private static void yaml(ByteArrayOutputStream out, Chunk chunk) {
        // tshark prints the time as a C double with nine decimals: the double's exact value, rounded.
        double seconds = Math.floorDiv(chunk.timeNanos(), 1_000_000_000L) + Math.floorMod(chunk.timeNanos(), 1_000_000_000L) / 1e9;
        text(out, "  - packet: " + chunk.frame() + "\n    peer: " + (chunk.server() ? 1 : 0)
                + "\n    timestamp: " + new BigDecimal(seconds).setScale(9, RoundingMode.HALF_EVEN).toPlainString()
                + "\n    data: !!binary |\n");
        byte[] data = chunk.data();
        for (int at = 0; at < data.length; at += BASE64_LINE_BYTES) {
            text(out, "      " + Base64.getEncoder().encodeToString(Arrays.copyOfRange(data, at, Math.min(data.length, at + BASE64_LINE_BYTES))) + "\n");
        }
    }

    private static void text(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
    }
}
