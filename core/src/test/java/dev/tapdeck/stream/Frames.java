package dev.tapdeck.stream;

import dev.tapdeck.decode.Dissection;
import dev.tapdeck.decode.PacketDecoder;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;

/**
 * Ethernet/IPv4 frames with a TCP segment or a UDP datagram, built for the tests from the
 * fields that matter to stream tracking (checksums are left zero: nothing here reads them).
 */
final class Frames {
    static final int FIN = 0x01, SYN = 0x02, RST = 0x04, PSH = 0x08, ACK = 0x10;
    static final int CLIENT = 0x0a000001, SERVER = 0x0a000002;

    private final PacketDecoder decoder = new PacketDecoder();

    static byte[] tcp(int source, int sourcePort, int destination, int destinationPort, int flags, long seq, long ack, byte[] payload) {
        byte[] frame = new byte[14 + 20 + 20 + payload.length];
        ipv4(frame, source, destination, 6, 20 + payload.length);
        int t = 34;
        put16(frame, t, sourcePort);
        put16(frame, t + 2, destinationPort);
        put32(frame, t + 4, seq);
        put32(frame, t + 8, ack);
        put16(frame, t + 12, 5 << 12 | flags);
        put16(frame, t + 14, 65535);
        System.arraycopy(payload, 0, frame, t + 20, payload.length);
        return frame;
    }

    static byte[] udp(int source, int sourcePort, int destination, int destinationPort, byte[] payload) {
        byte[] frame = new byte[14 + 20 + 8 + payload.length];
        ipv4(frame, source, destination, 17, 8 + payload.length);
        put16(frame, 34, sourcePort);
        put16(frame, 36, destinationPort);
        put16(frame, 38, 8 + payload.length);
        System.arraycopy(payload, 0, frame, 42, payload.length);
        return frame;
    }

    /** A client (10.0.0.1:40000) to server (10.0.0.2:80) segment, or back when {@code fromClient} is false. */
    static byte[] segment(boolean fromClient, int flags, long seq, long ack, String payload) {
        byte[] bytes = payload.getBytes(StandardCharsets.ISO_8859_1);
        return fromClient ? tcp(CLIENT, 40000, SERVER, 80, flags, seq, ack, bytes) : tcp(SERVER, 80, CLIENT, 40000, flags, seq, ack, bytes);
    }

    Dissection decode(byte[] frame) {
        return decoder.decode(MemorySegment.ofArray(frame), 0, frame.length, frame.length, 1);
    }

    private static void ipv4(byte[] frame, int source, int destination, int protocol, int payloadLength) {
        put16(frame, 12, 0x0800);
        frame[14] = 0x45;
        put16(frame, 16, 20 + payloadLength);
        frame[22] = 64;
        frame[23] = (byte) protocol;
        put32(frame, 26, source & 0xffff_ffffL);
        put32(frame, 30, destination & 0xffff_ffffL);
    }

    private static void put16(byte[] b, int at, int value) {
        b[at] = (byte) (value >>> 8);
        b[at + 1] = (byte) value;
    }

    private static void put32(byte[] b, int at, long value) {
        put16(b, at, (int) (value >>> 16) & 0xffff);
        put16(b, at + 2, (int) value & 0xffff);
    }
}
