package dev.tapdeck.generate;

/**
 * TLS records (RFC 8446 §5.1, RFC 5246 §6.2) for the handshakes a browser makes: a ClientHello
 * offering TLS 1.3 (or only 1.2) with server_name, the server's ServerHello, the
 * ChangeCipherSpec both send, and encrypted records whose bytes are opaque.
 */
final class TlsMessages {
    static final int CHANGE_CIPHER_SPEC = 20;
    static final int HANDSHAKE = 22;
    static final int APPLICATION_DATA = 23;
    static final int RECORD_HEADER = 5;
    /** Most plaintext one record carries, 2^14 bytes (RFC 8446 §5.1). */
    static final int MAX_PLAINTEXT = 16_384;
    /** Record growth under AEAD in TLS 1.3: inner content type plus a 16-byte tag (RFC 8446 §5.2). */
    static final int TLS13_OVERHEAD = 17;
    /** Record growth under AES-GCM in TLS 1.2: 8-byte explicit nonce plus 16-byte tag (RFC 5288 §3). */
    static final int TLS12_OVERHEAD = 24;
    static final int SESSION_ID_LENGTH = 32;

    private static final int TLS10 = 0x0301;
    private static final int TLS12 = 0x0303;
    private static final int TLS13 = 0x0304;
    private static final int CLIENT_HELLO = 1;
    private static final int SERVER_HELLO = 2;
    private static final int X25519 = 0x001D;
    private static final int TLS_AES_128_GCM_SHA256 = 0x1301;
    private static final int TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 = 0xC02F;
    private static final int[] TLS13_SUITES = {0x1301, 0x1302, 0x1303};
    private static final int[] TLS12_SUITES = {0xC02B, 0xC02F, 0xC02C, 0xC030, 0xCCA9, 0xCCA8, 0xC013, 0xC014, 0x009C, 0x009D, 0x002F, 0x0035};
    /** X25519, secp256r1, secp384r1. */
    private static final int[] SUPPORTED_GROUPS = {X25519, 0x0017, 0x0018};
    private static final int[] SIGNATURE_ALGORITHMS = {0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0806, 0x0601};
    private static final byte[] HTTP11 = Ascii.bytes("http/1.1");

    private TlsMessages() {}

    /**
     * Writes a ClientHello record. With {@code offerTls13} it carries supported_versions,
     * key_share and psk_key_exchange_modes and lists the TLS 1.3 suites first, as current
     * browsers send it; without, it is a TLS 1.2 client resuming {@code sessionId}.
     *
     * @return the offset after the record
     */
    static int writeClientHello(byte[] into, int offset, SplitMix64 random, DomainName serverName,
                                boolean offerTls13, byte[] sessionId) {
        int o = offset + RECORD_HEADER + 4;
        BigEndian.put16(into, o, TLS12); // legacy_version; 1.3 is negotiated in an extension
        random.nextBytes(into, o + 2, 32);
        o += 34;
        into[o++] = SESSION_ID_LENGTH;
        System.arraycopy(sessionId, 0, into, o, SESSION_ID_LENGTH);
        o += SESSION_ID_LENGTH;
        int suites = (offerTls13 ? TLS13_SUITES.length : 0) + TLS12_SUITES.length;
        BigEndian.put16(into, o, suites * 2);
        o += 2;
        if (offerTls13) {
            o = putShorts(into, o, TLS13_SUITES);
        }
        o = putShorts(into, o, TLS12_SUITES);
        into[o++] = 1; // compression methods: null only
        into[o++] = 0;

        int extensionsAt = o;
        o += 2;
        // server_name (RFC 6066 §3): a list holding one host_name.
        int name = serverName.text().length;
        o = extension(into, o, 0x0000, name + 5);
        BigEndian.put16(into, o, name + 3);
        into[o + 2] = 0;
        BigEndian.put16(into, o + 3, name);
        o = Ascii.put(into, o + 5, serverName.text());
        o = extension(into, o, 0x0017, 0);             // extended_master_secret (RFC 7627)
        o = extension(into, o, 0xFF01, 1);             // renegotiation_info (RFC 5746)
        into[o++] = 0;
        o = extension(into, o, 0x000A, 8);             // supported_groups (RFC 8446 §4.2.7)
        BigEndian.put16(into, o, 6);
        o = putShorts(into, o + 2, SUPPORTED_GROUPS);
        o = extension(into, o, 0x000B, 2);             // ec_point_formats (RFC 8422 §5.1.2)
        into[o++] = 1;
        into[o++] = 0;
        o = extension(into, o, 0x0023, 0);             // session_ticket (RFC 5077)
        o = extension(into, o, 0x0010, HTTP11.length + 3); // ALPN (RFC 7301 §3.1)
        BigEndian.put16(into, o, HTTP11.length + 1);
        into[o + 2] = (byte) HTTP11.length;
        o = Ascii.put(into, o + 3, HTTP11);
        o = extension(into, o, 0x0005, 5);             // status_request (RFC 6066 §8): OCSP
        into[o] = 1;
        BigEndian.put32(into, o + 1, 0);
        o += 5;
        o = extension(into, o, 0x000D, 2 + SIGNATURE_ALGORITHMS.length * 2); // signature_algorithms
        BigEndian.put16(into, o, SIGNATURE_ALGORITHMS.length * 2);
        o = putShorts(into, o + 2, SIGNATURE_ALGORITHMS);
        if (offerTls13) {
            o = extension(into, o, 0x0033, 38);        // key_share (RFC 8446 §4.2.8): one X25519 share
            BigEndian.put16(into, o, 36);
            o = keyShareEntry(into, o + 2, random);
            o = extension(into, o, 0x002D, 2);         // psk_key_exchange_modes: psk_dhe_ke
            into[o++] = 1;
            into[o++] = 1;
            o = extension(into, o, 0x002B, 5);         // supported_versions (RFC 8446 §4.2.1)
            into[o++] = 4;
            BigEndian.put16(into, o, TLS13);
            BigEndian.put16(into, o + 2, TLS12);
            o += 4;
        }
        BigEndian.put16(into, extensionsAt, o - extensionsAt - 2);
        return closeHandshake(into, offset, TLS10, CLIENT_HELLO, o);
    }

    /**
     * Writes the ServerHello record that accepts the client's offer: TLS 1.3 with an X25519
     * share, or a resumed TLS 1.2 session (RFC 5246 §7.3, abbreviated handshake).
     *
     * @return the offset after the record
     */
    static int writeServerHello(byte[] into, int offset, SplitMix64 random, boolean tls13, byte[] sessionId) {
        int o = offset + RECORD_HEADER + 4;
        BigEndian.put16(into, o, TLS12);
        random.nextBytes(into, o + 2, 32);
        o += 34;
        into[o++] = SESSION_ID_LENGTH;
        System.arraycopy(sessionId, 0, into, o, SESSION_ID_LENGTH);
        o += SESSION_ID_LENGTH;
        BigEndian.put16(into, o, tls13 ? TLS_AES_128_GCM_SHA256 : TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256);
        into[o + 2] = 0;
        int extensionsAt = o + 3;
        o = extensionsAt + 2;
        if (tls13) {
            o = extension(into, o, 0x002B, 2);
            BigEndian.put16(into, o, TLS13);
            o = extension(into, o + 2, 0x0033, 36);
            o = keyShareEntry(into, o, random);
        } else {
            o = extension(into, o, 0xFF01, 1);
            into[o++] = 0;
            o = extension(into, o, 0x0017, 0);
            o = extension(into, o, 0x0010, HTTP11.length + 3);
            BigEndian.put16(into, o, HTTP11.length + 1);
            into[o + 2] = (byte) HTTP11.length;
            o = Ascii.put(into, o + 3, HTTP11);
        }
        BigEndian.put16(into, extensionsAt, o - extensionsAt - 2);
        return closeHandshake(into, offset, TLS12, SERVER_HELLO, o);
    }

    /**
     * ChangeCipherSpec: TLS 1.2 switches to the new keys with it (RFC 5246 §7.1); TLS 1.3
     * sends it only so that middleboxes see a familiar handshake (RFC 8446 §D.4).
     */
    static int writeChangeCipherSpec(byte[] into, int offset) {
        recordHeader(into, offset, CHANGE_CIPHER_SPEC, 1);
        into[offset + RECORD_HEADER] = 1;
        return offset + RECORD_HEADER + 1;
    }

    /** An encrypted record of {@code length} opaque bytes. @return the offset after it */
    static int writeEncryptedRecord(byte[] into, int offset, int contentType, int length, OpaqueBytes opaque,
                                    long opaquePosition) {
        recordHeader(into, offset, contentType, length);
        opaque.copy(opaquePosition, into, offset + RECORD_HEADER, length);
        return offset + RECORD_HEADER + length;
    }

    /** Header byte {@code index} (0..4) of a TLS 1.2-versioned record; used to cut records into segments. */
    static byte recordHeaderByte(int contentType, int length, int index) {
        return switch (index) {
            case 0 -> (byte) contentType;
            case 1 -> 3;
            case 2 -> 3;
            case 3 -> (byte) (length >>> 8);
            default -> (byte) length;
        };
    }

    private static void recordHeader(byte[] into, int offset, int contentType, int length) {
        into[offset] = (byte) contentType;
        BigEndian.put16(into, offset + 1, TLS12);
        BigEndian.put16(into, offset + 3, length);
    }

    private static int closeHandshake(byte[] into, int recordAt, int recordVersion, int handshakeType, int end) {
        int handshakeAt = recordAt + RECORD_HEADER;
        into[recordAt] = HANDSHAKE;
        BigEndian.put16(into, recordAt + 1, recordVersion);
        BigEndian.put16(into, recordAt + 3, end - handshakeAt);
        into[handshakeAt] = (byte) handshakeType;
        BigEndian.put24(into, handshakeAt + 1, end - handshakeAt - 4);
        return end;
    }

    private static int keyShareEntry(byte[] into, int o, SplitMix64 random) {
        BigEndian.put16(into, o, X25519);
        BigEndian.put16(into, o + 2, 32);
        random.nextBytes(into, o + 4, 32);
        return o + 36;
    }

    private static int extension(byte[] into, int o, int type, int length) {
        BigEndian.put16(into, o, type);
        BigEndian.put16(into, o + 2, length);
        return o + 4;
    }

    private static int putShorts(byte[] into, int o, int[] values) {
        for (int value : values) {
            BigEndian.put16(into, o, value);
            o += 2;
        }
        return o;
    }
}
