package dev.tapdeck.file;

import java.io.IOException;

/** Writes packets to a capture file; the counterpart of {@link CaptureReader}. */
public interface CaptureWriter extends AutoCloseable {

    /**
     * Appends one packet: its captured bytes, original length, timestamp, link type and
     * interface id are taken from {@code packet}.
     */
    void write(PacketRecord packet) throws IOException;

    /** Flushes buffered records and closes the underlying stream. */
    @Override
    void close() throws IOException;
}
