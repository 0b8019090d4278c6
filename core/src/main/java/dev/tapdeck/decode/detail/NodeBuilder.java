package dev.tapdeck.decode.detail;

import dev.tapdeck.decode.field.FieldDef;
import dev.tapdeck.decode.field.FrameFields;

import java.util.ArrayList;
import java.util.List;

/**
 * A detail node while its layer is being described: fields are added in display order, each
 * checked against the captured bytes before it is added, so a layer cut by the snap length
 * keeps the fields before the cut. Every named node is made from its {@link FieldDef}, which
 * gives its filter name and, unless the tree shows a computed line, its label, the way its
 * value prints and the names of its values.
 */
final class NodeBuilder {
    private final PacketBytes bytes;
    /** The field, or null for a line with no filter name (Wireshark's "Queries"). */
    private final FieldDef field;
    private final String label;
    private final String value;
    private final int offset;
    private int length;
    private boolean hidden;
    private final List<NodeBuilder> children = new ArrayList<>();

    private NodeBuilder(PacketBytes bytes, FieldDef field, String label, String value, int offset, int length) {
        this.bytes = bytes;
        this.field = field;
        this.label = label;
        this.value = value;
        this.offset = offset;
        this.length = length;
    }

    /** A protocol node; its range is clipped to the captured bytes, as Wireshark clips a layer's. */
    static NodeBuilder protocol(PacketBytes bytes, FieldDef protocol, String label, int at, int length) {
        int clipped = Math.max(0, Math.min(length, bytes.captured() - at));
        return new NodeBuilder(bytes, protocol, label, null, at, clipped);
    }

    /** A protocol node labelled with the protocol's name. */
    static NodeBuilder protocol(PacketBytes bytes, FieldDef protocol, int at, int length) {
        return protocol(bytes, protocol, protocol.label(), at, length);
    }

    /** Adds a field of {@code length} bytes at {@code at}; throws {@link PacketBytes.BeyondCapture} when they were not captured. */
    NodeBuilder labelledField(FieldDef field, String label, String value, int at, int length) {
        bytes.require(at, length);
        return add(new NodeBuilder(bytes, field, label, value, at, length));
    }

    /** A field whose line is its label and its value: {@code Source Port: 80}. */
    NodeBuilder field(FieldDef field, Object value, int at, int length) {
        return field(field, field.label(), value, at, length);
    }

    /** A field whose line names it otherwise than its label ({@code Frame Length: 74 bytes}): {@code title: value}. */
    NodeBuilder field(FieldDef field, String title, Object value, int at, int length) {
        String text = String.valueOf(value);
        return labelledField(field, title + ": " + text, text, at, length);
    }

    /**
     * An integer field shown the Wireshark way: in its display's base, with its value's name
     * when it has names ({@code Protocol: TCP (6)}, {@code Type: IPv4 (0x0800)}).
     */
    NodeBuilder number(FieldDef field, long number, int at, int length) {
        return labelledField(field, field.label() + ": " + shown(field, number), valueText(field, number), at, length);
    }

    /** A line with no filter name, such as Wireshark's "Queries". */
    NodeBuilder text(String label, int at, int length) {
        return labelledField(null, label, null, at, length);
    }

    /**
     * A field of some bits of a {@code width}-bit word, labelled as Wireshark labels them, with
     * the word's other bits as dots: {@code .1.. .... = Don't fragment: Set}.
     */
    NodeBuilder bitField(FieldDef field, String shown, String value, int word, int mask, int width, int at, int length) {
        return labelledField(field, bitPattern(word, mask, width) + " = " + field.label() + ": " + shown, value, at, length);
    }

    /** An integer of the bits its declaration masks in {@code word}, shown with its value's name: {@code .... 0000 = Reply code: No error (0)}. */
    NodeBuilder bits(FieldDef field, int word, int at, int length) {
        return bits(field, word, (int) field.bitmask(), field.type().bits(), at, length);
    }

    /** An integer of the {@code mask} bits of a {@code width}-bit word, where Wireshark draws bits its declaration does not mask. */
    NodeBuilder bits(FieldDef field, int word, int mask, int width, int at, int length) {
        long number = (word & mask) >>> Integer.numberOfTrailingZeros(mask);
        return bitField(field, shown(field, number), valueText(field, number), word, mask, width, at, length);
    }

    /** A one-bit flag as its declaration places it: {@code ..1. .... = Syn: Set}, value 1 or 0. */
    NodeBuilder flag(FieldDef field, int word, int at, int length) {
        int mask = (int) field.bitmask();
        boolean set = (word & mask) != 0;
        return bitField(field, truth(field, set), set ? "1" : "0", word, mask, field.flagWordBits(), at, length);
    }

    /** A field Wireshark computes rather than reads: no bytes of its own. */
    NodeBuilder generated(FieldDef field, Object value) {
        return generated(field, field.label(), value);
    }

    NodeBuilder generated(FieldDef field, String title, Object value) {
        String text = String.valueOf(value);
        return add(new NodeBuilder(bytes, field, title + ": " + text, text, offset, 0));
    }

    /**
     * A field Wireshark works out from other packets (a stream index, a sequence analysis):
     * no bytes of its own, and shown in brackets, {@code [Stream index: 3]}.
     */
    NodeBuilder inferred(FieldDef field, Object value) {
        String text = String.valueOf(value);
        return add(new NodeBuilder(bytes, field, "[" + field.label() + ": " + text + "]", text, offset, 0));
    }

    /** A generated boolean, shown with its words for true and false. */
    NodeBuilder generated(FieldDef field, boolean value) {
        return add(new NodeBuilder(bytes, field, field.label() + ": " + truth(field, value), value ? "1" : "0", offset, 0));
    }

    /**
     * An expert item, as Wireshark adds one under the item it is about: the protocol's expert
     * field ({@code tcp.connection.syn}) with the message, then the message, severity and
     * group fields of {@code _ws.expert}.
     */
    NodeBuilder expert(Expert expert, String text) {
        // Wireshark formats an expert message into a label of ITEM_LABEL_LENGTH (240) bytes.
        String message = text.length() > MAX_EXPERT_MESSAGE ? text.substring(0, MAX_EXPERT_MESSAGE) : text;
        long severity = expert.severity().value();
        long group = expert.group().value();
        String severityName = FrameFields.WS_EXPERT_SEVERITY.valueName(severity);
        String groupName = FrameFields.WS_EXPERT_GROUP.valueName(group);
        NodeBuilder node = add(new NodeBuilder(bytes, FrameFields.WS_EXPERT, "Expert Info (" + severityName + "/" + groupName + "): " + message,
                null, offset, 0));
        node.add(new NodeBuilder(bytes, expert.field(), message, null, offset, 0));
        node.add(new NodeBuilder(bytes, FrameFields.WS_EXPERT_MESSAGE, FrameFields.WS_EXPERT_MESSAGE.label() + ": " + message, message, offset, 0)).hide();
        node.add(new NodeBuilder(bytes, FrameFields.WS_EXPERT_SEVERITY, FrameFields.WS_EXPERT_SEVERITY.label() + ": " + severityName,
                Long.toString(severity), offset, 0));
        node.add(new NodeBuilder(bytes, FrameFields.WS_EXPERT_GROUP, FrameFields.WS_EXPERT_GROUP.label() + ": " + groupName,
                Long.toString(group), offset, 0));
        return node;
    }

    private static final int MAX_EXPERT_MESSAGE = 239;

    /** Marks the node hidden, as Wireshark hides items that exist for filters only ({@code http.request}). */
    NodeBuilder hide() {
        hidden = true;
        return this;
    }

    /** Adds a whole subtree, such as a protocol nested in this one. */
    NodeBuilder add(NodeBuilder child) {
        children.add(child);
        return child;
    }

    /** Widens a protocol node over a part that follows it, such as an IPv6 extension header. */
    void extendTo(int end) {
        length = Math.max(length, Math.min(end, bytes.captured()) - offset);
    }

    int offset() { return offset; }

    /** The node's field; null for a line with no filter name. */
    FieldDef field() { return field; }

    DetailNode build() {
        return new DetailNode(field == null ? "" : field.name(), label, value, bytes.frameOffset(offset), length, hidden,
                children.stream().map(NodeBuilder::build).toList());
    }

    /** How the tree shows an integer: {@code TCP (6)}, {@code 0x334c (13132)}, {@code Unknown (253)}. */
    static String shown(FieldDef field, long number) {
        String text = switch (field.display()) {
            case DEC_HEX -> number + " (" + hex(field, number) + ")";
            case HEX_DEC -> hex(field, number) + " (" + number + ")";
            default -> valueText(field, number);
        };
        if (field.valueNames().isEmpty()) {
            return text;
        }
        String name = field.valueName(number);
        return (name == null ? "Unknown" : name) + " (" + text + ")";
    }

    /** An integer's display value: decimal, or {@code 0x} hex. */
    static String valueText(FieldDef field, long number) {
        return field.base() == FieldDef.Base.HEX ? hex(field, number) : Long.toString(number);
    }

    /** Hex as wide as the field, or as its bits when it is some bits of a word ({@code tcp.flags}: {@code 0x012}). */
    private static String hex(FieldDef field, long number) {
        long mask = field.bitmask();
        int bits = mask == 0 ? field.type().bits() : 64 - Long.numberOfLeadingZeros(mask) - Long.numberOfTrailingZeros(mask);
        return "0x" + String.format("%0" + Math.max(1, (bits + 3) / 4) + "x", number);
    }

    /** A boolean's word: its declared one, or Wireshark's True and False. */
    private static String truth(FieldDef field, boolean value) {
        String word = field.valueName(value ? 1 : 0);
        return word != null ? word : value ? "True" : "False";
    }

    private static String bitPattern(int word, int mask, int width) {
        StringBuilder pattern = new StringBuilder();
        for (int bit = width - 1; bit >= 0; bit--) {
            pattern.append((mask >>> bit & 1) == 0 ? '.' : (word >>> bit & 1) == 0 ? '0' : '1');
            if (bit > 0 && bit % 4 == 0) {
                pattern.append(' ');
            }
        }
        return pattern.toString();
    }
}
