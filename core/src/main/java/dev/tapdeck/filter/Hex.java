package dev.tapdeck.filter;

import java.io.ByteArrayOutputStream;

/** Reading the written forms of bytes and addresses in a filter. */
final class Hex {
    private Hex() {
    }

    /**
     * A byte string as Wireshark's {@code hex_str_to_bytes} reads one: bytes of one or two hex
     * digits separated by {@code :}, {@code -} or {@code .} ({@code 0:1a:2}), or pairs of
     * digits without separators ({@code 001a}, {@code 0000.0100.0000}); null when it is not one.
     */
    static byte[] byteString(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        int n = text.length();
        while (i < n) {
            int digits = 0;
            while (i + digits < n && digits < 2 && Lexer.isHex(text.charAt(i + digits))) {
                digits++;
            }
            if (digits == 0) {
                return null;
            }
            out.write(Integer.parseInt(text, i, i + digits, 16));
            i += digits;
            if (i < n && isSeparator(text.charAt(i))) {
                i++;
                if (i == n) {
                    return null;
                }
            } else if (i < n && digits < 2) {
                return null;
            }
        }
        return out.size() == 0 ? null : out.toByteArray();
    }

    private static boolean isSeparator(char c) {
        return c == ':' || c == '-' || c == '.';
    }

    /** A dotted-quad IPv4 address as its 32 bits, or -1. */
    static long ipv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return -1;
        }
        long value = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return -1;
            }
            int octet = Integer.parseInt(part);
            if (octet > 255) {
                return -1;
            }
            value = value << 8 | octet;
        }
        return value;
    }

    /** An IPv6 address in RFC 4291 §2.2 text (with {@code ::}, maybe ending in dotted quad) as 16 bytes, or null. */
    static byte[] ipv6(String text) {
        int[] groups = new int[8];
        int count = 0;
        int gap = -1;
        int i = 0;
        int n = text.length();
        if (text.startsWith("::")) {
            gap = 0;
            i = 2;
        } else if (text.startsWith(":")) {
            return null;
        }
        while (i < n) {
            int end = i;
            while (end < n && Lexer.isHex(text.charAt(end))) {
                end++;
            }
            if (end < n && text.charAt(end) == '.') {
                long v4 = ipv4(text.substring(i));
                if (v4 < 0 || count > 6) {
                    return null;
                }
                groups[count++] = (int) (v4 >>> 16);
                groups[count++] = (int) (v4 & 0xffff);
                i = n;
                break;
            }
            if (end == i || end - i > 4 || count == 8) {
                return null;
            }
            groups[count++] = Integer.parseInt(text, i, end, 16);
            i = end;
            if (i == n) {
                break;
            }
            if (text.charAt(i) != ':') {
                return null;
            }
            if (i + 1 < n && text.charAt(i + 1) == ':') {
                if (gap >= 0) {
                    return null;
                }
                gap = count;
                i += 2;
            } else {
                i++;
                if (i == n) {
                    return null;
                }
            }
        }
        if (gap < 0 ? count != 8 : count > 7) {
            return null;
        }
        byte[] bytes = new byte[16];
        int tail = count - Math.max(gap, 0);
        for (int g = 0; g < count; g++) {
            int slot = gap >= 0 && g >= gap ? 8 - tail + (g - gap) : g;
            bytes[2 * slot] = (byte) (groups[g] >>> 8);
            bytes[2 * slot + 1] = (byte) groups[g];
        }
        return bytes;
    }
}
