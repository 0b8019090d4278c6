package dev.tapdeck.filter;

import dev.tapdeck.decode.field.FieldSource;
import dev.tapdeck.decode.field.FieldType;
import dev.tapdeck.decode.field.FieldValues;

/**
 * A literal read as the type of what it is compared with: one value, a number or bytes, and
 * for an address in CIDR notation the number of leading bits that count.
 */
final class Constant extends Operand {
    /** No prefix: every bit counts. */
    static final int WHOLE = -1;

    private final FieldValues values = new FieldValues();
    /** Leading bits that count when comparing an IPv4 or IPv6 address, or {@link #WHOLE}. */
    final int prefix;

    private Constant(FieldType type, boolean signed, int prefix) {
        super(type, signed);
        this.prefix = prefix;
    }

    static Constant number(FieldType type, long value) {
        return number(type, value, Types.isSigned(type));
    }

    static Constant number(FieldType type, long value, boolean signed) {
        Constant constant = new Constant(type, signed, WHOLE);
        constant.values.addNumber(value);
        return constant;
    }

    static Constant ipv4(long address, int prefix) {
        Constant constant = new Constant(FieldType.IPV4, false, prefix);
        byte[] bytes = {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address};
        constant.values.addNumber(address, bytes, 0, 4);
        return constant;
    }

    static Constant bytes(FieldType type, byte[] bytes) {
        return bytes(type, bytes, WHOLE);
    }

    static Constant bytes(FieldType type, byte[] bytes, int prefix) {
        Constant constant = new Constant(type, false, prefix);
        long number = 0;
        for (int i = 0; i < Math.min(8, bytes.length); i++) {
            number = number << 8 | (bytes[i] & 0xff);
        }
        constant.values.addNumber(number, bytes, 0, bytes.length);
        return constant;
    }

    /** A constant with no value at all: a reference to a marked packet, which Tapdeck has none of. */
    static Constant nothing(FieldType type) {
        return new Constant(type, false, WHOLE);
    }

    /** This constant as a signed or an unsigned number: the same value, read as the side it meets reads its own. */
    Constant withSign(boolean signed) {
        if (signed == this.signed || values.hasBytes(0)) {
            return this;
        }
        return number(type, number(), signed);
    }

    /** The number of a constant that has one. */
    long number() {
        return values.number(0);
    }

    @Override
    FieldValues load(FieldSource packet) {
        return values;
    }
}
