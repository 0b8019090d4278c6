package dev.tapdeck.decode.field;

/**
 * A field's type, as Wireshark's {@code ftenum} names them: it decides which literals a
 * display filter accepts for the field, how values compare, and how {@code -T fields} prints
 * them.
 */
public enum FieldType {
    /** A layer: present or not, its value the bytes from its first byte to the packet's end. */
    PROTOCOL("FT_PROTOCOL", 0),
    /** A line of the tree with no value of its own (Wireshark's text items and FT_NONE flags). */
    NONE("FT_NONE", 0),
    BOOLEAN("FT_BOOLEAN", 0),
    UINT8("FT_UINT8", 8),
    UINT16("FT_UINT16", 16),
    UINT24("FT_UINT24", 24),
    UINT32("FT_UINT32", 32),
    UINT64("FT_UINT64", 64),
    INT16("FT_INT16", 16),
    INT32("FT_INT32", 32),
    INT64("FT_INT64", 64),
    /** A frame number, printed and compared as an unsigned integer. */
    FRAMENUM("FT_FRAMENUM", 32),
    IPV4("FT_IPv4", 0),
    IPV6("FT_IPv6", 0),
    ETHER("FT_ETHER", 0),
    STRING("FT_STRING", 0),
    BYTES("FT_BYTES", 0),
    /** Seconds and nanoseconds, compared with a number of seconds ({@code frame.time_relative > 1.5}). */
    RELATIVE_TIME("FT_RELATIVE_TIME", 0);

    private final String wiresharkName;
    private final int bits;

    FieldType(String wiresharkName, int bits) {
        this.wiresharkName = wiresharkName;
        this.bits = bits;
    }

    /** The name {@code tshark -G fields} prints for the type. */
    public String wiresharkName() {
        return wiresharkName;
    }

    /** Width of an integer type in bits, 0 for the others. */
    public int bits() {
        return bits;
    }

    public boolean isInteger() {
        return bits > 0;
    }

    /** True for the signed integer types, whose values compare and print as signed. */
    public boolean isSigned() {
        return this == INT16 || this == INT32 || this == INT64;
    }

    /** True for types whose values are numbers a filter compares by order. */
    public boolean isNumeric() {
        return isInteger() || this == BOOLEAN || this == RELATIVE_TIME;
    }

    /** True for types whose values carry bytes that {@code contains}, slices and {@code len} see. */
    public boolean hasBytes() {
        return this != NONE && this != BOOLEAN && this != RELATIVE_TIME && !isInteger();
    }
}
