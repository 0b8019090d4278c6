package dev.tapdeck.decode;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A line of UTF-8 text built in a reused byte array: what {@link StringBuilder} is to chars,
 * for output that ends as bytes anyway. A JSON line is mostly names, punctuation and numbers,
 * and appending them here is a few stores each, with no per-character checks of a builder's
 * coder and capacity and no encoding pass at the end. Reused, it allocates nothing.
 */
public final class Utf8Builder {
    /** Decimal digits of a long, with its sign. */
    private static final int MAX_LONG_CHARS = 20;
    private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);

    private byte[] bytes;
    private int length;

    public Utf8Builder(int capacity) {
        bytes = new byte[capacity];
    }

    public int length() {
        return length;
    }

    /** The bytes, valid up to {@link #length()}, until the next append. */
    public byte[] array() {
        return bytes;
    }

    public Utf8Builder clear() {
        length = 0;
        return this;
    }

    /** An ASCII character. */
    public Utf8Builder append(char ascii) {
        ensure(1);
        bytes[length++] = (byte) ascii;
        return this;
    }

    /** Text already encoded, such as a name made once. */
    public Utf8Builder append(byte[] encoded) {
        ensure(encoded.length);
        System.arraycopy(encoded, 0, bytes, length, encoded.length);
        length += encoded.length;
        return this;
    }

    public Utf8Builder append(boolean value) {
        return append(value ? TRUE : FALSE);
    }

    /** Decimal, as {@link StringBuilder#append(long)} writes it. */
    public Utf8Builder append(long value) {
        ensure(MAX_LONG_CHARS);
        if (value < 0) {
            if (value == Long.MIN_VALUE) {
                return append(Long.toString(value).getBytes(StandardCharsets.US_ASCII));
            }
            bytes[length++] = '-';
            value = -value;
        }
        int end = length + digits(value);
        for (int at = end - 1; at >= length; at--) {
            bytes[at] = (byte) ('0' + value % 10);
            value /= 10;
        }
        length = end;
        return this;
    }

    /** {@code value} as exactly {@code width} decimal digits, zeros in front: a fraction of a second. */
    public Utf8Builder appendDigits(long value, int width) {
        ensure(width);
        for (int at = length + width - 1; at >= length; at--) {
            bytes[at] = (byte) ('0' + value % 10);
            value /= 10;
        }
        length += width;
        return this;
    }

    /** Characters in UTF-8; a lone surrogate becomes U+FFFD, as {@link java.nio.charset.CharsetEncoder} with REPLACE writes it. */
    public Utf8Builder append(CharSequence text) {
        int count = text.length();
        ensure(3 * count);
        for (int i = 0; i < count; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes[length++] = (byte) c;
            } else {
                i = appendNonAscii(text, i);
            }
        }
        return this;
    }

    /**
     * A JSON string (RFC 8259 §7) in UTF-8: quote, backslash and control characters escaped.
     */
    public Utf8Builder appendJsonString(CharSequence text) {
        int count = text.length();
        ensure(6 * count + 2);
        bytes[length++] = '"';
        for (int i = 0; i < count; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                i = appendNonAscii(text, i);
            } else if (c >= 0x20 && c != '"' && c != '\\') {
                bytes[length++] = (byte) c;
            } else {
                appendEscape(c);
            }
        }
        bytes[length++] = '"';
        return this;
    }

    private void appendEscape(char c) {
        bytes[length++] = '\\';
        switch (c) {
            case '"', '\\' -> bytes[length++] = (byte) c;
            case '\n' -> bytes[length++] = 'n';
            case '\r' -> bytes[length++] = 'r';
            case '\t' -> bytes[length++] = 't';
            default -> {
                bytes[length++] = 'u';
                bytes[length++] = '0';
                bytes[length++] = '0';
                bytes[length++] = (byte) Character.forDigit(c >> 4, 16);
                bytes[length++] = (byte) Character.forDigit(c & 0xf, 16);
            }
        }
    }

    /** Encodes the character at {@code i} (and its low surrogate); returns the index of the last char used. Room is ensured. */
    private int appendNonAscii(CharSequence text, int i) {
        char c = text.charAt(i);
        if (c < 0x800) {
            bytes[length++] = (byte) (0xc0 | (c >> 6));
            bytes[length++] = (byte) (0x80 | (c & 0x3f));
            return i;
        }
        if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
            int cp = Character.toCodePoint(c, text.charAt(i + 1));
            bytes[length++] = (byte) (0xf0 | (cp >> 18));
            bytes[length++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
            bytes[length++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
            bytes[length++] = (byte) (0x80 | (cp & 0x3f));
            return i + 1;
        }
        char unit = Character.isSurrogate(c) ? '\uFFFD' : c;
        bytes[length++] = (byte) (0xe0 | (unit >> 12));
        bytes[length++] = (byte) (0x80 | ((unit >> 6) & 0x3f));
        bytes[length++] = (byte) (0x80 | (unit & 0x3f));
        return i;
    }

    /** Room for {@code count} more bytes. */
    private void ensure(int count) {
        if (length + count > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(length + count, 2 * bytes.length));
        }
    }

    private static int digits(long positive) {
        int digits = 1;
        for (long rest = positive; rest >= 10; rest /= 10) {
            digits++;
        }
        return digits;
    }

    /** The text, for tests and cold paths. */
    @Override
    public String toString() {
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }
}
