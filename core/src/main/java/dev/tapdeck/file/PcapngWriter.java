package dev.tapdeck.file;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes pcapng (draft-ietf-opsawg-pcapng), little-endian: one section, an Interface
 * Description Block for each interface, and Enhanced Packet Blocks with nanosecond
 * timestamps.
 *
 * <p>An interface is a distinct pair of the packet's interface id and link type. The section
 * header can name the hardware, system and application ({@link SectionInfo}). An interface
 * described with {@link #describeInterface} (name, description, filter, system, snaplen) is
 * written at once; any other gets a description of its link type alone just before its first
 * packet. In the file, interfaces are numbered from 0 in the order they are written, so a
 * reader sees the same ids only when they were already numbered that way.
 *
 * <p>Buffered: nothing reaches the stream before the buffer fills, {@link #flush()} or
 * {@link #close()}.
 */
public final class PcapngWriter implements CaptureWriter {
    private static final int ENHANCED_PACKET_FIXED_LENGTH = 32;
    /** Block type and length, then interface id, timestamp (2), captured and original length. */
    private static final int ENHANCED_PACKET_HEADER_LENGTH = 28;
    /** Option codes of §3.5 (any block), §4.1 (SHB) and §4.2 (IDB). */
    private static final int OPTION_COMMENT = 1;
    private static final int OPTION_SHB_HARDWARE = 2;
    private static final int OPTION_SHB_OS = 3;
    private static final int OPTION_SHB_USERAPPL = 4;
    private static final int OPTION_IF_NAME = 2;
    private static final int OPTION_IF_DESCRIPTION = 3;
    private static final int OPTION_IF_TSRESOL = 9;
    private static final int OPTION_IF_FILTER = 11;
    private static final int OPTION_IF_OS = 12;
    private static final int NANOSECONDS_TSRESOL = 9;
    /** The first byte of an {@code if_filter} value: the filter is a libpcap filter string. */
    private static final int LIBPCAP_FILTER = 0;
    private static final int MAX_OPTION_LENGTH = 0xFFFF;
    private static final int MINIMAL_INTERFACE_DESCRIPTION_LENGTH = interfaceDescription(0, null).length;
    /** The latest time a 64-bit count of nanoseconds reaches: 2554-07-21T23:34:33.709551615Z. */
    private static final long MAX_SECONDS = Long.divideUnsigned(-1L, 1_000_000_000L);
    private static final long MAX_NANOS_IN_LAST_SECOND = Long.remainderUnsigned(-1L, 1_000_000_000L);

    private final WriteBuffer out;
    /** (interface id, link type) of each interface written, packed; index = id in the file. */
    private long[] interfaceKeys = new long[4];
    private int interfaceCount;
    private long lastKey;
    private int lastIndex = -1;
    /** The comment of the packet written last and its UTF-8 bytes, reused while the comment stays the same. */
    private String lastComment;
    private byte[] lastCommentBytes;

    /** A writer whose section header has no options. */
    public PcapngWriter(OutputStream out) {
        this(out, SectionInfo.NONE);
    }

    /**
     * @throws IllegalArgumentException when a text is longer than a pcapng option holds, or the
     *                                  section header longer than the 64 KiB write buffer
     */
    public PcapngWriter(OutputStream out, SectionInfo section) {
        byte[] header = new BlockBytes(PcapngReader.SECTION_HEADER_BLOCK)
                .u32(PcapngReader.BYTE_ORDER_MAGIC)
                .u16(1)
                .u16(0)
                .u64(-1) // section length not known in advance
                .text(OPTION_SHB_HARDWARE, "shb_hardware", section.hardware())
                .text(OPTION_SHB_OS, "shb_os", section.os())
                .text(OPTION_SHB_USERAPPL, "shb_userappl", section.application())
                .toArray();
        // The header goes into the empty buffer whole, so that the constructor need not write to the stream.
        if (header.length > WriteBuffer.CAPACITY) {
            throw new IllegalArgumentException("section header of " + header.length + " bytes is longer than the "
                    + WriteBuffer.CAPACITY + " this writer allows: shorten the hardware, os or application text");
        }
        this.out = new WriteBuffer(out);
        this.out.putReserved(header);
    }

    /**
     * Writes the description of the interface of packets with this interface id and link type,
     * which takes the next id in the file; it must come before that interface's first packet.
     *
     * @throws IllegalStateException    when the interface is already described in this file
     * @throws IllegalArgumentException when a text is longer than a pcapng option holds
     */
    public void describeInterface(int interfaceId, int linkType, InterfaceInfo info) throws IOException {
        long key = interfaceKey(interfaceId, linkType);
        if (indexOf(key) >= 0) {
            throw new IllegalStateException("interface " + interfaceId + " with link type " + linkType
                    + " is already described in this file: describe it once, before its first packet");
        }
        addInterface(key, interfaceDescription(linkType, info));
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

    /**
     * Appends one packet with an {@code opt_comment}; a null or empty comment writes none. The
     * same comment as the packet before (a program's packets share one) is encoded only once.
     */
    public void write(PacketRecord packet, String comment) throws IOException {
        if (comment != lastComment) {
            lastCommentBytes = utf8(comment);
            lastComment = comment;
        }
        byte[] text = lastCommentBytes;
        if (text != null) {
            checkOptionLength("comment", text.length);
        }
        writeEnhancedPacket(packet, text);
    }

    private void writeEnhancedPacket(PacketRecord packet, byte[] comment) throws IOException {
        int capturedLength = packet.capturedLength();
        if (capturedLength < 0) {
            throw new IllegalArgumentException("negative captured length " + capturedLength);
        }
        long length = enhancedPacketLength(capturedLength, comment);
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

    private static long enhancedPacketLength(int capturedLength, byte[] comment) {
        long padded = capturedLength + (-capturedLength & 3);
        long optionsLength = comment == null ? 0 : 4 + comment.length + (-comment.length & 3) + 4;
        return ENHANCED_PACKET_FIXED_LENGTH + padded + optionsLength;
    }

    /**
     * Bytes that {@link #write(PacketRecord)} would add for this packet: its block, and the
     * description of its interface when that is not written yet.
     */
    long bytesToWrite(PacketRecord packet) {
        long length = enhancedPacketLength(packet.capturedLength(), null);
        long key = interfaceKey(packet.interfaceId(), packet.linkType());
        if (indexOf(key) < 0) {
            length += MINIMAL_INTERFACE_DESCRIPTION_LENGTH;
        }
        return length;
    }

    /** Bytes written so far, whether sent to the stream or still buffered. */
    long bytesWritten() {
        return out.bytesWritten();
    }

    private static long interfaceKey(int interfaceId, int linkType) {
        return ((long) interfaceId << 32) | Integer.toUnsignedLong(linkType);
    }

    /** The file's id for this interface, or -1 when it is not described yet. */
    private int indexOf(long key) {
        if (key == lastKey && lastIndex >= 0) {
            return lastIndex;
        }
        // A linear search: captures have a handful of interfaces, and the last one is remembered.
        for (int index = 0; index < interfaceCount; index++) {
            if (interfaceKeys[index] == key) {
                return index;
            }
        }
        return -1;
    }

    /** The file's id for this interface, writing a minimal description first if it is new. */
    private int interfaceIndex(int interfaceId, int linkType) throws IOException {
        long key = interfaceKey(interfaceId, linkType);
        int index = indexOf(key);
        if (index < 0) {
            index = addInterface(key, interfaceDescription(linkType, null));
        }
        lastKey = key;
        lastIndex = index;
        return index;
    }

    private int addInterface(long key, byte[] description) throws IOException {
        out.putBytes(description);
        if (interfaceCount == interfaceKeys.length) {
            interfaceKeys = Arrays.copyOf(interfaceKeys, interfaceCount * 2);
        }
        interfaceKeys[interfaceCount] = key;
        return interfaceCount++;
    }

    /** An Interface Description Block; with no {@code info}, only the link type and {@code if_tsresol}. */
    private static byte[] interfaceDescription(int linkType, InterfaceInfo info) {
        BlockBytes block = new BlockBytes(PcapngReader.INTERFACE_DESCRIPTION_BLOCK)
                .u16(linkType)
                .u16(0) // reserved
                .u32(info == null ? 0 : info.snaplen()); // 0: not limited
        if (info != null) {
            block.text(OPTION_IF_NAME, "if_name", info.name())
                    .text(OPTION_IF_DESCRIPTION, "if_description", info.description());
        }
        block.option(OPTION_IF_TSRESOL, "if_tsresol", new byte[] {NANOSECONDS_TSRESOL});
        if (info != null) {
            byte[] filter = utf8(info.filter());
            if (filter != null) {
                byte[] value = new byte[1 + filter.length];
                value[0] = LIBPCAP_FILTER;
                System.arraycopy(filter, 0, value, 1, filter.length);
                block.option(OPTION_IF_FILTER, "if_filter", value);
            }
            block.text(OPTION_IF_OS, "if_os", info.os());
        }
        return block.toArray();
    }

    /** A text option's value; null for a null or empty text, which is left out. */
    private static byte[] utf8(String text) {
        return text == null || text.isEmpty() ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    private static void checkOptionLength(String option, int length) {
        if (length > MAX_OPTION_LENGTH) {
            throw new IllegalArgumentException(option + " of " + length + " bytes is longer than the "
                    + MAX_OPTION_LENGTH + " a pcapng option holds");
        }
    }

    /** Sends the buffered blocks to the stream and flushes it, so the file is readable up to here. */
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    /**
     * A whole block built in memory, for the blocks written once per file: little-endian fields,
     * then options (§3.5: code, length, value padded to 4 bytes, ended by {@code opt_endofopt}).
     */
    private static final class BlockBytes {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private boolean hasOptions;

        BlockBytes(int type) {
            u32(type);
            u32(0); // the length, known at the end
        }

        BlockBytes u16(int value) {
            bytes.write(value);
            bytes.write(value >>> 8);
            return this;
        }

        BlockBytes u32(int value) {
            u16(value);
            return u16(value >>> 16);
        }

        BlockBytes u64(long value) {
            u32((int) value);
            return u32((int) (value >>> 32));
        }

        BlockBytes text(int code, String option, String text) {
            byte[] value = utf8(text);
            return value == null ? this : option(code, option, value);
        }

        BlockBytes option(int code, String option, byte[] value) {
            checkOptionLength(option, value.length);
            u16(code);
            u16(value.length);
            bytes.writeBytes(value);
            bytes.writeBytes(new byte[-value.length & 3]);
            hasOptions = true;
            return this;
        }

        byte[] toArray() {
            if (hasOptions) {
                u32(0); // opt_endofopt
            }
            int length = bytes.size() + 4;
            u32(length);
            byte[] block = bytes.toByteArray();
            ByteBuffer.wrap(block).order(ByteOrder.LITTLE_ENDIAN).putInt(4, length);
            return block;
        }
    }
}
