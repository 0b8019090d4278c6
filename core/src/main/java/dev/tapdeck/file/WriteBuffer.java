package dev.tapdeck.file;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;

/**
 * Little-endian output through one reused array: the writers put whole records into it and
 * it goes to the stream when full, so writing a packet allocates nothing.
 */
final class WriteBuffer implements AutoCloseable {
    static final int CAPACITY = 64 << 10;

    private final OutputStream out;
    private final byte[] array = new byte[CAPACITY];
    private final MemorySegment segment = MemorySegment.ofArray(array);
    private int position;
    /** Bytes handed to the stream so far. */
    private long sent;
    private boolean closed;

    WriteBuffer(OutputStream out) {
        this.out = out;
    }

    /** Makes room for {@code bytes} (at most {@link #CAPACITY}) of fixed-size fields. */
    void reserve(int bytes) throws IOException {
        if (CAPACITY - position < bytes) {
            flushBuffer();
        }
    }

    void putInt(int value) {
        segment.set(ReadWindow.INT_LE, position, value);
        position += 4;
    }

    void putShort(int value) {
        segment.set(ReadWindow.SHORT_LE, position, (short) value);
        position += 2;
    }

    /** Copies bytes into room made by {@link #reserve(int)}, as the fixed-size puts do. */
    void putReserved(byte[] bytes) {
        System.arraycopy(bytes, 0, array, position, bytes.length);
        position += bytes.length;
    }

    /** Zero bytes up to the next multiple of 4 of {@code length}: pcapng pads every field so. */
    void padTo4(int length) throws IOException {
        int padding = -length & 3;
        reserve(padding);
        for (int i = 0; i < padding; i++) {
            array[position++] = 0;
        }
    }

    /** Copies any number of bytes, passing through the buffer in pieces. */
    void putBytes(MemorySegment source, long offset, long length) throws IOException {
        long done = 0;
        while (done < length) {
            if (position == CAPACITY) {
                flushBuffer();
            }
            int piece = (int) Math.min(length - done, CAPACITY - position);
            MemorySegment.copy(source, offset + done, segment, position, piece);
            position += piece;
            done += piece;
        }
    }

    void putBytes(byte[] bytes) throws IOException {
        putBytes(MemorySegment.ofArray(bytes), 0, bytes.length);
    }

    private void flushBuffer() throws IOException {
        out.write(array, 0, position);
        sent += position;
        position = 0;
    }

    /** Bytes put so far, whether sent to the stream or still buffered. */
    long bytesWritten() {
        return sent + position;
    }

    /** Sends everything buffered to the stream and flushes it. */
    void flush() throws IOException {
        flushBuffer();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (out) {
            flushBuffer();
        }
    }

}
