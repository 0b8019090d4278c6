package dev.tapdeck.file;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes a little-endian pcap file (draft-ietf-opsawg-pcap) with one link type, in
 * microseconds or nanoseconds. Buffered: nothing reaches the stream before the buffer fills,
 * {@link #flush()} or {@link #close()}.
 */
public final class PcapWriter implements CaptureWriter {
    private final WriteBuffer out;
    private final int linkType;
    private final int maxCapturedLength;
    private final boolean nanosecondResolution;

    /**
     * @param linkType             LINKTYPE_ value of every packet that will be written
     * @param snaplen              the snapshot length to record in the file header
     * @param nanosecondResolution nanosecond timestamps (magic a1b23c4d) rather than microseconds
     */
    public PcapWriter(OutputStream out, int linkType, int snaplen, boolean nanosecondResolution) {
        this.out = new WriteBuffer(out);
        this.linkType = linkType;
        this.nanosecondResolution = nanosecondResolution;
        // What PcapReader (and tshark) accept back.
        this.maxCapturedLength = (int) Math.min(Math.max(Integer.toUnsignedLong(snaplen), PcapReader.STANDARD_MAX_PACKET),
                PcapReader.ABSOLUTE_MAX_PACKET);
        this.out.putInt(nanosecondResolution ? PcapReader.MAGIC_NANOSECONDS : PcapReader.MAGIC_MICROSECONDS);
        this.out.putShort(2);
        this.out.putShort(4);
        this.out.putInt(0); // thiszone: always UTC
        this.out.putInt(0); // sigfigs
        this.out.putInt(snaplen);
        this.out.putInt(linkType);
    }

    /**
     * Appends one packet; a packet without a timestamp gets time 0.
     *
     * @throws IllegalArgumentException when the packet's link type is not the file's, it is
     *                                  longer than a pcap reader would accept for this snaplen,
     *                                  or its time is before 1970 or after 2106 (32-bit seconds)
     */
    @Override
    public void write(PacketRecord packet) throws IOException {
        if (packet.linkType() != linkType) {
            throw new IllegalArgumentException("a pcap file holds one link type: this one is " + linkType
                    + ", the packet's is " + packet.linkType() + " (write pcapng for mixed link types)");
        }
        int capturedLength = packet.capturedLength();
        if (capturedLength < 0 || capturedLength > maxCapturedLength) {
            throw new IllegalArgumentException("packet of " + capturedLength + " bytes is longer than the "
                    + maxCapturedLength + " a pcap reader accepts for this snaplen");
        }
        long seconds = packet.epochSeconds();
        if (seconds < 0 || seconds > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("time " + seconds + " s since 1970 does not fit a pcap record's 32-bit seconds");
        }
        out.reserve(PcapReader.RECORD_HEADER_LENGTH);
        out.putInt((int) seconds);
        out.putInt(nanosecondResolution ? packet.nanos() : packet.nanos() / 1000);
        out.putInt(capturedLength);
        out.putInt(packet.originalLength());
        out.putBytes(packet.buffer(), packet.offset(), capturedLength);
    }

    /** Sends the buffered records to the stream and flushes it, so the file is readable up to here. */
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
