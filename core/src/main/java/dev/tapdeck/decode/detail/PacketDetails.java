package dev.tapdeck.decode.detail;

import dev.tapdeck.decode.Dissection;
import dev.tapdeck.decode.JsonLinesFormat;
import dev.tapdeck.decode.LinkTypes;
import dev.tapdeck.decode.PacketDecoder;
import dev.tapdeck.decode.Protocol;
import dev.tapdeck.analysis.process.ProcessComment;
import dev.tapdeck.analysis.process.ProcessInfo;
import dev.tapdeck.decode.PacketSummary;
import dev.tapdeck.decode.field.FieldDef;
import dev.tapdeck.decode.field.FrameFields;
import dev.tapdeck.decode.field.ProcessFields;
import dev.tapdeck.decode.field.StreamFields;
import dev.tapdeck.decode.field.TransportFields;
import dev.tapdeck.file.PacketRecord;
import dev.tapdeck.stream.StreamFacts;
import dev.tapdeck.stream.StreamMessage;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * The detail tree of one packet, as Wireshark's packet details pane shows it: what
 * {@code GET /api/packets/{n}} serves and what a detail pane highlights in the hex view.
 * Built from a {@link PacketDecoder} dissection: its flyweights give the values, its layer
 * offsets the byte ranges. A cold path (one packet per click), so it allocates freely.
 */
public final class PacketDetails {
    private PacketDetails() {
    }

    /**
     * The layer tree for one packet: a "frame" node first, then one node per decoded layer, in
     * order. Never throws: a malformed/truncated packet gives the layers that decoded plus a
     * "_ws.malformed" or "_ws.short" node, as Wireshark does.
     */
    public static List<DetailNode> describe(long frameNumber, PacketRecord packet) {
        return describe(frameNumber, packet, null);
    }

    /**
     * The layer tree as {@link #describe(long, PacketRecord)} makes it, with what the stream
     * tracker found of the packet ({@code facts}; null for nothing): the TCP node's stream
     * index, timestamps and sequence analysis.
     */
    public static List<DetailNode> describe(long frameNumber, PacketRecord packet, StreamFacts facts) {
        return describe(frameNumber, packet, facts, null);
    }

    /**
     * The layer tree as {@link #describe(long, PacketRecord, StreamFacts)} makes it, with the
     * program the packet belonged to ({@code process}; null when unknown) as a "Process" tree
     * before the frame's, after the packet's comment as Wireshark shows one.
     */
    public static List<DetailNode> describe(long frameNumber, PacketRecord packet, StreamFacts facts, ProcessInfo process) {
        Dissection d = new PacketDecoder().decode(packet);
        List<DetailNode> tree = new ArrayList<>();
        PacketBytes none = new PacketBytes(d.bytes(), d.capturedLength(), 0);
        if (packet.comment() != null) {
            tree.add(comment(none, packet.comment()));
        }
        if (process != null) {
            tree.add(process(none, process));
        }
        tree.add(frame(frameNumber, packet, d, facts));
        List<NodeBuilder> layers = new ArrayList<>();
        boolean cut = describeLayers(d, 0, layers, facts);
        if (facts != null && PacketSummary.showsStreamMessages(d, facts)) {
            layers.forEach(layer -> tree.add(layer.build()));
            // With desegmentation, the layers above TCP are those of the messages the segment completes.
            int tcp = tree.size() - layers.size() + tcpLayer(layers);
            tree.subList(tcp + 1, tree.size()).clear();
            tree.set(tcp, withSegmentData(tree.get(tcp), d, facts));
            for (StreamMessage message : facts.messages()) {
                if (message.segments().count() > 1) {
                    tree.add(reassembled(message.segments()));
                }
                tree.addAll(message.layers());
            }
            return tree;
        }
        layers.forEach(layer -> tree.add(layer.build()));
        int end = layers.isEmpty() ? 0 : layers.getLast().offset();
        PacketBytes bytes = new PacketBytes(d.bytes(), d.capturedLength(), 0);
        if (d.malformed()) {
            NodeBuilder malformed = NodeBuilder.protocol(bytes, FrameFields.WS_MALFORMED, "[Malformed Packet: " + protocolLabel(d) + "]", end, 0);
            malformed.expert(Expert.MALFORMED, FrameFields.WS_MALFORMED_EXPERT.label());
            tree.add(malformed.build());
        } else if (d.truncated() || cut) {
            tree.add(NodeBuilder.protocol(bytes, FrameFields.WS_SHORT, "[Packet size limited during capture: " + protocolLabel(d) + " truncated]", end, 0)
                    .build());
        }
        return tree;
    }

    /**
     * The layers of one application message reassembled from TCP segments, decoded by
     * {@link PacketDecoder#decodeMessage}: offsets count from the message's first byte.
     * Never throws: a message cut short gives the nodes that fit.
     */
    public static List<DetailNode> describeMessage(Dissection d) {
        PacketBytes bytes = new PacketBytes(d.bytes(), d.capturedLength(), 0);
        List<NodeBuilder> layers = new ArrayList<>();
        LayerWalk walk = new LayerWalk(d, bytes, layers, false, null).overTcp();
        try {
            for (int i = 0; i < d.layerCount(); i++) {
                walk.describe(i, d.layer(i), d.layerOffset(i), i + 1 < d.layerCount() ? d.layerOffset(i + 1) : -1);
            }
        } catch (PacketBytes.BeyondCapture e) {
            // the nodes built so far stand, as for a packet the capture cut
        }
        return layers.stream().map(NodeBuilder::build).toList();
    }

    /** Index in {@code layers} of the first TCP layer. */
    private static int tcpLayer(List<NodeBuilder> layers) {
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i).field() == TransportFields.TCP_PROTO) {
                return i;
            }
        }
        throw new IllegalStateException("a packet shown by its stream's messages has a TCP layer");
    }

    /**
     * The TCP node with Wireshark's {@code TCP segment data} line when the segment's bytes
     * are part of a message reassembled from more than one segment.
     */
    private static DetailNode withSegmentData(DetailNode tcp, Dissection d, StreamFacts facts) {
        boolean partOfReassembly = facts.messages().isEmpty() || facts.messages().stream().anyMatch(m -> m.segments().count() > 1);
        int payload = d.tcp.offset() + d.tcp.headerLength();
        int length = Math.min(d.tcp.payloadLength(), d.capturedLength() - payload);
        if (!partOfReassembly || length <= 0) {
            return tcp;
        }
        List<DetailNode> children = new ArrayList<>(tcp.children());
        children.add(new DetailNode(StreamFields.TCP_SEGMENT_DATA.name(), "TCP segment data (" + length + " bytes)",
                new PacketBytes(d.bytes(), d.capturedLength(), 0).colonHex(payload, length), payload, length, false, List.of()));
        return new DetailNode(tcp.name(), tcp.label(), tcp.value(), tcp.offset(), tcp.length(), tcp.hidden(), children);
    }

    /** Wireshark's list of the segments a message was reassembled from, shown before the message. */
    private static DetailNode reassembled(StreamMessage.Segments segments) {
        StringBuilder label = new StringBuilder().append('[').append(segments.count()).append(' ').append(StreamFields.TCP_SEGMENTS.label())
                .append(" (").append(segments.bytes()).append(" bytes): ");
        List<DetailNode> children = new ArrayList<>();
        long at = 0;
        for (int i = 0; i < segments.frames().length; i++) {
            long frame = segments.frames()[i];
            int length = segments.lengths()[i];
            label.append(i == 0 ? "" : ", ").append('#').append(frame).append('(').append(length).append(')');
            children.add(generated(StreamFields.TCP_SEGMENT, "[Frame: %d, payload: %d-%d (%d bytes)]".formatted(frame, at, at + length - 1, length),
                    String.valueOf(frame)));
            at += length;
        }
        label.append(segments.frames().length < segments.count() ? ", ...]" : "]");
        children.add(generated(StreamFields.TCP_SEGMENT_COUNT, "[" + StreamFields.TCP_SEGMENT_COUNT.label() + ": " + segments.count() + "]",
                String.valueOf(segments.count())));
        children.add(generated(StreamFields.TCP_REASSEMBLED_LENGTH, "[" + StreamFields.TCP_REASSEMBLED_LENGTH.label() + ": " + segments.bytes() + "]",
                String.valueOf(segments.bytes())));
        return new DetailNode(StreamFields.TCP_SEGMENTS.name(), label.toString(), null, 0, 0, false, children);
    }

    private static DetailNode generated(FieldDef field, String label, String value) {
        return new DetailNode(field.name(), label, value, 0, 0, false, List.of());
    }

    private static String protocolLabel(Dissection d) {
        return d.layerCount() == 0 ? "Frame" : d.layer(d.layerCount() - 1).filterName().toUpperCase(java.util.Locale.ROOT);
    }

    /** Wireshark's "Packet comments" tree: the comment, and an expert item that repeats it. */
    private static DetailNode comment(PacketBytes bytes, String comment) {
        NodeBuilder comments = NodeBuilder.protocol(bytes, FrameFields.PACKET_COMMENTS_PROTO, 0, 0);
        comments.labelledField(FrameFields.COMMENT, comment, comment, 0, 0).expert(Expert.COMMENT, comment);
        return comments.build();
    }

    /** The program's tree: {@code Process: curl (pid 4242)}, then what the OS said of it. */
    private static DetailNode process(PacketBytes bytes, ProcessInfo process) {
        NodeBuilder node = NodeBuilder.protocol(bytes, ProcessFields.PROC_PROTO, "Process: " + ProcessComment.format(process), 0, 0);
        node.generated(ProcessFields.PID, process.pid());
        addText(node, ProcessFields.NAME, process.name());
        addText(node, ProcessFields.CMDLINE, process.commandLine());
        addText(node, ProcessFields.USER, process.user());
        addText(node, ProcessFields.CONTAINER, process.container());
        return node.build();
    }

    private static void addText(NodeBuilder node, FieldDef field, String text) {
        if (text != null && !text.isEmpty()) {
            node.generated(field, text);
        }
    }

    private static DetailNode frame(long frameNumber, PacketRecord packet, Dissection d, StreamFacts facts) {
        PacketBytes bytes = new PacketBytes(d.bytes(), d.capturedLength(), 0);
        int length = packet.originalLength();
        int captured = packet.capturedLength();
        NodeBuilder frame = NodeBuilder.protocol(bytes, FrameFields.FRAME_PROTO, "Frame %d: %d bytes on wire (%d bits), %d bytes captured (%d bits)"
                .formatted(frameNumber, length, length * 8L, captured, captured * 8L), 0, captured);
        if (d.encapsulation() >= 0) {
            frame.number(FrameFields.ENCAP_TYPE, d.encapsulation(), 0, 0);
        }
        if (packet.hasTimestamp()) {
            StringBuilder epoch = new StringBuilder();
            JsonLinesFormat.appendEpochTime(packet, epoch);
            frame.labelledField(FrameFields.TIME_EPOCH, "Epoch Time: " + epoch + " seconds", epoch.toString(), 0, 0);
        }
        frame.generated(FrameFields.NUMBER, frameNumber);
        frame.labelledField(FrameFields.LEN, "Frame Length: %d bytes (%d bits)".formatted(length, length * 8L), String.valueOf(length), 0, 0);
        frame.labelledField(FrameFields.CAP_LEN, "Capture Length: %d bytes (%d bits)".formatted(captured, captured * 8L), String.valueOf(captured), 0, 0);
        if (d.layerCount() > 0) {
            StringBuilder protocols = new StringBuilder();
            PacketSummary.appendProtocols(d, facts, protocols);
            frame.generated(FrameFields.PROTOCOLS, protocols);
        }
        return frame.build();
    }

    /**
     * Appends a node per layer of {@code d} up to any ICMP quote, which goes inside the ICMP
     * node. {@code base} is where {@code d}'s bytes start in the frame. Returns true when a
     * layer ran past the captured bytes.
     */
    private static boolean describeLayers(Dissection d, int base, List<NodeBuilder> layers, StreamFacts facts) {
        PacketBytes bytes = new PacketBytes(d.bytes(), d.capturedLength(), base);
        LayerWalk walk = new LayerWalk(d, bytes, layers, base > 0, facts);
        int count = d.quoteStart();
        try {
            for (int i = 0; i < count; i++) {
                walk.describe(i, d.layer(i), d.layerOffset(i), i + 1 < d.layerCount() ? d.layerOffset(i + 1) : -1);
            }
        } catch (PacketBytes.BeyondCapture e) {
            return true;
        }
        if (count < d.layerCount() && walk.lastIcmp() != null) {
            quoted(d, d.layerOffset(count), base).forEach(walk.lastIcmp()::add);
        }
        return false;
    }

    /**
     * The datagram an ICMP error quotes, decoded on its own as Wireshark's ICMP dissector
     * decodes it, from an IPv4 or IPv6 header: its layers go inside the ICMP node.
     */
    private static List<NodeBuilder> quoted(Dissection outer, int at, int base) {
        int length = outer.capturedLength() - at;
        if (length <= 0) {
            return List.of(); // the quote starts past the captured bytes
        }
        int linkType = outer.layer(outer.quoteStart()) == Protocol.IPV6 ? LinkTypes.IPV6 : LinkTypes.IPV4;
        Dissection d = new PacketDecoder().decode(MemorySegment.ofArray(outer.bytes()), at, length, length, linkType);
        List<NodeBuilder> layers = new ArrayList<>();
        describeLayers(d, base + at, layers, null); // the tracker's facts are the packet's, not its quote's
        return layers;
    }
}
