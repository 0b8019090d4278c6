package dev.tapdeck.filter;

import dev.tapdeck.decode.field.FieldType;

/**
 * What the filter language needs to know of a field type beyond {@link FieldType} itself:
 * signedness, Wireshark's name for it in messages, and which types may meet in a relation.
 * Integer types are told apart by their width and name, so a new width needs no change here.
 */
final class Types {
    private Types() {
    }

    /** {@code INT16}, {@code INT32}...: the integer types whose values are signed. */
    static boolean isSignedInteger(FieldType type) {
        return type.isInteger() && type.name().startsWith("INT");
    }

    /** True when values of {@code type} are signed numbers: signed integers and times. */
    static boolean isSigned(FieldType type) {
        return isSignedInteger(type) || type == FieldType.RELATIVE_TIME;
    }

    /** Wireshark's name of a type in messages ({@code ftype_pretty_name}). */
    static String prettyName(FieldType type) {
        if (type == FieldType.FRAMENUM) {
            return "Frame number";
        }
        if (type.isInteger()) {
            int bytes = type.bits() / 8;
            return (isSignedInteger(type) ? "Signed" : "Unsigned") + " integer (" + bytes + (bytes == 1 ? " byte)" : " bytes)");
        }
        return switch (type) {
            case PROTOCOL -> "Protocol";
            case NONE -> "Label";
            case BOOLEAN -> "Boolean";
            case IPV4 -> "IPv4 address";
            case IPV6 -> "IPv6 address";
            case ETHER -> "Ethernet or other MAC address";
            case STRING -> "Character string";
            case BYTES -> "Byte sequence";
            case RELATIVE_TIME -> "Time offset";
            default -> type.wiresharkName();
        };
    }

    /**
     * Which types may meet in a relation, as Wireshark's {@code compatible_ftypes} has it:
     * integers (booleans and frame numbers among them) with each other, byte-like types with
     * each other, anything else only with its own type.
     */
    static int group(FieldType type) {
        if (type.isInteger() || type == FieldType.BOOLEAN) {
            return -1;
        }
        if (type == FieldType.ETHER || type == FieldType.PROTOCOL) {
            return FieldType.BYTES.ordinal();
        }
        return type.ordinal();
    }

    /** The largest value of an integer type. */
    static long maximum(FieldType type) {
        int bits = isSignedInteger(type) ? type.bits() - 1 : type.bits();
        return bits == 64 ? -1 : (1L << bits) - 1;
    }
}
