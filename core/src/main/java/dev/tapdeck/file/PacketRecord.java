package dev.tapdeck.file;

import java.lang.foreign.MemorySegment;

/**
 * One captured packet as a reader delivers it: a mutable holder that a reader fills again for
 * every packet, so reading allocates nothing per packet. The bytes are valid only until the
 * next call to {@link CaptureReader#next(PacketRecord)}; copy them to keep them.
 */
public final class PacketRecord {
    /** Timestamp precisions as decimal digits of the fraction, as tshark prints them. */
    public static final int MICROSECOND_DIGITS = 6;
    public static final int NANOSECOND_DIGITS = 9;

    private MemorySegment buffer = MemorySegment.NULL;
    private long offset;
    private int capturedLength;
    private int originalLength;
    private int linkType;
    private int interfaceId;
    private boolean hasTimestamp;
    private long epochSeconds;
    private int nanos;
    private int timestampDigits = MICROSECOND_DIGITS;
    private long recordNumber;
    private long fileOffset;
    /** The pcapng packet's {@code opt_comment}; null for none (and for every pcap record). */
    private String comment;

    /** Points this record at {@code capturedLength} bytes of {@code buffer} starting at {@code offset}. */
    public PacketRecord set(MemorySegment buffer, long offset, int capturedLength, int originalLength, int linkType) {
        this.buffer = buffer;
        this.offset = offset;
        this.capturedLength = capturedLength;
        this.originalLength = originalLength;
        this.linkType = linkType;
        this.interfaceId = 0;
        this.hasTimestamp = false;
        this.epochSeconds = 0;
        this.nanos = 0;
        this.timestampDigits = MICROSECOND_DIGITS;
        this.comment = null;
        return this;
    }

    /** Sets the packet's comment, after {@link #set}: a reader found one in the packet's options. */
    public PacketRecord comment(String comment) {
        this.comment = comment;
        return this;
    }

    public PacketRecord timestamp(long epochSeconds, int nanos, int digits) {
        this.hasTimestamp = true;
        this.epochSeconds = epochSeconds;
        this.nanos = nanos;
        this.timestampDigits = digits;
        return this;
    }

    public PacketRecord noTimestamp() {
        this.hasTimestamp = false;
        this.epochSeconds = 0;
        this.nanos = 0;
        return this;
    }

    public PacketRecord interfaceId(int interfaceId) {
        this.interfaceId = interfaceId;
        return this;
    }

    /** Position in the file: 1-based packet record number and the byte offset of its record header. */
    public PacketRecord position(long recordNumber, long fileOffset) {
        this.recordNumber = recordNumber;
        this.fileOffset = fileOffset;
        return this;
    }

    /**
     * Makes this record a copy of {@code source} whose bytes live at {@code offset} in {@code
     * buffer}, so that it outlives the reader's next call: every field, and the bytes.
     */
    public PacketRecord copyOf(PacketRecord source, MemorySegment buffer, long offset) {
        MemorySegment.copy(source.buffer, source.offset, buffer, offset, source.capturedLength);
        set(buffer, offset, source.capturedLength, source.originalLength, source.linkType);
        this.interfaceId = source.interfaceId;
        this.hasTimestamp = source.hasTimestamp;
        this.epochSeconds = source.epochSeconds;
        this.nanos = source.nanos;
        this.timestampDigits = source.timestampDigits;
        this.comment = source.comment;
        return position(source.recordNumber, source.fileOffset);
    }

    /** The segment holding the packet; the packet starts at {@link #offset()}. */
    public MemorySegment buffer() { return buffer; }
    public long offset() { return offset; }
    /** Bytes present in the capture ({@code frame.cap_len}). */
    public int capturedLength() { return capturedLength; }
    /** Bytes the packet had on the wire ({@code frame.len}). */
    public int originalLength() { return originalLength; }
    /** pcap LINKTYPE_ value of the interface the packet came from. */
    public int linkType() { return linkType; }
    public int interfaceId() { return interfaceId; }
    /** False for pcapng Simple Packet Blocks, which carry no time. */
    public boolean hasTimestamp() { return hasTimestamp; }
    public long epochSeconds() { return epochSeconds; }
    /** Nanoseconds within the second, 0..999,999,999. */
    public int nanos() { return nanos; }
    /** The packet's time in nanoseconds since the epoch, 0 when the record has none. */
    public long epochNanos() { return hasTimestamp ? epochSeconds * 1_000_000_000L + nanos : 0; }
    /** Decimal digits of the record's own time precision (6 for microseconds, 9 for nanoseconds). */
    public int timestampDigits() { return timestampDigits; }
    public long recordNumber() { return recordNumber; }
    public long fileOffset() { return fileOffset; }
    /** The packet's comment ({@code frame.comment}), null when it has none. */
    public String comment() { return comment; }

    /** A copy of the packet bytes, for cold paths and tests. */
    public byte[] toByteArray() {
        return buffer.asSlice(offset, capturedLength).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
    }
}
