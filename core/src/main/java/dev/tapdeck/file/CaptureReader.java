package dev.tapdeck.file;

import java.io.IOException;

/**
 * Streams the packets of a capture file, one reused {@link PacketRecord} at a time, with
 * memory bounded by the largest record, not by the file.
 */
public interface CaptureReader extends AutoCloseable {

    /**
     * Fills {@code into} with the next packet.
     *
     * @return false at a clean end of the file
     * @throws CaptureFileException when the next record is damaged or cut short; every packet
     *                              before it has been returned
     */
    boolean next(PacketRecord into) throws IOException;

    /** "pcap" or "pcapng". */
    String formatName();

    @Override
    void close() throws IOException;
}
