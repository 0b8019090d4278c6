package dev.tapdeck.decode.detail;

import java.util.ArrayList;
import java.util.List;

/**
 * A detail node while its layer is being described: fields are added in display order, each
 * checked against the captured bytes before it is added, so a layer cut by the snap length
 * keeps the fields before the cut.
 */
final class NodeBuilder {
    private final PacketBytes bytes;
    private final String name;
    private final String label;
    private final String value;
    private final int offset;
    private int length;
    private final List<NodeBuilder> children = new ArrayList<>();

    private NodeBuilder(PacketBytes bytes, String name, String label, String value, int offset, int length) {
        this.bytes = bytes;
        this.name = name;
        this.label = label;
        this.value = value;
        this.offset = offset;
        this.length = length;
    }

    /** A protocol node; its range is clipped to the captured bytes, as Wireshark clips a layer's. */
    static NodeBuilder protocol(PacketBytes bytes, String name, String label, int at, int length) {
        int clipped = Math.max(0, Math.min(length, bytes.captured() - at));
        return new NodeBuilder(bytes, name, label, null, at, clipped);
    }

    /** Adds a field of {@code length} bytes at {@code at}; throws {@link PacketBytes.BeyondCapture} when they were not captured. */
    NodeBuilder labelledField(String name, String label, String value, int at, int length) {
        bytes.require(at, length);
        NodeBuilder child = new NodeBuilder(bytes, name, label, value, at, length);
        children.add(child);
        return child;
    }

    /** A field whose label is {@code title: value}. */
    NodeBuilder field(String name, String title, Object value, int at, int length) {
        String text = String.valueOf(value);
        return labelledField(name, title + ": " + text, text, at, length);
    }

    /** A line with no filter name, such as Wireshark's "Queries". */
    NodeBuilder text(String label, int at, int length) {
        return labelledField("", label, null, at, length);
    }

    /**
     * A field of some bits of a {@code width}-bit word, labelled as Wireshark labels them, with
     * the word's other bits as dots: {@code .1.. .... = Don't fragment: Set}.
     */
    NodeBuilder bitField(String name, String title, String shown, String value, int word, int mask, int width, int at, int length) {
        StringBuilder pattern = new StringBuilder();
        for (int bit = width - 1; bit >= 0; bit--) {
            pattern.append((mask >>> bit & 1) == 0 ? '.' : (word >>> bit & 1) == 0 ? '0' : '1');
            if (bit > 0 && bit % 4 == 0) {
                pattern.append(' ');
            }
        }
        return labelledField(name, pattern + " = " + title + ": " + shown, value, at, length);
    }

    /** A one-bit flag: {@code ..1. .... = Syn: Set}, value 1 or 0. */
    NodeBuilder flag(String name, String title, int word, int mask, int width, int at, int length) {
        boolean set = (word & mask) != 0;
        return bitField(name, title, set ? "Set" : "Not set", set ? "1" : "0", word, mask, width, at, length);
    }

    /** A field Wireshark computes rather than reads: no bytes of its own. */
    NodeBuilder generated(String name, String title, Object value) {
        String text = String.valueOf(value);
        NodeBuilder child = new NodeBuilder(bytes, name, title + ": " + text, text, offset, 0);
        children.add(child);
        return child;
    }

    /** Adds a whole subtree, such as a protocol nested in this one. */
    void add(NodeBuilder child) {
        children.add(child);
    }

    /** Widens a protocol node over a part that follows it, such as an IPv6 extension header. */
    void extendTo(int end) {
        length = Math.max(length, Math.min(end, bytes.captured()) - offset);
    }

    int offset() { return offset; }

    DetailNode build() {
        return new DetailNode(name, label, value, bytes.frameOffset(offset), length,
                children.stream().map(NodeBuilder::build).toList());
    }
}
