package dev.tapdeck.file;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes pcapng (draft-ietf-opsawg-pcapng), little-endian: one section, an Interface
 * Description Block for each interface written just before its first packet, and Enhanced
 * Packet Blocks with nanosecond timestamps.
 *
 * <p>An interface is a distinct pair of the packet's interface id and link type. In the
 * file, interfaces are numbered from 0 in the order their first packets arrive, so a reader
 * sees the same ids only when they were already numbered that way.
 *
 * <p>Buffered: nothing reaches the stream before the buffer fills, {@link #flush()} or
 * {@link #close()}.
 */
public final class PcapngWriter implements CaptureWriter {
    private static final int SECTION_HEADER_LENGTH = 28;
    /** IDB with if_tsresol and opt_endofopt. */
    private static final int INTERFACE_DESCRIPTION_LENGTH = 32;
    private static final int ENHANCED_PACKET_FIXED_LENGTH = 32;
    /** Block type and length, then interface id, timestamp (2), captured and original length. */
    private static final int ENHANCED_PACKET_HEADER_LENGTH = 28;
    private static final int OPTION_COMMENT = 1;
    private static final int OPTION_IF_TSRESOL = 9;
    private static final int NANOSECONDS_TSRESOL = 9;
    private static final int MAX_OPTION_LENGTH = 0xFFFF;
    /** The latest time a 64-bit count of nanoseconds reaches: 2554-07-21T23:34:33.709551615Z. */
    private static final long MAX_SECONDS = Long.divideUnsigned(-1L, 1_000_000_000L);
    private static final long MAX_NANOS_IN_LAST_SECOND = Long.remainderUnsigned(-1L, 1_000_000_000L);

    private final WriteBuffer out;
    /** (interface id, link type) of each interface written, packed; index = id in the file. */
    private long[] interfaceKeys = new long[4];
    private int interfaceCount;
    private long lastKey;
    private int lastIndex = -1;

    public PcapngWriter(OutputStream out) {
        this.out = new WriteBuffer(out);
        this.out.putInt(PcapngReader.SECTION_HEADER_BLOCK);
        this.out.putInt(SECTION_HEADER_LENGTH);
        this.out.putInt(PcapngReader.BYTE_ORDER_MAGIC);
        this.out.putShort(1);
        this.out.putShort(0);
        this.out.putLong(-1); // section length not known in advance
        this.out.putInt(SECTION_HEADER_LENGTH);
    }

    /**
     * Appends one packet; a packet without a timestamp gets time 0.
     *
     * @throws IllegalArgumentException when its time is before 1970 or after 2554 (64-bit nanoseconds)
     */
    @Override
    public void write(PacketRecord packet) throws IOException {
        writeEnhancedPacket(packet, null);
    }

    /** Appends one packet with an {@code opt_comment}; a null or empty comment writes none. */
    public void write(PacketRecord packet, String comment) throws IOException {
        byte[] text = comment == null || comment.isEmpty() ? null : comment.getBytes(StandardCharsets.UTF_8);
        if (text != null && text.length > MAX_OPTION_LENGTH) {
            throw new IllegalArgumentException("comment of " + text.length + " UTF-8 bytes is longer than the "
                    + MAX_OPTION_LENGTH + " a pcapng option holds");
        }
        writeEnhancedPacket(packet, text);
    }

    private void writeEnhancedPacket(PacketRecord packet, byte[] comment) throws IOException {
        int capturedLength = packet.capturedLength();
        if (capturedLength < 0) {
            throw new IllegalArgumentException("negative captured length " + capturedLength);
        }
        long padded = capturedLength + (-capturedLength & 3);
        long optionsLength = comment == null ? 0 : 4 + comment.length + (-comment.length & 3) + 4;
        long length = ENHANCED_PACKET_FIXED_LENGTH + padded + optionsLength;
        if (length > PcapReader.ABSOLUTE_MAX_PACKET) {
            throw new IllegalArgumentException("packet of " + capturedLength + " bytes is too large for a pcapng block");
        }
        long seconds = packet.epochSeconds();
        if (seconds < 0 || seconds > MAX_SECONDS || (seconds == MAX_SECONDS && packet.nanos() > MAX_NANOS_IN_LAST_SECOND)) {
            throw new IllegalArgumentException("time " + seconds + " s since 1970 does not fit pcapng's 64-bit count of nanoseconds");
        }
        // May pass 2^63: the field is unsigned.
        long units = seconds * 1_000_000_000L + packet.nanos();
        int interfaceIndex = interfaceIndex(packet.interfaceId(), packet.linkType());
        out.reserve(ENHANCED_PACKET_HEADER_LENGTH);
        out.putInt(PcapngReader.ENHANCED_PACKET_BLOCK);
        out.putInt((int) length);
        out.putInt(interfaceIndex);
        out.putInt((int) (units >>> 32));
        out.putInt((int) units);
        out.putInt(capturedLength);
        out.putInt(packet.originalLength());
        out.putBytes(packet.buffer(), packet.offset(), capturedLength);
        out.padTo4(capturedLength);
        if (comment != null) {
            out.reserve(4);
            out.putShort(OPTION_COMMENT);
            out.putShort(comment.length);
            out.putBytes(comment);
            out.padTo4(comment.length);
            out.reserve(4);
            out.putInt(0); // opt_endofopt
        }
        out.reserve(4);
        out.putInt((int) length);
    }

    /** The file's id for this interface, writing its description first if it is new. */
    private int interfaceIndex(int interfaceId, int linkType) throws IOException {
        long key = ((long) interfaceId << 32) | Integer.toUnsignedLong(linkType);
        if (key == lastKey && lastIndex >= 0) {
            return lastIndex;
        }
        // A linear search: captures have a handful of interfaces, and the last one is remembered.
        int index = 0;
        while (index < interfaceCount && interfaceKeys[index] != key) {
            index++;
        }
        if (index == interfaceCount) {
            writeInterfaceDescription(linkType);
            if (interfaceCount == interfaceKeys.length) {
                interfaceKeys = Arrays.copyOf(interfaceKeys, interfaceCount * 2);
            }
            interfaceKeys[interfaceCount++] = key;
        }
        lastKey = key;
        lastIndex = index;
        return index;
    }

    private void writeInterfaceDescription(int linkType) throws IOException {
        out.reserve(INTERFACE_DESCRIPTION_LENGTH);
        out.putInt(PcapngReader.INTERFACE_DESCRIPTION_BLOCK);
        out.putInt(INTERFACE_DESCRIPTION_LENGTH);
        out.putShort(linkType);
        out.putShort(0); // reserved
        out.putInt(0); // snaplen: 0 means not limited
        out.putShort(OPTION_IF_TSRESOL);
        out.putShort(1);
        out.putByte(NANOSECONDS_TSRESOL);
        out.putByte(0);
        out.putShort(0);
        out.putInt(0); // opt_endofopt
        out.putInt(INTERFACE_DESCRIPTION_LENGTH);
    }

    /** Sends the buffered blocks to the stream and flushes it, so the file is readable up to here. */
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
