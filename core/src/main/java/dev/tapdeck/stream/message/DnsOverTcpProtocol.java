package dev.tapdeck.stream.message;

import dev.tapdeck.decode.Protocol;
import dev.tapdeck.stream.StreamMessage;

/**
 * DNS over TCP (RFC 1035 §4.2.2; RFC 7766): each message after its two-byte length, however
 * the segments cut them, several in one segment or one over several. On port 53.
 */
final class DnsOverTcpProtocol implements StreamProtocol {
    @Override
    public String name() { return "dns"; }

    @Override
    public boolean usesPort(int port) { return port == 53; }

    @Override
    public boolean recognizes(byte[] bytes, int offset, int length) { return false; }

    @Override
    public StreamDecoder newDecoder() {
        return new LengthPrefixedDecoder(2, 2 + 65535) {
            @Override
            protected long bodyLength(MessageBuffer record) {
                return record.u16(0);
            }

            @Override
            protected boolean keepsBody(boolean fromClient, MessageBuffer record) {
                return true;
            }

            @Override
            protected StreamMessage message(boolean fromClient, long frame, byte[] record) {
                return new StreamMessage("dns", frame, fromClient, record, bytes -> MessageLayers.describe(Protocol.DNS, bytes),
                        bytes -> MessageLayers.summarize(Protocol.DNS, "DNS", bytes));
            }
        };
    }
}
