package dev.tapdeck.cli;

import dev.tapdeck.capture.CaptureSettings;
import dev.tapdeck.file.PacketRecord;
import dev.tapdeck.file.PcapngWriter;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where {@code tapdeck capture -w} records: nothing, or a pcapng file, flushed at least
 * every second so a killed process leaves a file readable up to its last whole block.
 */
final class Recording {
    private static final long FLUSH_EVERY_NANOS = 1_000_000_000L;

    private final Path path;
    private PcapngWriter writer;
    private long lastFlush;
    private boolean closed;

    private Recording(Path path) {
        this.path = path;
    }

    static Recording parse(Path writeTo, List<String> ringOptions) {
        if (writeTo == null && !ringOptions.isEmpty()) {
            throw new IllegalArgumentException("-b needs -w FILE: a ring buffer is a set of files");
        }
        if (!ringOptions.isEmpty()) {
            throw new IllegalArgumentException("-b is not available yet");
        }
        return new Recording(writeTo);
    }

    Path path() { return path; }

    void open(CaptureSettings settings, int linkType) throws IOException {
        if (path == null || writer != null) {
            return;
        }
        writer = new PcapngWriter(new BufferedOutputStream(Files.newOutputStream(path), 1 << 16));
        lastFlush = System.nanoTime();
    }

    void write(PacketRecord packet) throws IOException {
        if (writer != null) {
            writer.write(packet);
        }
    }

    void flushIfDue() throws IOException {
        long now = System.nanoTime();
        if (writer != null && now - lastFlush >= FLUSH_EVERY_NANOS) {
            writer.flush();
            lastFlush = now;
        }
    }

    void close() throws IOException {
        if (writer != null && !closed) {
            closed = true;
            writer.close();
        }
    }

    /** "; written to FILE" for the totals line, or nothing. */
    String describeFiles() {
        return path == null ? "" : "; written to " + path;
    }
}
