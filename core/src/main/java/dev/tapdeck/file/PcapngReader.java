package dev.tapdeck.file;

import static dev.tapdeck.file.ReadWindow.intAt;
import static dev.tapdeck.file.ReadWindow.longAt;
import static dev.tapdeck.file.ReadWindow.unsignedShortAt;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads pcapng (draft-ietf-opsawg-pcapng): sections, each a Section Header Block with its
 * own byte order, then Interface Description Blocks and packets. Packets come from Enhanced
 * (§4.3), Simple (§4.4) and the obsolete Packet Blocks (Appendix A); every other block (Name
 * Resolution, Interface Statistics, Decryption Secrets, Custom, unknown) is checked for a
 * sane length and skipped without being held in memory.
 */
public final class PcapngReader implements CaptureReader {
    static final int SECTION_HEADER_BLOCK = 0x0A0D0D0A;
    static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    static final int INTERFACE_DESCRIPTION_BLOCK = 1;
    static final int PACKET_BLOCK = 2;
    static final int SIMPLE_PACKET_BLOCK = 3;
    static final int ENHANCED_PACKET_BLOCK = 6;

    private static final int BLOCK_HEADER_LENGTH = 8;
    private static final int MIN_BLOCK_LENGTH = 12;
    private static final int MIN_SECTION_HEADER_LENGTH = 28;
    /** Block type, length and byte-order magic: what it takes to know a section's byte order. */
    private static final int SECTION_HEADER_PREFIX = 12;
    private static final int MIN_INTERFACE_DESCRIPTION_LENGTH = 20;
    /** EPB and PB: block header, five 32-bit fields, trailer. */
    private static final int MIN_TIMESTAMPED_PACKET_LENGTH = 32;
    private static final int MIN_SIMPLE_PACKET_LENGTH = 16;
    /** The same ceiling as a pcap record: no real block is larger. */
    private static final long MAX_BLOCK_LENGTH = PcapReader.ABSOLUTE_MAX_PACKET;

    private static final int OPTION_END = 0;
    private static final int OPTION_COMMENT = 1;
    private static final int OPTION_IF_TSRESOL = 9;
    private static final int OPTION_IF_TSOFFSET = 14;

    private final ReadWindow window;
    /** Byte order of the current section. */
    private boolean bigEndian;
    private int majorVersion;
    private int minorVersion;
    private long recordNumber;
    /** False while the first section header is read: its damage is reported as the file header's (record 0). */
    private boolean pastFileHeader;

    // Interfaces of the current section, indexed by interface id; ids restart in each section.
    private int interfaceCount;
    private int[] linkTypes = new int[4];
    private int[] snapshotLengths = new int[4];
    private TimestampUnits[] timestampUnits = new TimestampUnits[4];
    private long[] timestampOffsets = new long[4];

    /**
     * Reads the first Section Header Block from {@code in}. The reader owns the channel; if this
     * constructor throws, it has closed the channel already.
     */
    public PcapngReader(ReadableByteChannel in) throws IOException {
        this(new ReadWindow(in));
    }

    /** Reads the first Section Header Block; closes the window if that fails. */
    PcapngReader(ReadWindow window) throws IOException {
        this.window = window;
        try {
            if (!window.fill(4) || window.segment.get(ReadWindow.INT_LE, window.position) != SECTION_HEADER_BLOCK) {
                String magic = window.available() < 4 ? "only " + window.available() + " bytes"
                        : String.format("magic 0x%08x", window.segment.get(ReadWindow.INT_BE, window.position));
                throw new CaptureFileException("not a pcapng file (" + magic + ")", 0, 0);
            }
            readSectionHeader();
            pastFileHeader = true;
        } catch (IOException | RuntimeException e) {
            ReadWindow.closeAfterFailure(window, e);
            throw e;
        }
    }

    @Override
    public boolean next(PacketRecord into) throws IOException {
        ReadWindow w = window;
        while (true) {
            if (w.limit - w.position < BLOCK_HEADER_LENGTH && !w.fill(BLOCK_HEADER_LENGTH)) {
                if (w.available() == 0) {
                    return false;
                }
                throw cutShort("a block header", w.available(), BLOCK_HEADER_LENGTH);
            }
            int type = intAt(w.segment, w.position, bigEndian);
            if (type == SECTION_HEADER_BLOCK) {
                readSectionHeader();
                continue;
            }
            long length = Integer.toUnsignedLong(intAt(w.segment, w.position + 4, bigEndian));
            switch (type) {
                case ENHANCED_PACKET_BLOCK -> {
                    long p = holdBlock(length, MIN_TIMESTAMPED_PACKET_LENGTH, true);
                    readTimestampedPacket(into, intAt(w.segment, p + 8, bigEndian), p, length);
                    return true;
                }
                case SIMPLE_PACKET_BLOCK -> {
                    readSimplePacket(into, holdBlock(length, MIN_SIMPLE_PACKET_LENGTH, true), length);
                    return true;
                }
                case PACKET_BLOCK -> {
                    long p = holdBlock(length, MIN_TIMESTAMPED_PACKET_LENGTH, true);
                    readTimestampedPacket(into, unsignedShortAt(w.segment, p + 8, bigEndian), p, length);
                    return true;
                }
                case INTERFACE_DESCRIPTION_BLOCK ->
                        readInterfaceDescription(holdBlock(length, MIN_INTERFACE_DESCRIPTION_LENGTH, false), length);
                default -> skipBlock(length);
            }
        }
    }

    /**
     * Checks the length of the block at the window position and makes all of it available.
     *
     * @return the block's position in the window segment
     */
    private long holdBlock(long length, int minimum, boolean packet) throws IOException {
        checkLength(length, minimum);
        ReadWindow w = window;
        if (w.limit - w.position < length && !w.fill(length)) {
            throw cutShort(packet ? "a packet" : "a block", w.available(), length);
        }
        long p = w.position;
        checkTrailer(length, intAt(w.segment, p + length - 4, bigEndian));
        return p;
    }

    private void checkLength(long length, int minimum) throws CaptureFileException {
        if (length < minimum || (length & 3) != 0 || length > MAX_BLOCK_LENGTH) {
            String why = length < minimum ? "less than the " + minimum + " bytes of this block type"
                    : (length & 3) != 0 ? "not a multiple of 4" : "larger than " + MAX_BLOCK_LENGTH;
            throw damaged("impossible record length " + length + ": " + why);
        }
    }

    private void checkTrailer(long length, int trailer) throws CaptureFileException {
        if (Integer.toUnsignedLong(trailer) != length) {
            throw damaged("impossible record length " + length + ": the block ends with length "
                    + Integer.toUnsignedLong(trailer));
        }
    }

    /**
     * Enhanced Packet Block (§4.3) or obsolete Packet Block (Appendix A), alike after the
     * interface id: at +12 and +16 the timestamp's upper and lower 32 bits, +20 captured
     * length, +24 original length, +28 the packet.
     */
    private void readTimestampedPacket(PacketRecord into, int interfaceId, long p, long length) throws CaptureFileException {
        ReadWindow w = window;
        MemorySegment s = w.segment;
        if (Integer.compareUnsigned(interfaceId, interfaceCount) >= 0) {
            throw unknownInterface(interfaceId);
        }
        int capturedLength = intAt(s, p + 20, bigEndian);
        long room = length - MIN_TIMESTAMPED_PACKET_LENGTH;
        if (Integer.toUnsignedLong(capturedLength) > room) {
            throw damaged("impossible captured length " + Integer.toUnsignedString(capturedLength)
                    + " in a block with room for " + room);
        }
        long units = (Integer.toUnsignedLong(intAt(s, p + 12, bigEndian)) << 32)
                | Integer.toUnsignedLong(intAt(s, p + 16, bigEndian));
        into.set(s, p + 28, capturedLength, originalLength(intAt(s, p + 24, bigEndian)), linkTypes[interfaceId])
                .interfaceId(interfaceId)
                .position(++recordNumber, w.fileOffset());
        timestampUnits[interfaceId].setTimestamp(into, units, timestampOffsets[interfaceId]);
        long options = p + 28 + ((Integer.toUnsignedLong(capturedLength) + 3) & ~3);
        if (options < p + length - 4) {
            into.comment(comment(s, options, p + length - 4));
        }
        w.position = p + length;
    }

    /**
     * The first {@code opt_comment} among the options from {@code option} to {@code end}
     * (§3.5: code, length, value padded to 4 bytes); null when there is none. Only a packet
     * with a comment allocates: its text.
     */
    private String comment(MemorySegment s, long option, long end) {
        while (option + 4 <= end) {
            int code = unsignedShortAt(s, option, bigEndian);
            int optionLength = unsignedShortAt(s, option + 2, bigEndian);
            long value = option + 4;
            if (code == OPTION_END || value + optionLength > end) {
                return null; // an option running past the block: the packet stands without it
            }
            if (code == OPTION_COMMENT) {
                // Some writers count a C string's terminator and whatever followed it in the
                // length; Wireshark's comment ends at the first NUL, and so does this one.
                int textLength = 0;
                while (textLength < optionLength && s.get(ValueLayout.JAVA_BYTE, value + textLength) != 0) {
                    textLength++;
                }
                byte[] text = s.asSlice(value, textLength).toArray(ValueLayout.JAVA_BYTE);
                return new String(text, StandardCharsets.UTF_8);
            }
            option = value + ((optionLength + 3) & ~3);
        }
        return null;
    }

    /**
     * Simple Packet Block (§4.4): interface 0, no timestamp, and no captured length: it is
     * the original length cut to the interface's snaplen and to the room in the block.
     */
    private void readSimplePacket(PacketRecord into, long p, long length) throws CaptureFileException {
        ReadWindow w = window;
        MemorySegment s = w.segment;
        if (interfaceCount == 0) {
            throw unknownInterface(0);
        }
        long originalLength = Integer.toUnsignedLong(intAt(s, p + 8, bigEndian));
        long capturedLength = Math.min(originalLength, length - MIN_SIMPLE_PACKET_LENGTH);
        int snapshotLength = snapshotLengths[0];
        if (snapshotLength != 0) {
            capturedLength = Math.min(capturedLength, Integer.toUnsignedLong(snapshotLength));
        }
        into.set(s, p + 12, (int) capturedLength, originalLength((int) originalLength), linkTypes[0])
                .noTimestamp()
                .position(++recordNumber, w.fileOffset());
        w.position = p + length;
    }

    private static int originalLength(int unsigned) {
        return (int) Math.min(Integer.toUnsignedLong(unsigned), Integer.MAX_VALUE);
    }

    /** Section Header Block (§4.1): sets the byte order and forgets the previous section's interfaces. */
    private void readSectionHeader() throws IOException {
        ReadWindow w = window;
        if (w.limit - w.position < SECTION_HEADER_PREFIX && !w.fill(SECTION_HEADER_PREFIX)) {
            throw cutShort("a section header block", w.available(), SECTION_HEADER_PREFIX);
        }
        // The byte-order magic tells the order of everything else, the block length included.
        int byteOrderMagic = intAt(w.segment, w.position + 8, false);
        if (byteOrderMagic != BYTE_ORDER_MAGIC && byteOrderMagic != Integer.reverseBytes(BYTE_ORDER_MAGIC)) {
            throw damaged(String.format("not a pcapng section header (byte-order magic 0x%08x)",
                    Integer.reverseBytes(byteOrderMagic)));
        }
        bigEndian = byteOrderMagic != BYTE_ORDER_MAGIC;
        long length = Integer.toUnsignedLong(intAt(w.segment, w.position + 4, bigEndian));
        long p = holdBlock(length, MIN_SECTION_HEADER_LENGTH, false);
        int major = unsignedShortAt(w.segment, p + 12, bigEndian);
        int minor = unsignedShortAt(w.segment, p + 14, bigEndian);
        if (major != 1) {
            throw damaged("unsupported pcapng section version " + major + "." + minor);
        }
        majorVersion = major;
        minorVersion = minor;
        interfaceCount = 0;
        w.position = p + length;
    }

    /** Interface Description Block (§4.2): link type, snaplen and the options that shape timestamps. */
    private void readInterfaceDescription(long p, long length) {
        ReadWindow w = window;
        MemorySegment s = w.segment;
        int linkType = unsignedShortAt(s, p + 8, bigEndian);
        int snapshotLength = intAt(s, p + 12, bigEndian);
        TimestampUnits units = TimestampUnits.MICROSECONDS;
        long offsetSeconds = 0;
        long end = p + length - 4;
        for (long option = p + 16; option + 4 <= end; ) {
            int code = unsignedShortAt(s, option, bigEndian);
            int optionLength = unsignedShortAt(s, option + 2, bigEndian);
            long value = option + 4;
            if (code == OPTION_END || value + optionLength > end) {
                break; // an option running past the block: keep the options before it
            }
            if (code == OPTION_IF_TSRESOL && optionLength == 1) {
                units = TimestampUnits.fromTsresol(Byte.toUnsignedInt(s.get(ValueLayout.JAVA_BYTE, value)));
            } else if (code == OPTION_IF_TSOFFSET && optionLength == 8) {
                offsetSeconds = longAt(s, value, bigEndian);
            }
            option = value + ((optionLength + 3) & ~3);
        }
        addInterface(linkType, snapshotLength, units, offsetSeconds);
        w.position = p + length;
    }

    private void addInterface(int linkType, int snapshotLength, TimestampUnits units, long offsetSeconds) {
        if (interfaceCount == linkTypes.length) {
            int capacity = interfaceCount * 2;
            linkTypes = Arrays.copyOf(linkTypes, capacity);
            snapshotLengths = Arrays.copyOf(snapshotLengths, capacity);
            timestampUnits = Arrays.copyOf(timestampUnits, capacity);
            timestampOffsets = Arrays.copyOf(timestampOffsets, capacity);
        }
        linkTypes[interfaceCount] = linkType;
        snapshotLengths[interfaceCount] = snapshotLength;
        timestampUnits[interfaceCount] = units;
        timestampOffsets[interfaceCount] = offsetSeconds;
        interfaceCount++;
    }

    /** Any block that carries no packet and no interface: skipped piece by piece, its trailer checked. */
    private void skipBlock(long length) throws IOException {
        checkLength(length, MIN_BLOCK_LENGTH);
        ReadWindow w = window;
        long blockOffset = w.fileOffset();
        if (!w.skip(length - 4) || !w.fill(4)) {
            throw new CaptureFileException("file cut short in the middle of a block: "
                    + (w.fileOffset() - blockOffset + w.available()) + " of " + length + " bytes present",
                    blockOffset, damagedRecordNumber());
        }
        int trailer = intAt(w.segment, w.position, bigEndian);
        if (Integer.toUnsignedLong(trailer) != length) {
            throw new CaptureFileException("impossible record length " + length + ": the block ends with length "
                    + Integer.toUnsignedLong(trailer), blockOffset, damagedRecordNumber());
        }
        w.position += 4;
    }

    private CaptureFileException unknownInterface(int interfaceId) {
        return damaged("packet for interface " + Integer.toUnsignedString(interfaceId)
                + ", but its section describes " + interfaceCount + " interface" + (interfaceCount == 1 ? "" : "s"));
    }

    /** A damaged block at the window position. */
    private CaptureFileException damaged(String problem) {
        return new CaptureFileException(problem, window.fileOffset(), damagedRecordNumber());
    }

    /** The packet that would have come next, or 0 in the first section header. */
    private long damagedRecordNumber() {
        return pastFileHeader ? recordNumber + 1 : 0;
    }

    private CaptureFileException cutShort(String what, long present, long expected) {
        return damaged("file cut short in the middle of " + what + ": " + present + " of " + expected + " bytes present");
    }

    @Override
    public String formatName() {
        return "pcapng";
    }

    /** Version of the current section, e.g. "1.0". */
    public String sectionVersion() {
        return majorVersion + "." + minorVersion;
    }

    /** Interfaces described so far in the current section. */
    public int interfaceCount() {
        return interfaceCount;
    }

    /** Bytes of memory the reader holds for blocks: its buffer, which grows only to the largest packet block. */
    public long bufferCapacity() {
        return window.capacity();
    }

    @Override
    public void close() throws IOException {
        window.close();
    }
}
