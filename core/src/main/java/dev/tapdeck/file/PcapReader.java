package dev.tapdeck.file;

import static dev.tapdeck.file.ReadWindow.intAt;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.nio.channels.ReadableByteChannel;

/**
 * Reads the classic pcap format (draft-ietf-opsawg-pcap): a 24-byte file header, then
 * records of a 16-byte header and the captured bytes. Either byte order, microsecond
 * (magic a1b2c3d4) or nanosecond (a1b23c4d) timestamps.
 */
public final class PcapReader implements CaptureReader {
    static final int FILE_HEADER_LENGTH = 24;
    static final int RECORD_HEADER_LENGTH = 16;
    /** Largest packet tshark accepts when the snaplen does not promise more (WTAP_MAX_PACKET_SIZE_STANDARD). */
    static final int STANDARD_MAX_PACKET = 262_144;
    /** No snaplen makes a record longer than this believable. */
    static final int ABSOLUTE_MAX_PACKET = 256 << 20;

    static final int MAGIC_MICROSECONDS = 0xA1B2C3D4;
    static final int MAGIC_NANOSECONDS = 0xA1B23C4D;

    private final ReadWindow window;
    private final boolean bigEndian;
    private final boolean nanosecondResolution;
    private final int linkType;
    private final long snapshotLength;
    private final int maxCapturedLength;
    private long recordNumber;

    /**
     * Reads the file header from {@code in}. The reader owns the channel; if this
     * constructor throws, it has closed the channel already.
     */
    public PcapReader(ReadableByteChannel in) throws IOException {
        this(new ReadWindow(in));
    }

    /** Reads the file header; closes the window if that fails. */
    PcapReader(ReadWindow window) throws IOException {
        this.window = window;
        try {
            if (!window.fill(FILE_HEADER_LENGTH)) {
                throw new CaptureFileException("file cut short in the pcap file header: "
                        + window.available() + " of " + FILE_HEADER_LENGTH + " bytes present", 0, 0);
            }
            MemorySegment header = window.segment;
            long p = window.position;
            int magic = intAt(header, p, false);
            if (!isPcapMagic(magic)) {
                throw new CaptureFileException(String.format("not a pcap file (magic 0x%08x)", Integer.reverseBytes(magic)), 0, 0);
            }
            bigEndian = magic != MAGIC_MICROSECONDS && magic != MAGIC_NANOSECONDS;
            nanosecondResolution = (bigEndian ? Integer.reverseBytes(magic) : magic) == MAGIC_NANOSECONDS;
            snapshotLength = Integer.toUnsignedLong(intAt(header, p + 16, bigEndian));
            // The upper 16 bits carry the FCS length and flags, not the link type.
            linkType = intAt(header, p + 20, bigEndian) & 0xFFFF;
            maxCapturedLength = (int) Math.min(Math.max(snapshotLength, STANDARD_MAX_PACKET), ABSOLUTE_MAX_PACKET);
            window.position = p + FILE_HEADER_LENGTH;
        } catch (IOException | RuntimeException e) {
            ReadWindow.closeAfterFailure(window, e);
            throw e;
        }
    }

    /** True for the first four bytes of a pcap file, read as a little-endian int. */
    static boolean isPcapMagic(int magic) {
        return magic == MAGIC_MICROSECONDS || magic == MAGIC_NANOSECONDS
                || magic == Integer.reverseBytes(MAGIC_MICROSECONDS) || magic == Integer.reverseBytes(MAGIC_NANOSECONDS);
    }

    @Override
    public boolean next(PacketRecord into) throws IOException {
        ReadWindow w = window;
        if (w.limit - w.position < RECORD_HEADER_LENGTH && !w.fill(RECORD_HEADER_LENGTH)) {
            if (w.available() == 0) {
                return false;
            }
            throw cutShort(w.available() + " of " + RECORD_HEADER_LENGTH + " record header bytes present");
        }
        MemorySegment s = w.segment;
        long p = w.position;
        int capturedLength = intAt(s, p + 8, bigEndian);
        if (Integer.compareUnsigned(capturedLength, maxCapturedLength) > 0) {
            throw new CaptureFileException("impossible record length " + Integer.toUnsignedString(capturedLength)
                    + " (at most " + maxCapturedLength + " with snaplen " + snapshotLength + ")",
                    w.fileOffset(), recordNumber + 1);
        }
        long recordLength = RECORD_HEADER_LENGTH + capturedLength;
        if (w.limit - p < recordLength) {
            if (!w.fill(recordLength)) {
                throw cutShort((w.available() - RECORD_HEADER_LENGTH) + " of " + capturedLength + " packet bytes present");
            }
            s = w.segment;
            p = w.position;
        }
        long seconds = Integer.toUnsignedLong(intAt(s, p, bigEndian));
        long fraction = Integer.toUnsignedLong(intAt(s, p + 4, bigEndian));
        long nanos = nanosecondResolution ? fraction : fraction * 1000;
        if (nanos >= 1_000_000_000L) {
            // Out of range in a damaged or odd file; keep the time it means.
            seconds += nanos / 1_000_000_000L;
            nanos %= 1_000_000_000L;
        }
        int originalLength = (int) Math.min(Integer.toUnsignedLong(intAt(s, p + 12, bigEndian)), Integer.MAX_VALUE);
        into.set(s, p + RECORD_HEADER_LENGTH, capturedLength, originalLength, linkType)
                .timestamp(seconds, (int) nanos, nanosecondResolution ? PacketRecord.NANOSECOND_DIGITS : PacketRecord.MICROSECOND_DIGITS)
                .position(++recordNumber, w.fileOffset());
        w.position = p + recordLength;
        return true;
    }

    private CaptureFileException cutShort(String detail) {
        return new CaptureFileException("file cut short in the middle of a packet: " + detail,
                window.fileOffset(), recordNumber + 1);
    }

    @Override
    public String formatName() {
        return "pcap";
    }

    /** LINKTYPE_ value of every packet in the file, without the FCS bits. */
    public int linkType() {
        return linkType;
    }

    /** The snaplen of the file header, unsigned. */
    public long snapshotLength() {
        return snapshotLength;
    }

    /** True for the a1b23c4d magic: timestamps in nanoseconds. */
    public boolean nanosecondResolution() {
        return nanosecondResolution;
    }

    public ByteOrder byteOrder() {
        return bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    }

    /** Bytes of memory the reader holds for records: its buffer, which grows only to the largest record. */
    public long bufferCapacity() {
        return window.capacity();
    }

    @Override
    public void close() throws IOException {
        window.close();
    }
}
