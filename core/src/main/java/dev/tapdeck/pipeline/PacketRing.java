package dev.tapdeck.pipeline;

import dev.tapdeck.file.PacketRecord;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * A bounded hand-off of packets from one producer thread to one consumer thread. Each packet
 * is copied into a preallocated slab, with its metadata in preallocated slots, so nothing is
 * allocated per packet and memory never grows: capacity is fixed in packets and in bytes.
 *
 * <p>A producer that must not be slowed (live capture) uses {@link #offer} and counts what
 * did not fit; one that can wait (a file) uses {@link #put}, which waits for room. The
 * consumer's packet stays valid until its next {@link #take}, which is when its room is given
 * back, as with {@link dev.tapdeck.file.CaptureReader#next}.
 */
public final class PacketRing {
    private static final VarHandle PUBLISHED;
    private static final VarHandle CONSUMED;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            PUBLISHED = lookup.findVarHandle(PacketRing.class, "published", long.class);
            CONSUMED = lookup.findVarHandle(PacketRing.class, "consumed", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int capacity;
    private final int mask;
    private final byte[] slab;
    private final MemorySegment slabSegment;
    private final long[] start;
    private final int[] capturedLength;
    private final int[] originalLength;
    private final int[] linkType;
    private final int[] interfaceId;
    private final long[] seconds;
    private final int[] nanos;
    private final byte[] digits;
    private final long[] recordNumber;
    private final long[] fileOffset;

    /** Slots handed over: written by the producer only. */
    private volatile long published;
    /** Slots given back: written by the consumer only. */
    private volatile long consumed;
    /** Slab bytes handed over and given back, as running totals. */
    private long producerBytes;
    private volatile long consumerBytes;
    private volatile boolean closed;
    private long current = -1;

    /**
     * @param capacity how many packets can wait at once
     * @param bytes room for their bytes; a packet larger than this can never be queued
     */
    public PacketRing(int capacity, int bytes) {
        if (capacity < 1 || capacity > 1 << 24) {
            throw new IllegalArgumentException("a ring holds 1 to 16,777,216 packets, not " + capacity);
        }
        if (bytes < 1) {
            throw new IllegalArgumentException("a ring needs room for at least one byte, not " + bytes);
        }
        this.capacity = capacity;
        // Slots are a power of two so a sequence number finds its slot with a mask.
        int slots = Integer.highestOneBit(capacity) == capacity ? capacity : Integer.highestOneBit(capacity) << 1;
        mask = slots - 1;
        slab = new byte[bytes];
        slabSegment = MemorySegment.ofArray(slab);
        start = new long[slots];
        capturedLength = new int[slots];
        originalLength = new int[slots];
        linkType = new int[slots];
        interfaceId = new int[slots];
        seconds = new long[slots];
        nanos = new int[slots];
        digits = new byte[slots];
        recordNumber = new long[slots];
        fileOffset = new long[slots];
    }

    /** Queues a copy of {@code packet} if there is room now; false (nothing queued) when full. */
    public boolean offer(PacketRecord packet) {
        long slot = published;
        if (slot - consumed >= capacity) {
            return false;
        }
        int length = packet.capturedLength();
        long at = producerBytes;
        int within = (int) (at % slab.length);
        if (within + length > slab.length) {
            at += slab.length - within; // a packet never wraps: skip the slab's tail
            within = 0;
        }
        if (at + length - consumerBytes > slab.length) {
            return false;
        }
        MemorySegment.copy(packet.buffer(), ValueLayout.JAVA_BYTE, packet.offset(), slab, within, length);
        int i = (int) (slot & mask);
        start[i] = at;
        capturedLength[i] = length;
        originalLength[i] = packet.originalLength();
        linkType[i] = packet.linkType();
        interfaceId[i] = packet.interfaceId();
        seconds[i] = packet.epochSeconds();
        nanos[i] = packet.nanos();
        digits[i] = (byte) (packet.hasTimestamp() ? packet.timestampDigits() : -1);
        recordNumber[i] = packet.recordNumber();
        fileOffset[i] = packet.fileOffset();
        producerBytes = at + length;
        PUBLISHED.setRelease(this, slot + 1);
        return true;
    }

    /** Queues a copy of {@code packet}, waiting for room: backpressure for a source that can wait. */
    public void put(PacketRecord packet) throws InterruptedException {
        if (packet.capturedLength() > slab.length) {
            throw new IllegalArgumentException("packet of " + packet.capturedLength() + " bytes exceeds the ring's " + slab.length);
        }
        for (int idle = 0; !offer(packet); idle++) {
            backOff(idle);
        }
    }

    /** The producer is done: once the queue is drained, {@link #take} returns false. */
    public void close() {
        closed = true;
    }

    /**
     * Gives back the previous packet's room and fills {@code into} with the next packet,
     * waiting for one.
     *
     * @return false when the producer has closed the ring and every packet was taken
     */
    public boolean take(PacketRecord into) throws InterruptedException {
        for (int idle = 0; !poll(into); idle++) {
            if (isDrained()) {
                return false;
            }
            backOff(idle);
        }
        return true;
    }

    /**
     * Gives back the previous packet's room and fills {@code into} with the next packet if
     * one is waiting; never waits.
     */
    public boolean poll(PacketRecord into) {
        release();
        long slot = consumed;
        if ((long) PUBLISHED.getAcquire(this) == slot) {
            return false;
        }
        int i = (int) (slot & mask);
        into.set(slabSegment, start[i] % slab.length, capturedLength[i], originalLength[i], linkType[i])
                .interfaceId(interfaceId[i])
                .position(recordNumber[i], fileOffset[i]);
        if (digits[i] >= 0) {
            into.timestamp(seconds[i], nanos[i], digits[i]);
        }
        current = slot;
        return true;
    }

    /** The producer has closed the ring and no packet waits beyond the one the consumer holds. */
    public boolean isDrained() {
        // closed is written after the last publish, so reading it first sees every packet.
        return closed && published - consumed <= (current >= 0 ? 1 : 0);
    }

    private void release() {
        if (current >= 0) {
            int i = (int) (current & mask);
            consumerBytes = start[i] + capturedLength[i];
            CONSUMED.setRelease(this, current + 1);
            current = -1;
        }
    }

    /** Packets waiting to be taken. */
    public int size() {
        return (int) (published - consumed);
    }

    /** How many packets can wait at once. */
    public int capacity() {
        return capacity;
    }

    /** Room for packet bytes. */
    public int byteCapacity() {
        return slab.length;
    }

    /** Spin, then yield, then sleep briefly: cheap when the other side is about to move, idle when it is not. */
    public static void backOff(int idle) throws InterruptedException {
        if (idle < 64) {
            Thread.onSpinWait();
        } else if (idle < 128) {
            Thread.yield();
        } else {
            LockSupport.parkNanos(20_000);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }
}
