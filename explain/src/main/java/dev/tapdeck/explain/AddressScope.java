package dev.tapdeck.explain;

import java.util.HexFormat;

/** Where an address belongs, in a word: RFC 1918 private, RFC 6890 special-purpose ranges, or public. */
final class AddressScope {
    private AddressScope() {
    }

    static String ipv4(int address) {
        int a = address >>> 24;
        int b = (address >>> 16) & 0xff;
        int c = (address >>> 8) & 0xff;
        if (address == -1) {
            return "broadcast";
        }
        if (a == 0) {
            return "unspecified";
        }
        if (a == 10 || (a == 172 && b >= 16 && b <= 31) || (a == 192 && b == 168)) {
            return "private";
        }
        if (a == 127) {
            return "loopback";
        }
        if (a == 169 && b == 254) {
            return "link-local";
        }
        if (a == 100 && b >= 64 && b <= 127) {
            return "carrier-grade NAT";
        }
        if (a >= 224 && a <= 239) {
            return "multicast";
        }
        if ((a == 192 && b == 0 && c == 2) || (a == 198 && b == 51 && c == 100) || (a == 203 && b == 0 && c == 113)) {
            return "documentation";
        }
        return a >= 240 ? "reserved" : "public";
    }

    /** {@code address} is the 16 bytes from {@code offset}. */
    static String ipv6(byte[] address, int offset) {
        String hex = HexFormat.of().formatHex(address, offset, offset + 16);
        if (hex.equals("0".repeat(31) + "1")) {
            return "loopback";
        }
        if (hex.equals("0".repeat(32))) {
            return "unspecified";
        }
        int first = (address[offset] & 0xff) << 8 | address[offset + 1] & 0xff;
        if ((first & 0xffc0) == 0xfe80) {
            return "link-local";
        }
        if ((first & 0xfe00) == 0xfc00) {
            return "unique local, private";
        }
        if ((first & 0xff00) == 0xff00) {
            return "multicast";
        }
        if (hex.startsWith("20010db8")) {
            return "documentation";
        }
        return (first & 0xe000) == 0x2000 ? "public" : "reserved";
    }
}
