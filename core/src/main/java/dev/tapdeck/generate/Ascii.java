package dev.tapdeck.generate;

import java.nio.charset.StandardCharsets;

/** Writes text protocols (HTTP heads, JSON bodies) as ASCII straight into a byte array. */
final class Ascii {
    private Ascii() {}

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[][] bytesOf(String... texts) {
        byte[][] bytes = new byte[texts.length][];
        for (int i = 0; i < texts.length; i++) {
            bytes[i] = bytes(texts[i]);
        }
        return bytes;
    }

    /** @return the offset after the copied text */
    static int put(byte[] into, int offset, byte[] text) {
        System.arraycopy(text, 0, into, offset, text.length);
        return offset + text.length;
    }

    /** @return the offset after the decimal digits of a non-negative {@code value} */
    static int putDecimal(byte[] into, int offset, long value) {
        int digits = 1;
        for (long rest = value / 10; rest != 0; rest /= 10) {
            digits++;
        }
        for (int i = offset + digits - 1; i >= offset; i--, value /= 10) {
            into[i] = (byte) ('0' + value % 10);
        }
        return offset + digits;
    }

    /** Two digits with a leading zero, as dates and times print them. */
    static int putTwoDigits(byte[] into, int offset, int value) {
        into[offset] = (byte) ('0' + value / 10);
        into[offset + 1] = (byte) ('0' + value % 10);
        return offset + 2;
    }

    /** @return the offset after {@code count} random lowercase hex digits */
    static int putHex(byte[] into, int offset, int count, SplitMix64 random) {
        long bits = 0;
        for (int i = 0; i < count; i++, bits >>>= 4) {
            if (i % 16 == 0) {
                bits = random.nextLong();
            }
            into[offset + i] = (byte) "0123456789abcdef".charAt((int) (bits & 0xF));
        }
        return offset + count;
    }
}
