package dev.tapdeck.stream;

import dev.tapdeck.decode.detail.DetailNode;

import java.util.List;
import java.util.Locale;

/**
 * One application message a stream decoder put together from a stream's in-order bytes (an
 * HTTP request, a TLS record, a DNS message), tied to the packet whose bytes completed it, as
 * Wireshark shows a reassembled PDU on its last segment. Its fields are the nodes of its
 * layers, whose offsets count from the first byte of {@link #bytes()}: the registry's fields
 * read them as they read a packet's detail tree. Made when a message completes (a cold path)
 * and never changed after, so it can be handed to the thread that prints its packet.
 */
public final class StreamMessage {
    /** Builds a message's layers from its bytes: run at most once, on the thread that first reads its fields. */
    @FunctionalInterface
    public interface Describer {
        List<DetailNode> describe(byte[] bytes);
    }

    private final String protocol;
    private final long frame;
    private final boolean fromClient;
    private final byte[] bytes;
    /** How a packet list shows a message: built from its bytes, on the thread that first asks. */
    @FunctionalInterface
    public interface Summarizer {
        Summary summarize(byte[] bytes);
    }

    /**
     * A message as the packet list shows the frame that completes it: the protocol column
     * ({@code TLSv1.2}, {@code HTTP/XML}), its part of the info column ({@code HTTP/1.1 200 OK
     * (text/html)}), and the dissectors Wireshark hands its body to after the message's own
     * protocol in {@code frame.protocols} ({@code data-text-lines}; empty for none).
     */
    public record Summary(String column, String info, String bodyProtocols) { }

    /**
     * The segments a message came in, as Wireshark lists a reassembled PDU's: the frames (in
     * order, as many as were listed) with the bytes each brought, how many segments there were
     * in all, and the message's length on the stream.
     */
    public record Segments(long[] frames, int[] lengths, int count, long bytes) {
        public static final Segments UNKNOWN = new Segments(new long[0], new int[0], 0, 0);
    }

    private final Describer describer;
    private final Summarizer summarizer;
    private List<DetailNode> layers;
    private Summary summary;
    private Segments segments = Segments.UNKNOWN;

    /**
     * @param protocol   the registry protocol whose fields the message gives ({@code http})
     * @param frame      the packet whose bytes completed it
     * @param fromClient true when the stream's client sent it
     * @param bytes      the message's own bytes (as many as its decoder keeps), not shared
     */
    public StreamMessage(String protocol, long frame, boolean fromClient, byte[] bytes, Describer describer, Summarizer summarizer) {
        this.protocol = protocol;
        this.frame = frame;
        this.fromClient = fromClient;
        this.bytes = bytes;
        this.describer = describer;
        this.summarizer = summarizer;
    }

    /** A message the packet list shows by its protocol's name alone, in capitals, with no info of its own. */
    public StreamMessage(String protocol, long frame, boolean fromClient, byte[] bytes, Describer describer) {
        this(protocol, frame, fromClient, bytes, describer, b -> new Summary(protocol.toUpperCase(Locale.ROOT), "", ""));
    }

    public String protocol() { return protocol; }

    public long frame() { return frame; }

    public boolean fromClient() { return fromClient; }

    /** The bytes the layers' offsets point into. */
    public byte[] bytes() { return bytes; }

    /** The message's detail nodes, one per layer (an {@code http} node, say), built on first use. */
    public List<DetailNode> layers() {
        if (layers == null) {
            layers = describer.describe(bytes);
        }
        return layers;
    }

    /**
     * Records the segments the message came in: called by the decoder that made it before it
     * hands it on, never after.
     */
    public StreamMessage withSegments(Segments segments) {
        this.segments = segments;
        return this;
    }

    /** The segments the message came in; {@link Segments#UNKNOWN} when its decoder does not say. */
    public Segments segments() { return segments; }

    /** How the packet list shows the message, built on first use. */
    public Summary summary() {
        if (summary == null) {
            summary = summarizer.summarize(bytes);
        }
        return summary;
    }

    @Override
    public String toString() {
        return protocol + " message completed by frame " + frame + (fromClient ? " from the client" : " from the server");
    }
}
