package dev.tapdeck.file;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ReadableByteChannel;

/**
 * The part of a capture file that is in memory: one reusable native buffer filled from a
 * channel with large reads. Readers parse records in place between {@link #position} and
 * {@link #limit}; when a record runs past the end, the unread tail moves to the front and
 * the rest is read behind it. The buffer grows only when one record is larger than it, and
 * then only as far as that record's bytes actually arrive, so a damaged length field cannot
 * make it claim memory the file does not have.
 *
 * <p>Fields are package-private on purpose: the readers' per-packet code reads them
 * directly.
 */
final class ReadWindow implements AutoCloseable {
    /** One read asks the channel for up to this much; large reads are what makes reading fast. */
    static final int INITIAL_CAPACITY = 1 << 20;

    static final ValueLayout.OfInt INT_LE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfInt INT_BE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    static final ValueLayout.OfShort SHORT_LE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfShort SHORT_BE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    static final ValueLayout.OfLong LONG_LE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfLong LONG_BE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private final ReadableByteChannel channel;
    /** Native memory freed by the garbage collector, so a segment a caller still holds stays valid. */
    MemorySegment segment;
    /** The same memory as {@link #segment}, for {@link ReadableByteChannel#read}. */
    private ByteBuffer view;
    /** Next unread byte in {@link #segment}. */
    long position;
    /** End of the bytes read so far. */
    long limit;
    /** File offset of {@code segment[0]}. */
    private long segmentFileOffset;
    private boolean endOfInput;

    ReadWindow(ReadableByteChannel channel) {
        this(channel, INITIAL_CAPACITY);
    }

    ReadWindow(ReadableByteChannel channel, int initialCapacity) {
        this.channel = channel;
        allocate(initialCapacity);
    }

    static int intAt(MemorySegment segment, long offset, boolean bigEndian) {
        return bigEndian ? segment.get(INT_BE, offset) : segment.get(INT_LE, offset);
    }

    static int unsignedShortAt(MemorySegment segment, long offset, boolean bigEndian) {
        return Short.toUnsignedInt(bigEndian ? segment.get(SHORT_BE, offset) : segment.get(SHORT_LE, offset));
    }

    static long longAt(MemorySegment segment, long offset, boolean bigEndian) {
        return bigEndian ? segment.get(LONG_BE, offset) : segment.get(LONG_LE, offset);
    }

    /** Bytes read but not yet consumed. */
    long available() {
        return limit - position;
    }

    /** File offset of the next unread byte. */
    long fileOffset() {
        return segmentFileOffset + position;
    }

    /** Size of the buffer: the memory this window holds. */
    long capacity() {
        return segment.byteSize();
    }

    /**
     * Makes at least {@code needed} unread bytes available from {@link #position}; may move
     * them to another place or another segment, so re-read {@link #segment} and
     * {@link #position} afterwards.
     *
     * @return false when the input ended first; {@link #available()} then says how much came
     */
    boolean fill(long needed) throws IOException {
        while (limit - position < needed) {
            if (endOfInput) {
                return false;
            }
            if (limit == segment.byteSize() || position > 0) {
                makeRoom(needed);
            }
            readMore();
        }
        return true;
    }

    /**
     * Consumes {@code count} bytes without keeping them, reading through the buffer in pieces
     * so that skipping a large block does not grow it.
     *
     * @return false when the input ended first
     */
    boolean skip(long count) throws IOException {
        long remaining = count;
        while (true) {
            long step = Math.min(remaining, limit - position);
            position += step;
            remaining -= step;
            if (remaining == 0) {
                return true;
            }
            if (endOfInput) {
                return false;
            }
            makeRoom(1);
            readMore();
        }
    }

    /** Moves the unread bytes to the front, growing the buffer if they and {@code needed} do not fit. */
    private void makeRoom(long needed) {
        long unread = limit - position;
        long capacity = segment.byteSize();
        if (needed > capacity) {
            // Grow by doubling, but never past the record: the bytes may never come.
            MemorySegment old = segment;
            allocate(Math.min(Math.max(needed, unread), Math.max(capacity * 2, unread)));
            MemorySegment.copy(old, position, segment, 0, unread);
        } else if (position > 0) {
            MemorySegment.copy(segment, position, segment, 0, unread);
        }
        segmentFileOffset += position;
        position = 0;
        limit = unread;
    }

    private void readMore() throws IOException {
        view.limit((int) segment.byteSize()).position((int) limit);
        int read = channel.read(view);
        if (read < 0) {
            endOfInput = true;
        } else {
            limit += read;
        }
    }

    private void allocate(long capacity) {
        segment = Arena.ofAuto().allocate(capacity, 8);
        view = segment.asByteBuffer();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** Closes {@code window} after {@code failure} made it useless, keeping a close error as suppressed. */
    static void closeAfterFailure(ReadWindow window, Exception failure) {
        try {
            window.close();
        } catch (IOException closeFailure) {
            failure.addSuppressed(closeFailure);
        }
    }
}
