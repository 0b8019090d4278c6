package dev.tapdeck.file;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Builds capture files byte by byte, field by field as the pcap and pcapng drafts draw them,
 * so that tests state their input independently of the code under test.
 */
final class CaptureBytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private ByteOrder order;

    CaptureBytes(ByteOrder order) {
        this.order = order;
    }

    static CaptureBytes littleEndian() {
        return new CaptureBytes(ByteOrder.LITTLE_ENDIAN);
    }

    static CaptureBytes bigEndian() {
        return new CaptureBytes(ByteOrder.BIG_ENDIAN);
    }

    /** Later fields are written in {@code newOrder}, as in a new pcapng section. */
    CaptureBytes order(ByteOrder newOrder) {
        this.order = newOrder;
        return this;
    }

    CaptureBytes u8(int value) {
        out.write(value);
        return this;
    }

    CaptureBytes u16(int value) {
        return raw(ByteBuffer.allocate(2).order(order).putShort((short) value).array());
    }

    CaptureBytes u32(long value) {
        return raw(ByteBuffer.allocate(4).order(order).putInt((int) value).array());
    }

    CaptureBytes u64(long value) {
        return raw(ByteBuffer.allocate(8).order(order).putLong(value).array());
    }

    CaptureBytes raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    CaptureBytes zeros(int count) {
        return raw(new byte[count]);
    }

    int size() {
        return out.size();
    }

    byte[] toArray() {
        return out.toByteArray();
    }

    // ---- pcap (draft-ietf-opsawg-pcap) ----

    static final long PCAP_MICROSECONDS = 0xA1B2C3D4L;
    static final long PCAP_NANOSECONDS = 0xA1B23C4DL;

    CaptureBytes pcapHeader(long magic, long snaplen, long linkTypeField) {
        return u32(magic).u16(2).u16(4).u32(0).u32(0).u32(snaplen).u32(linkTypeField);
    }

    CaptureBytes pcapRecord(long seconds, long fraction, byte[] data, long originalLength) {
        return u32(seconds).u32(fraction).u32(data.length).u32(originalLength).raw(data);
    }

    // ---- pcapng (draft-ietf-opsawg-pcapng) ----

    /** A block: type, total length, body padded to 4, total length again. */
    CaptureBytes block(long type, byte[] body) {
        int padded = body.length + (-body.length & 3);
        int length = 12 + padded;
        return u32(type).u32(length).raw(body).zeros(padded - body.length).u32(length);
    }

    CaptureBytes sectionHeader(int major, int minor, byte[]... options) {
        return block(0x0A0D0D0A, fields().u32(0x1A2B3C4D).u16(major).u16(minor).u64(-1).options(options).toArray());
    }

    CaptureBytes interfaceDescription(int linkType, long snaplen, byte[]... options) {
        return block(1, fields().u16(linkType).u16(0).u32(snaplen).options(options).toArray());
    }

    /** The options of a block, ended by opt_endofopt when there are any. */
    private CaptureBytes options(byte[]... options) {
        if (options.length > 0) {
            for (byte[] option : options) {
                raw(option);
            }
            u32(0); // opt_endofopt
        }
        return this;
    }

    CaptureBytes enhancedPacket(long interfaceId, long timestampUnits, byte[] data, long originalLength) {
        return block(6, fields().u32(interfaceId).u32(timestampUnits >>> 32).u32(timestampUnits)
                .u32(data.length).u32(originalLength).raw(data).zeros(-data.length & 3).toArray());
    }

    CaptureBytes simplePacket(long originalLength, byte[] data) {
        return block(3, fields().u32(originalLength).raw(data).toArray());
    }

    /** The obsolete Packet Block (type 2): 16-bit interface id and drops count. */
    CaptureBytes obsoletePacket(int interfaceId, long timestampUnits, byte[] data, long originalLength) {
        return block(2, fields().u16(interfaceId).u16(0).u32(timestampUnits >>> 32).u32(timestampUnits)
                .u32(data.length).u32(originalLength).raw(data).zeros(-data.length & 3).toArray());
    }

    /** An option: code, length, value padded to 4. */
    byte[] option(int code, byte[] value) {
        return fields().u16(code).u16(value.length).raw(value).zeros(-value.length & 3).toArray();
    }

    byte[] textOption(int code, String text) {
        return option(code, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    byte[] tsresol(int value) {
        return option(9, new byte[] {(byte) value});
    }

    byte[] tsoffset(long seconds) {
        return option(14, fields().u64(seconds).toArray());
    }

    /** A scratch builder in the current byte order, for block bodies. */
    CaptureBytes fields() {
        return new CaptureBytes(order);
    }

    static byte[] bytes(int... values) {
        byte[] result = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = (byte) values[i];
        }
        return result;
    }

    /** {@code length} bytes counting up from {@code first}, so that a shifted slice shows. */
    static byte[] pattern(int length, int first) {
        byte[] result = new byte[length];
        for (int i = 0; i < length; i++) {
            result[i] = (byte) (first + i);
        }
        return result;
    }
}
