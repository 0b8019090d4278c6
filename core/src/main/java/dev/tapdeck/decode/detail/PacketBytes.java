package dev.tapdeck.decode.detail;

import dev.tapdeck.decode.Addresses;

import java.util.HexFormat;

/**
 * Reads of one packet's captured bytes for the detail tree. A read past the captured end
 * throws {@link BeyondCapture}, which ends the layer as Wireshark ends a dissector that runs
 * off its tvbuff. {@code base} shifts every offset, for a datagram quoted inside an ICMP error
 * that is decoded on its own.
 */
final class PacketBytes {
    /** A field lies past the bytes the capture holds. */
    static final class BeyondCapture extends RuntimeException {
        BeyondCapture() {
            super(null, null, false, false);
        }
    }

    private final byte[] bytes;
    private final int captured;
    private final int base;

    PacketBytes(byte[] bytes, int captured, int base) {
        this.bytes = bytes;
        this.captured = captured;
        this.base = base;
    }

    int captured() { return captured; }

    /** Offset within the frame of {@code at}, which counts from these bytes' first byte. */
    int frameOffset(int at) { return base + at; }

    void require(int at, int length) {
        if (at < 0 || length < 0 || at + length > captured) {
            throw new BeyondCapture();
        }
    }

    int u8(int at) {
        require(at, 1);
        return bytes[at] & 0xff;
    }

    int u16(int at) {
        return u8(at) << 8 | u8(at + 1);
    }

    int u24(int at) {
        return u8(at) << 16 | u16(at + 1);
    }

    long u32(int at) {
        return (long) u16(at) << 16 | u16(at + 2);
    }

    /** {@code 0a:01:01:02}, the way Wireshark shows raw byte fields. */
    String colonHex(int at, int length) {
        require(at, length);
        return HexFormat.ofDelimiter(":").formatHex(bytes, at, at + length);
    }

    /** {@code 0a010102} */
    String hex(int at, int length) {
        require(at, length);
        return HexFormat.of().formatHex(bytes, at, at + length);
    }

    /** The bytes as text, non-printable ones as U+FFFD. */
    String ascii(int at, int length) {
        require(at, length);
        StringBuilder text = new StringBuilder(length);
        for (int i = at; i < at + length; i++) {
            int c = bytes[i] & 0xff;
            text.append(c >= 0x20 && c < 0x7f ? (char) c : '\uFFFD');
        }
        return text.toString();
    }

    String mac(int at) {
        return colonHex(at, 6);
    }

    String ipv6(int at) {
        require(at, 16);
        StringBuilder text = new StringBuilder(39);
        Addresses.appendIpv6(bytes, at, text);
        return text.toString();
    }

    String ipv4(int at) {
        StringBuilder text = new StringBuilder(15);
        Addresses.appendIpv4((int) u32(at), text);
        return text.toString();
    }
}
