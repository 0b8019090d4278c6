package dev.tapdeck.generate;

import java.nio.charset.StandardCharsets;

/**
 * A host name in both of its forms: dotted text (for HTTP Host and TLS SNI) and DNS wire
 * labels (RFC 1035 §3.1), built once so that packets only copy bytes.
 *
 * @param text       "api.shopfront.example.com" as ASCII
 * @param wire       the same name as length-prefixed labels ending in the root label
 * @param parentAt   offset in {@code wire} where the parent zone starts, for compression
 *                   pointers to it (RFC 1035 §4.1.4)
 */
record DomainName(byte[] text, byte[] wire, int parentAt) {

    static DomainName of(String name) {
        byte[] text = name.getBytes(StandardCharsets.US_ASCII);
        byte[] wire = new byte[text.length + 2];
        int labelStart = 0;
        int out = 0;
        for (int i = 0; i <= text.length; i++) {
            if (i == text.length || text[i] == '.') {
                wire[out++] = (byte) (i - labelStart);
                System.arraycopy(text, labelStart, wire, out, i - labelStart);
                out += i - labelStart;
                labelStart = i + 1;
            }
        }
        wire[out] = 0;
        return new DomainName(text, wire, 1 + (wire[0] & 0xFF));
    }

    @Override
    public String toString() {
        return new String(text, StandardCharsets.US_ASCII);
    }
}
