package dev.tapdeck.decode.field;

import dev.tapdeck.analysis.process.ProcessComment;
import dev.tapdeck.analysis.process.ProcessInfo;
import dev.tapdeck.decode.Dissection;
import dev.tapdeck.decode.PacketDecoder;
import dev.tapdeck.decode.Protocol;
import dev.tapdeck.decode.detail.DetailNode;
import dev.tapdeck.decode.detail.PacketDetails;
import dev.tapdeck.file.PacketRecord;
import dev.tapdeck.stream.StreamFacts;
import dev.tapdeck.stream.StreamMessage;
import dev.tapdeck.stream.StreamTracker;
import dev.tapdeck.stream.TcpPreferences;
import dev.tapdeck.stream.message.StreamMessages;

import java.util.ArrayList;
import java.util.List;

/**
 * The fields of one decoded packet, for filters and {@code -e} columns. A field with a
 * flyweight reader is read from the decoder's flyweights, allocating nothing, whenever those
 * hold every occurrence: its layer appears at most once and not inside an ICMP error's quote.
 * Any other field, or the same field in a tunnelled or quoting packet, is read from the
 * packet's detail tree, built at most once per packet and only when asked for.
 *
 * <p>Fields of a packet's place in its conversation ({@link StreamFields}) come from the
 * {@link StreamFacts} of a {@link StreamTracker} this instance feeds ({@link #tracking}), or
 * that were filled on another thread and handed to {@link #wrap(long, PacketRecord, long, StreamFacts)}.
 *
 * <p>One instance per thread, reused for every packet: {@link #wrap} decodes the next one.
 */
public final class PacketFields implements FieldSource {
    private final PacketDecoder decoder = new PacketDecoder();
    /** Reused by readers that need text made from several parts ({@code frame.protocols}, names). */
    private final StringBuilder text = new StringBuilder(128);
    private Dissection d;
    private PacketRecord record;
    private long frameNumber;
    private long referenceNanos;
    /** The detail tree's nodes in tree order, once built for this packet; null until then. */
    private List<TreeNode> nodes;
    private final StreamFacts facts = new StreamFacts();
    /** Fed every packet {@link #wrap} decodes, in order; null when the facts come from elsewhere. */
    private StreamTracker tracker;
    /** Decodes the tracker's reassembled streams into messages; null without desegmentation. */
    private StreamMessages messages;
    /** The program the packet belonged to ({@link ProcessFields}); null when unknown. */
    private ProcessInfo process;

    /** A node of the tree, and whether it is a layer (a top-level protocol) rather than a line within one. */
    private record TreeNode(DetailNode node, boolean layer) { }

    /**
     * Decodes {@code record}, packet {@code frameNumber} (1-based) of its capture;
     * {@code referenceNanos} is the first packet's time, from which {@code frame.time_relative}
     * counts. The record must stay valid until the next call.
     */
    public PacketFields wrap(long frameNumber, PacketRecord record, long referenceNanos) {
        this.d = decoder.decode(record);
        this.record = record;
        this.frameNumber = frameNumber;
        this.referenceNanos = referenceNanos;
        this.nodes = null;
        this.process = record.comment() == null ? null : ProcessComment.parse(record.comment()).orElse(null);
        if (messages != null) {
            messages.offer(tracker, d, frameNumber, epochNanos(), facts);
        } else if (tracker != null) {
            tracker.offer(d, frameNumber, epochNanos(), facts);
        } else {
            facts.clear();
        }
        return this;
    }

    /**
     * Decodes {@code record} as {@link #wrap(long, PacketRecord, long)} does, with the stream
     * facts a tracker filled for it on another thread.
     */
    public PacketFields wrap(long frameNumber, PacketRecord record, long referenceNanos, StreamFacts trackedFacts) {
        wrap(frameNumber, record, referenceNanos);
        facts.copyFrom(trackedFacts);
        return this;
    }

    /**
     * Feeds every packet decoded from now on to {@code tracker}, so their stream fields are
     * known: for a reader that decodes a whole capture, in order, on this one thread.
     */
    public PacketFields tracking(StreamTracker tracker) {
        this.tracker = tracker;
        return this;
    }

    /**
     * Feeds every packet decoded from now on to {@code tracker} with TCP desegmentation:
     * {@code messages} decodes the reassembled streams, so a message's fields are the fields
     * of the packet that completes it, as tshark shows them with {@code tcp.desegment_tcp_streams}.
     */
    public PacketFields desegmenting(StreamTracker tracker, StreamMessages messages) {
        this.tracker = tracker.dissect(messages);
        this.messages = messages;
        return this;
    }

    /**
     * Gives the packet the program it belonged to, after {@link #wrap}: its flow's, as a live
     * capture attributed it. A packet read from a recording has the program its comment names
     * ({@link ProcessComment}) until this replaces it; null makes it unknown.
     */
    public PacketFields process(ProcessInfo process) {
        if (this.process != process) {
            this.process = process;
            this.nodes = null;
        }
        return this;
    }

    /** The program the packet belonged to, null when unknown. */
    public ProcessInfo process() { return process; }

    /**
     * Feeds every packet decoded from now on to a new tracker that works out what
     * {@code preferences} ask for: with {@code tcp.desegment_tcp_streams}, the messages of the
     * reassembled streams too ({@link #desegmenting}), else the streams alone ({@link #tracking}).
     */
    public PacketFields following(TcpPreferences preferences) {
        StreamTracker tracker = preferences.tracker();
        return preferences.desegmentStreams() ? desegmenting(tracker, new StreamMessages(StreamMessages.builtIn())) : tracking(tracker);
    }

    /** What the stream tracker made of this packet; empty when nothing tracks the capture. */
    public StreamFacts streamFacts() { return facts; }

    public Dissection dissection() { return d; }

    /** An empty builder for a reader's text, reused from packet to packet. */
    StringBuilder scratch() {
        text.setLength(0);
        return text;
    }

    public PacketRecord record() { return record; }

    public long frameNumber() { return frameNumber; }

    /** The packet's time in nanoseconds since the epoch (0 when the record has none). */
    public long epochNanos() {
        return record.epochNanos();
    }

    /** The time since the first packet of the capture, in nanoseconds: {@code frame.time_relative}. */
    public long relativeNanos() {
        return epochNanos() - referenceNanos;
    }

    @Override
    public void collect(FieldDef field, FieldValues out) {
        out.clear();
        if (field.protocol().equals(facts.messageProtocol())) {
            fromMessages(field, out);
        } else if (field.isHot() && flyweightsHoldAll(field.layers())) {
            field.hotRead().read(this, out);
        } else {
            fromTree(field, out);
        }
    }

    /** True when each of {@code layers} appears at most once in the chain, and not in a quote. */
    private boolean flyweightsHoldAll(List<Protocol> layers) {
        if (layers.isEmpty()) {
            return true;
        }
        int seen = 0;
        int quoteStart = d.quoteStart();
        for (int i = 0, n = d.layerCount(); i < n; i++) {
            if (layers.contains(d.layer(i))) {
                if (++seen > 1 || i >= quoteStart) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Reads {@code field} from the detail tree, whatever flyweight reader it has: for tests that compare the two. */
    void treeCollect(FieldDef field, FieldValues out) {
        out.clear();
        fromTree(field, out);
    }

    /**
     * The detail tree's line for occurrence {@code index} of {@code field} ("Transmission
     * Control Protocol, Src Port: 80, ..."): how {@code -T fields} shows a protocol. The
     * field's name when the tree has no such line. A protocol the packet's stream is decoded
     * as has the lines of the messages the packet completed.
     */
    public String label(FieldDef field, int index) {
        int seen = 0;
        List<TreeNode> source = nodes();
        if (field.protocol().equals(facts.messageProtocol())) {
            source = new ArrayList<>();
            for (StreamMessage message : facts.messages()) {
                source.addAll(treeNodes(message.layers()));
            }
        }
        for (TreeNode entry : source) {
            if (field.name().equals(entry.node().name()) && seen++ == index) {
                return entry.node().label();
            }
        }
        return field.name();
    }

    private List<TreeNode> nodes() {
        if (nodes == null) {
            nodes = treeNodes(PacketDetails.describe(frameNumber, record, facts, process));
        }
        return nodes;
    }

    /** Every node of a tree in tree order, each layer marked as one. */
    private static List<TreeNode> treeNodes(List<DetailNode> layers) {
        List<TreeNode> all = new ArrayList<>();
        for (DetailNode layer : layers) {
            all.add(new TreeNode(layer, true));
            flatten(layer.children(), all);
        }
        return all;
    }

    private void fromTree(FieldDef field, FieldValues out) {
        addMatching(field, nodes(), d.bytes(), d.capturedLength(), out);
    }

    /** Adds the values of the nodes that are {@code field} (or one it stands for), whose offsets point into {@code bytes}. */
    private static void addMatching(FieldDef field, List<TreeNode> nodes, byte[] bytes, int captured, FieldValues out) {
        List<FieldDef> wanted = field.anyOf().isEmpty() ? List.of(field) : field.anyOf();
        for (TreeNode entry : nodes) {
            for (FieldDef w : wanted) {
                if (w.name().equals(entry.node().name())) {
                    TreeValues.add(w.type(), entry.node(), entry.layer(), bytes, captured, out);
                }
            }
        }
    }

    /**
     * Reads a field of the protocol the packet's stream is decoded as from the messages the
     * packet completed, as tshark shows a reassembled message's fields on its last segment
     * only: a packet that completes none has none.
     */
    private void fromMessages(FieldDef field, FieldValues out) {
        for (StreamMessage message : facts.messages()) {
            addMatching(field, treeNodes(message.layers()), message.bytes(), message.bytes().length, out);
        }
    }

    private static void flatten(List<DetailNode> tree, List<TreeNode> out) {
        for (DetailNode node : tree) {
            out.add(new TreeNode(node, false));
            flatten(node.children(), out);
        }
    }
}
