package dev.tapdeck.decode.field;

import dev.tapdeck.decode.detail.DetailNode;

import java.math.BigDecimal;

/**
 * A detail-tree node's value as a filter sees it: the node's display value read back by the
 * field's type, with the bytes the node covers in the packet. The slow path of
 * {@link PacketFields}, for fields without a flyweight reader.
 */
final class TreeValues {
    private TreeValues() {
    }

    /**
     * Adds {@code node}'s value. A layer's value runs to the captured end, as a Wireshark
     * protocol's does for {@code contains}; a protocol item within a layer (a TCP option) is
     * its own bytes.
     */
    static void add(FieldType type, DetailNode node, boolean layer, byte[] packet, int captured, FieldValues out) {
        int offset = node.offset();
        int length = Math.max(0, Math.min(node.length(), captured - offset));
        String value = node.value();
        switch (type) {
            case PROTOCOL -> out.addBytes(packet, offset, layer ? Math.max(0, captured - offset) : length);
            case NONE -> out.addBytes(packet, offset, length);
            case STRING -> out.addText(value == null ? "" : value);
            case BYTES, IPV6 -> out.addBytes(packet, offset, length);
            case ETHER -> out.addNumber(bits(packet, offset, Math.min(length, 6)), packet, offset, length);
            case IPV4 -> out.addNumber(length == 4 ? bits(packet, offset, 4) : ipv4(value), packet, offset, length);
            case RELATIVE_TIME -> out.addNumber(value == null ? 0 : seconds(value));
            default -> out.addNumber(integer(value), packet, offset, length);
        }
    }

    private static long bits(byte[] packet, int offset, int length) {
        long v = 0;
        for (int i = 0; i < length; i++) {
            v = v << 8 | (packet[offset + i] & 0xff);
        }
        return v;
    }

    private static long ipv4(String dotted) {
        long v = 0;
        for (String part : dotted.split("\\.")) {
            v = v << 8 | Integer.parseInt(part);
        }
        return v;
    }

    /** Seconds with a fraction, as the tree shows times, in nanoseconds. */
    private static long seconds(String value) {
        String number = value.split(" ")[0];
        return new BigDecimal(number).movePointRight(9).longValue();
    }

    /** An integer as the tree shows it: decimal, {@code 0x} hex, or a boolean's Set/True/1. */
    private static long integer(String value) {
        if (value == null || value.isEmpty()) {
            return 0;
        }
        if (value.startsWith("0x")) {
            return Long.parseUnsignedLong(value.substring(2), 16);
        }
        return switch (value) {
            case "True", "Set" -> 1;
            case "False", "Not set" -> 0;
            default -> Long.parseLong(value.split(" ")[0]);
        };
    }
}
