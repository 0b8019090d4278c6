package dev.tapdeck.decode.field;

import dev.tapdeck.decode.Addresses;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * A field's value as text, the way {@code tshark -T fields} prints it (Wireshark 4.0's
 * {@code get_node_field_value}): integers in decimal, or for a hexadecimal field {@code 0x}
 * and as many digits as its type is wide ({@code tcp.flags} {@code 0x0012}, {@code ip.id}
 * {@code 0x5b9f}); booleans {@code 1} and {@code 0}; times as seconds with nine decimals;
 * addresses in their usual forms; bytes as plain lower-case hex; strings as they are; a
 * field with no value ({@code FT_NONE}) {@code 1}, so that its presence shows; a protocol
 * its line of the detail tree, or for a few its name. Appending allocates nothing except for text that is not ASCII.
 */
public final class FieldText {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    /**
     * Protocols whose Wireshark dissector adds its item without text of its own: the tree's
     * line is made only when a tree is shown, so {@code -T fields} prints the abbreviation
     * (tshark 4.0.17 on the corpus: icmp always; ip, tcp and others only for a header too
     * broken to be described, which Tapdeck does not tell apart).
     */
    private static final Set<String> UNLABELLED_PROTOCOLS = Set.of("icmp");
    /** Wireshark's ITEM_LABEL_LENGTH: the bytes a tree line may take, its terminating NUL included. */
    private static final int LABEL_BUFFER = 240;
    private static final String TRUNCATED = " [truncated]";

    private FieldText() {
    }

    /**
     * Appends occurrence {@code index} of {@code values}, which {@code packet} collected for
     * {@code field}: a protocol as the packet's detail tree labels it, anything else by
     * {@link #appendValue}.
     */
    public static void append(PacketFields packet, FieldDef field, FieldValues values, int index, StringBuilder out) {
        if (field.type() == FieldType.PROTOCOL && !UNLABELLED_PROTOCOLS.contains(field.name())) {
            appendLabel(packet.label(field, index), out);
        } else {
            appendValue(field, values, index, out);
        }
    }

    /**
     * Appends occurrence {@code index} of {@code values}, a value of {@code field}. A protocol,
     * whose text is a line of the detail tree that {@code values} do not hold, appends its
     * name, as tshark does for a protocol item without text.
     */
    public static void appendValue(FieldDef field, FieldValues values, int index, StringBuilder out) {
        long number = values.number(index);
        FieldType type = field.type();
        switch (type) {
            case PROTOCOL -> out.append(field.name());
            case NONE -> out.append('1');
            case BOOLEAN -> out.append(number != 0 ? '1' : '0');
            case IPV4 -> Addresses.appendIpv4((int) number, out);
            case IPV6 -> Addresses.appendIpv6(values.array(index), values.offset(index), out);
            case ETHER -> Addresses.appendMac(number, out);
            case STRING -> appendUtf8(values, index, out);
            case BYTES -> appendHex(values, index, out);
            case RELATIVE_TIME -> appendSeconds(number, out);
            default -> appendInteger(field.base(), number, type.bits(), type.isSigned(), out);
        }
    }

    /**
     * A tree line as Wireshark keeps it: in a buffer of {@value #LABEL_BUFFER} bytes, a longer
     * line marked {@code " [truncated]"} in front and cut where its 227th byte's character
     * begins (proto.c, {@code label_mark_truncated}).
     */
    static void appendLabel(String label, StringBuilder out) {
        byte[] utf8 = label.getBytes(StandardCharsets.UTF_8);
        if (utf8.length < LABEL_BUFFER) {
            out.append(label);
            return;
        }
        int end = LABEL_BUFFER - 2 - TRUNCATED.length(); // the byte before the terminator, less the mark
        while (end > 0 && (utf8[end] & 0xc0) == 0x80) {
            end--; // to the first byte of its character
        }
        out.append(TRUNCATED).append(new String(utf8, 0, end, StandardCharsets.UTF_8));
    }

    /** {@link #append} as a String, for cold paths. */
    public static String text(PacketFields packet, FieldDef field, FieldValues values, int index) {
        StringBuilder out = new StringBuilder();
        append(packet, field, values, index, out);
        return out.toString();
    }

    /**
     * Decimal, or {@code 0x} and {@code bits / 4} hex digits: Wireshark pads a hex field to the
     * width of its type, whatever bits its mask leaves ({@code tcp.flags}, 12 bits of a
     * 16-bit field, shows four digits).
     */
    private static void appendInteger(FieldDef.Base base, long value, int bits, boolean signed, StringBuilder out) {
        long masked = bits == 64 ? value : value & ((1L << bits) - 1);
        if (base == FieldDef.Base.HEX) {
            out.append("0x");
            for (int shift = bits - 4; shift >= 0; shift -= 4) {
                out.append(HEX[(int) (masked >>> shift) & 0xf]);
            }
        } else if (signed) {
            out.append(bits == 64 ? value : masked << (64 - bits) >> (64 - bits));
        } else if (masked >= 0) {
            out.append(masked);
        } else { // an unsigned 64-bit value past Long.MAX_VALUE: its last digit, then the rest
            long tens = (masked >>> 1) / 5;
            out.append(tens).append((char) ('0' + (masked - tens * 10)));
        }
    }

    /** Seconds with nine decimals, as Wireshark prints times in this mode: {@code 1513204139.656584000}. */
    public static void appendSeconds(long nanos, StringBuilder out) {
        if (nanos < 0) {
            out.append('-');
        }
        long seconds = Math.abs(nanos / 1_000_000_000L);
        long fraction = Math.abs(nanos % 1_000_000_000L);
        out.append(seconds).append('.');
        for (long divisor = 100_000_000L; divisor > 0; divisor /= 10) {
            out.append((char) ('0' + fraction / divisor % 10));
        }
    }

    private static void appendHex(FieldValues values, int index, StringBuilder out) {
        byte[] array = values.array(index);
        for (int i = values.offset(index), end = i + values.length(index); i < end; i++) {
            out.append(HEX[(array[i] >> 4) & 0xf]).append(HEX[array[i] & 0xf]);
        }
    }

    /** Text held as UTF-8: ASCII copied byte by byte, anything else decoded. */
    private static void appendUtf8(FieldValues values, int index, StringBuilder out) {
        byte[] array = values.array(index);
        int offset = values.offset(index);
        int length = values.length(index);
        for (int i = offset; i < offset + length; i++) {
            if (array[i] < 0) {
                out.append(values.text(index));
                return;
            }
        }
        for (int i = offset; i < offset + length; i++) {
            out.append((char) array[i]);
        }
    }
}
