package dev.tapdeck.decode;

/**
 * The TLS record that starts a segment (RFC 8446 §5.1) and, when it is a ClientHello
 * (§4.1.2), the server_name extension (RFC 6066 §3).
 */
public final class TlsClientHello extends Header {
    public static final int CONTENT_CHANGE_CIPHER_SPEC = 20, CONTENT_ALERT = 21, CONTENT_HANDSHAKE = 22, CONTENT_APPLICATION_DATA = 23;

    long serverNameOffset = -1;
    int serverNameLength;
    int handshakeType = -1;

    @Override
    void clear() {
        super.clear();
        serverNameOffset = -1;
        handshakeType = -1;
    }

    /** Content type of the first record: 20..24. */
    public int contentType() { return u8(0); }
    /** Record-layer version, e.g. 0x0303. */
    public int recordVersion() { return u16(1); }
    /** Handshake message type of the first record (1 ClientHello, 2 ServerHello...), or -1. */
    public int handshakeType() { return handshakeType; }

    public int recordLength() { return u16(3); }

    public boolean hasServerName() { return serverNameOffset >= 0; }
    /** Offset of the host name's first byte from the packet's first byte, or -1. */
    public int serverNameOffset() { return (int) serverNameOffset; }
    public int serverNameLength() { return serverNameLength; }

    public void appendServerName(StringBuilder out) {
        for (long b = serverNameOffset; b < serverNameOffset + serverNameLength; b++) {
            int c = Bytes.u8(bytes, b);
            out.append(c >= 0x20 && c < 0x7f ? (char) c : '\uFFFD');
        }
    }
}
