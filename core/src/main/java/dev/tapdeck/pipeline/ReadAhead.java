package dev.tapdeck.pipeline;

import dev.tapdeck.file.CaptureReader;
import dev.tapdeck.file.PacketRecord;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;

/**
 * Reads a capture on a thread of its own, a bounded ring ahead of the caller, so that reading
 * the file and decoding it run on two cores at once. The ring waits when it is full: a file
 * is never read further ahead than the ring holds. Errors from the file reach the caller in
 * order, after every packet read before them.
 */
public final class ReadAhead implements CaptureReader {
    /** 8 MiB and 16 Ki packets: enough to ride out a slow stretch on either side. */
    private static final int SLOTS = 1 << 14;
    private static final int BYTES = 8 << 20;

    private final CaptureReader source;
    private final PacketRing ring = new PacketRing(SLOTS, BYTES);
    private final Thread reader;
    private volatile IOException failure;

    public ReadAhead(CaptureReader source) {
        this.source = source;
        this.reader = Thread.ofPlatform().name("tapdeck-read-ahead").daemon().unstarted(this::readAll);
        reader.start();
    }

    private void readAll() {
        PacketRecord packet = new PacketRecord();
        try {
            while (source.next(packet)) {
                ring.put(packet);
            }
        } catch (IOException e) {
            failure = e;
        } catch (InterruptedException e) {
            // closed early: stop reading
        } catch (RuntimeException e) {
            failure = new IOException("reading the capture failed: " + e, e);
        } finally {
            ring.close();
        }
    }

    @Override
    public boolean next(PacketRecord into) throws IOException {
        try {
            if (ring.take(into)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the capture reader");
        }
        IOException error = failure;
        if (error != null) {
            throw error;
        }
        return false;
    }

    @Override
    public String formatName() {
        return source.formatName();
    }

    @Override
    public void close() throws IOException {
        reader.interrupt();
        try {
            // A read from a pipe ignores interrupts; the thread is a daemon, so do not wait long.
            reader.join(Duration.ofSeconds(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        source.close();
    }
}
