package dev.tapdeck.stream.message;

import dev.tapdeck.decode.PacketDecoder;
import dev.tapdeck.decode.Protocol;
import dev.tapdeck.stream.StreamMessage;

/**
 * TLS records over TCP (RFC 8446 §5.1), each a message: a hello split over segments still
 * gives its SNI, cipher suites, ALPN and fingerprints with the segment that completes it.
 * Selected on Wireshark's TLS ports, or by a first record header that looks like one.
 */
final class TlsProtocol implements StreamProtocol {
    /** The largest record (RFC 8446 §5.2: 2^14 plus 256 of expansion; older versions allow 2048) and its header. */
    static final int MAX_RECORD = 5 + 16384 + 2048;
    private static final int CHANGE_CIPHER_SPEC = 20, HANDSHAKE = 22;

    @Override
    public String name() { return "tls"; }

    @Override
    public boolean usesPort(int port) { return PacketDecoder.isTlsPort(port); }

    @Override
    public boolean recognizes(byte[] bytes, int offset, int length) {
        if (length < 5) {
            return false;
        }
        int type = bytes[offset] & 0xff;
        int version = (bytes[offset + 1] & 0xff) << 8 | (bytes[offset + 2] & 0xff);
        int recordLength = (bytes[offset + 3] & 0xff) << 8 | (bytes[offset + 4] & 0xff);
        return type >= 20 && type <= 24 && version >= 0x0300 && version <= 0x0304 && recordLength > 0 && recordLength <= MAX_RECORD - 5;
    }

    @Override
    public StreamDecoder newDecoder() {
        return new LengthPrefixedDecoder(5, MAX_RECORD) {
            /** Per side: a ChangeCipherSpec was sent, so its handshake records are encrypted. */
            private boolean clientEncrypted, serverEncrypted;

            @Override
            protected long bodyLength(MessageBuffer record) {
                int type = record.u8(0);
                return type >= 20 && type <= 24 && record.u8(1) == 3 ? record.u16(3) : -1;
            }

            @Override
            protected boolean keepsBody(boolean fromClient, MessageBuffer record) {
                boolean encrypted = fromClient ? clientEncrypted : serverEncrypted;
                if (record.u8(0) == CHANGE_CIPHER_SPEC) {
                    if (fromClient) {
                        clientEncrypted = true;
                    } else {
                        serverEncrypted = true;
                    }
                }
                // Only a handshake in the clear has fields past the header; the header alone shows the rest as Wireshark does.
                return record.u8(0) == HANDSHAKE && !encrypted;
            }

            @Override
            protected StreamMessage message(boolean fromClient, long frame, byte[] record) {
                return new StreamMessage("tls", frame, fromClient, record, bytes -> MessageLayers.describe(Protocol.TLS, bytes));
            }
        };
    }
}
