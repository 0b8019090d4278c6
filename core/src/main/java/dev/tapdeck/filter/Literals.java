package dev.tapdeck.filter;

import dev.tapdeck.decode.field.FieldDef;
import dev.tapdeck.decode.field.FieldType;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Reads a literal as the type of what it is compared with, as Wireshark's {@code ftypes} do
 * ({@code fvalue_from_literal}, {@code fvalue_from_string}, {@code fvalue_from_charconst}),
 * with their messages when it cannot be read.
 */
final class Literals {
    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);
    /** The strings a boolean without value names shows (Wireshark's default {@code true_false_string}). */
    private static final Map<Long, String> TRUE_FALSE = Map.of(1L, "True", 0L, "False");

    private Literals() {
    }

    /**
     * An unquoted word as a value of {@code type}; {@code names} is the field whose value names
     * a word may be, or null. {@code partial} reads a MAC address of any length, as
     * {@code contains} does.
     */
    static Constant fromWord(FieldType type, Token token, FieldDef names, boolean partial, String filter) throws FilterException {
        String word = token.text();
        if (type.isInteger()) {
            return integer(type, token, names, filter);
        }
        return switch (type) {
            case BOOLEAN -> bool(token, names, filter);
            case IPV4 -> ipv4(token, filter);
            case IPV6 -> ipv6(token, filter);
            case ETHER -> ether(token, partial, filter);
            case STRING -> Constant.bytes(type, word.getBytes(StandardCharsets.UTF_8));
            case BYTES, PROTOCOL, NONE -> {
                byte[] bytes = Hex.byteString(word);
                if (bytes == null) {
                    throw error("\"" + word + "\" is not a valid byte string.", token, filter);
                }
                yield Constant.bytes(type, bytes);
            }
            case RELATIVE_TIME -> time(token, filter);
            default -> throw error(Types.prettyName(type) + " cannot be converted from a literal (" + word + ").", token, filter);
        };
    }

    /** A quoted string as a value of {@code type}: the string itself, or the name of a value. */
    static Constant fromString(FieldType type, Token token, FieldDef names, String filter) throws FilterException {
        byte[] bytes = token.value().getBytes(StandardCharsets.ISO_8859_1);
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (type == FieldType.STRING || type == FieldType.BYTES || type == FieldType.PROTOCOL || type == FieldType.NONE) {
            return Constant.bytes(type, bytes);
        }
        if (type == FieldType.BOOLEAN) {
            return Constant.number(type, named(text, token, names, valueNames(type, names), filter));
        }
        if (type.isInteger() && names != null && !names.valueNames().isEmpty()) {
            return Constant.number(type, named(text, token, names, names.valueNames(), filter));
        }
        throw error(Types.prettyName(type) + " cannot be converted from a string (\"" + text + "\").", token, filter);
    }

    /** A character constant ({@code 'a'}, {@code '\x41'}) as a value of {@code type}. */
    static Constant fromChar(FieldType type, Token token, String filter) throws FilterException {
        int value = charConstant(token, filter);
        if (type.isInteger() || type == FieldType.BOOLEAN) {
            return Constant.number(type, value);
        }
        return switch (type) {
            case STRING, BYTES, PROTOCOL -> Constant.bytes(type, new byte[] {(byte) value});
            default -> throw error("Character constant " + token.text() + " (0x" + String.format("%02x", value)
                    + ") cannot be converted to " + Types.prettyName(type) + ".", token, filter);
        };
    }

    /**
     * The value of a character constant, as Wireshark 4.0 reads one: a single character, or
     * {@code \xhh}, {@code \ooo}, {@code \\}, {@code \'}, {@code \"}. (4.0 does not take
     * {@code '\n'} and its kind; neither do we.)
     */
    static int charConstant(Token token, String filter) throws FilterException {
        String inside = token.value();
        if (inside.isEmpty()) {
            throw error("Empty character constant.", token, filter);
        }
        if (inside.charAt(0) != '\\') {
            if (inside.codePointCount(0, inside.length()) != 1) {
                throw error(token.text() + " is too long to be a valid character constant.", token, filter);
            }
            int codePoint = inside.codePointAt(0);
            if (codePoint > 0xff) {
                throw error(token.text() + " is too long to be a valid character constant.", token, filter);
            }
            return codePoint;
        }
        String escape = inside.substring(1);
        if (escape.length() == 1 && "\\'\"".indexOf(escape.charAt(0)) >= 0) {
            return escape.charAt(0);
        }
        if (escape.matches("x[0-9a-fA-F]{1,2}")) {
            return Integer.parseInt(escape.substring(1), 16);
        }
        if (escape.matches("[0-7]{1,3}") && Integer.parseInt(escape, 8) <= 0xff) {
            return Integer.parseInt(escape, 8);
        }
        if (escape.length() == 1 && "abfnrtv".indexOf(escape.charAt(0)) >= 0 || escape.length() > 1) {
            throw error(token.text() + " is too long to be a valid character constant.", token, filter);
        }
        throw error(token.text() + " isn't a valid character constant.", token, filter);
    }

    private static Constant integer(FieldType type, Token token, FieldDef names, String filter) throws FilterException {
        String word = token.text();
        BigInteger value = parseInteger(word);
        if (value == null) {
            if (names != null && !names.valueNames().isEmpty()) {
                return Constant.number(type, named(word, token, names, names.valueNames(), filter));
            }
            throw error("\"" + word + "\" is not a valid number.", token, filter);
        }
        if (value.compareTo(UINT64_MAX) > 0) {
            throw error("\"" + word + "\" causes an integer overflow.", token, filter);
        }
        BigInteger maximum = new BigInteger(Long.toUnsignedString(Types.maximum(type)));
        if (value.compareTo(maximum) > 0) {
            throw error("\"" + word + "\" too big for this field, maximum " + maximum + ".", token, filter);
        }
        return Constant.number(type, value.longValue());
    }

    /** A C integer as {@code strtoull(s, NULL, 0)} reads it, also {@code 0b101}; null when it is not one. */
    static BigInteger parseInteger(String word) {
        if (word.equals("0b") || word.equals("0B")) {
            // tshark reads the empty binary number as 0.
            return BigInteger.ZERO;
        }
        int radix = 10;
        String digits = word;
        if (word.length() > 2 && (word.startsWith("0x") || word.startsWith("0X"))) {
            radix = 16;
            digits = word.substring(2);
        } else if (word.length() > 2 && (word.startsWith("0b") || word.startsWith("0B"))) {
            radix = 2;
            digits = word.substring(2);
        } else if (word.length() > 1 && word.startsWith("0")) {
            radix = 8;
            digits = word.substring(1);
        }
        for (int i = 0; i < digits.length(); i++) {
            if (Character.digit(digits.charAt(i), radix) < 0) {
                return null;
            }
        }
        return digits.isEmpty() ? null : new BigInteger(digits, radix);
    }

    private static Constant bool(Token token, FieldDef names, String filter) throws FilterException {
        String word = token.text();
        switch (word) {
            case "True", "TRUE":
                return Constant.number(FieldType.BOOLEAN, 1);
            case "False", "FALSE":
                return Constant.number(FieldType.BOOLEAN, 0);
            default:
                BigInteger value = parseInteger(word);
                if (value != null && value.compareTo(UINT64_MAX) <= 0) {
                    return Constant.number(FieldType.BOOLEAN, value.signum() == 0 ? 0 : 1);
                }
                return Constant.number(FieldType.BOOLEAN, named(word, token, names, valueNames(FieldType.BOOLEAN, names), filter));
        }
    }

    private static Map<Long, String> valueNames(FieldType type, FieldDef names) {
        if (names != null && !names.valueNames().isEmpty()) {
            return names.valueNames();
        }
        return type == FieldType.BOOLEAN ? TRUE_FALSE : Map.of();
    }

    /** The value whose name is {@code name}, compared without regard to case as Wireshark does. */
    private static long named(String name, Token token, FieldDef field, Map<Long, String> valueNames, String filter)
            throws FilterException {
        Long found = null;
        for (Map.Entry<Long, String> entry : valueNames.entrySet()) {
            if (entry.getValue().equalsIgnoreCase(name) && (found == null || entry.getKey() < found)) {
                found = entry.getKey();
            }
        }
        if (found == null) {
            String fieldName = field == null ? "" : field.name();
            throw error("\"" + name + "\" cannot be found among the possible values for " + fieldName + ".", token, filter);
        }
        return found;
    }

    private static Constant ipv4(Token token, String filter) throws FilterException {
        String word = token.text();
        int slash = word.indexOf('/');
        String address = slash < 0 ? word : word.substring(0, slash);
        long value = Hex.ipv4(address);
        if (value < 0) {
            throw error("\"" + word + "\" is not a valid hostname or IPv4 address.", token, filter);
        }
        int prefix = Constant.WHOLE;
        if (slash >= 0) {
            prefix = prefixBits(word.substring(slash + 1));
            if (prefix > 32) {
                throw error("Netmask bits in a CIDR IPv4 address should be <= 32, not " + prefix, token, filter);
            }
        }
        return Constant.ipv4(value, prefix);
    }

    private static Constant ipv6(Token token, String filter) throws FilterException {
        String word = token.text();
        int slash = word.indexOf('/');
        String address = slash < 0 ? word : word.substring(0, slash);
        byte[] bytes = Hex.ipv6(address);
        if (bytes == null) {
            throw error("\"" + word + "\" is not a valid hostname or IPv6 address.", token, filter);
        }
        int prefix = Constant.WHOLE;
        if (slash >= 0) {
            prefix = prefixBits(word.substring(slash + 1));
            if (prefix > 128) {
                throw error("Prefix in a IPv6 address should be <= 128, not " + prefix, token, filter);
            }
        }
        return Constant.bytes(FieldType.IPV6, bytes, prefix);
    }

    private static int prefixBits(String digits) {
        return digits.length() > 4 ? Integer.MAX_VALUE : Integer.parseInt(digits);
    }

    private static Constant ether(Token token, boolean partial, String filter) throws FilterException {
        String word = token.text();
        byte[] bytes = Hex.byteString(word);
        if (bytes == null) {
            throw error("\"" + word + "\" is not a valid Ethernet address.", token, filter);
        }
        if (!partial && bytes.length < 6) {
            throw error("\"" + word + "\" contains too few bytes to be a valid Ethernet address.", token, filter);
        }
        if (!partial && bytes.length > 6) {
            throw error("\"" + word + "\" contains too many bytes to be a valid Ethernet address.", token, filter);
        }
        return Constant.bytes(FieldType.ETHER, bytes);
    }

    /** Seconds, with a fraction and a sign, to nanoseconds: exact, so 1.5 is 1,500,000,000 ns. */
    private static Constant time(Token token, String filter) throws FilterException {
        String word = token.text();
        if (!word.matches("[0-9]+(\\.[0-9]+)?")) {
            throw error("\"" + word + "\" is not a valid time.", token, filter);
        }
        BigDecimal nanos = new BigDecimal(word).multiply(NANOS_PER_SECOND);
        if (nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw error("\"" + word + "\" is not a valid time.", token, filter);
        }
        return Constant.number(FieldType.RELATIVE_TIME, nanos.setScale(0, java.math.RoundingMode.DOWN).longValueExact());
    }

    static FilterException error(String message, Token token, String filter) {
        return new FilterException(message, filter, token.position(), Math.max(1, token.length()));
    }
}
