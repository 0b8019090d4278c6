package dev.tapdeck.stream.message;

import dev.tapdeck.decode.HttpStartLine;
import dev.tapdeck.decode.PacketDecoder;

/** HTTP/1.x over TCP (RFC 9112): on Wireshark's HTTP ports, or a stream that starts with a request or status line. */
final class HttpProtocol implements StreamProtocol {
    @Override
    public String name() { return "http"; }

    @Override
    public boolean usesPort(int port) { return PacketDecoder.isHttpPort(port); }

    @Override
    public boolean recognizes(byte[] bytes, int offset, int length) {
        return HttpStartLine.startsLikeHttp(bytes, offset, offset + length);
    }

    @Override
    public StreamDecoder newDecoder() { return new HttpDecoder(LaterFrames.NONE); }

    @Override
    public StreamDecoder newDecoder(LaterFrames later) { return new HttpDecoder(later); }
}
