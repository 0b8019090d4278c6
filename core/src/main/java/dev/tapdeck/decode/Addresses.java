package dev.tapdeck.decode;


/** Text forms of link and network addresses, appended without allocating. */
public final class Addresses {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Addresses() {
    }

    /** {@code 58:6d:8f:99:ec:a8} */
    public static void appendMac(long mac, StringBuilder out) {
        for (int shift = 40; shift >= 0; shift -= 8) {
            int b = (int) (mac >>> shift) & 0xff;
            out.append(HEX[b >>> 4]).append(HEX[b & 0xf]);
            if (shift > 0) {
                out.append(':');
            }
        }
    }

    /** {@link #appendMac(long, StringBuilder)} as UTF-8, for JSON export. */
    public static void appendMac(long mac, Utf8Builder out) {
        for (int shift = 40; shift >= 0; shift -= 8) {
            int b = (int) (mac >>> shift) & 0xff;
            out.append(HEX[b >>> 4]).append(HEX[b & 0xf]);
            if (shift > 0) {
                out.append(':');
            }
        }
    }

    /** Dotted quad. */
    public static void appendIpv4(int address, StringBuilder out) {
        out.append(address >>> 24).append('.')
                .append((address >>> 16) & 0xff).append('.')
                .append((address >>> 8) & 0xff).append('.')
                .append(address & 0xff);
    }

    /** {@link #appendIpv4(int, StringBuilder)} as UTF-8, for JSON export. */
    public static void appendIpv4(int address, Utf8Builder out) {
        out.append(address >>> 24).append('.')
                .append((address >>> 16) & 0xff).append('.')
                .append((address >>> 8) & 0xff).append('.')
                .append(address & 0xff);
    }

    /**
     * RFC 5952 text: lower-case hex, leading zeros dropped, the longest run (first of equals)
     * of two or more zero groups shown as {@code ::}, IPv4-mapped addresses with a dotted quad.
     */
    public static void appendIpv6(byte[] bytes, long offset, StringBuilder out) {
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (Bytes.u16(bytes, offset + 2L * i) != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && Bytes.u16(bytes, offset + 2L * j) == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        boolean mapped = bestStart == 0 && bestLength == 5 && Bytes.u16(bytes, offset + 10) == 0xffff;
        int groups = mapped ? 6 : 8;
        for (int i = 0; i < groups; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (i > 0 && i != bestStart + bestLength) {
                out.append(':');
            }
            appendHexGroup(Bytes.u16(bytes, offset + 2L * i), out);
        }
        if (mapped) {
            out.append(':');
            appendIpv4(Bytes.i32(bytes, offset + 12), out);
        }
    }

    private static void appendHexGroup(int group, StringBuilder out) {
        boolean started = false;
        for (int shift = 12; shift >= 0; shift -= 4) {
            int nibble = (group >>> shift) & 0xf;
            if (nibble != 0 || started || shift == 0) {
                out.append(HEX[nibble]);
                started = true;
            }
        }
    }
}
