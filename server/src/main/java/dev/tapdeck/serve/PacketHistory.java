package dev.tapdeck.serve;

import dev.tapdeck.analysis.process.ProcessInfo;
import dev.tapdeck.explain.PacketContext;
import dev.tapdeck.file.PacketRecord;
import dev.tapdeck.stream.StreamFacts;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

/**
 * The newest packets of the current capture, bounded both in packets and in bytes: the
 * oldest are forgotten to make room. Packets are numbered from 1 in arrival order (Wireshark's
 * {@code frame.number}); their bytes are copied into one preallocated slab, their metadata
 * into parallel arrays, so adding allocates nothing.
 *
 * <p>One thread adds (the pipeline), any thread reads; reads copy what they need under the lock.
 */
public final class PacketHistory implements PacketContext, AutoCloseable {
    private final int capacity;
    private final long slabSize;
    /** Owns the slab, so that a stopped server gives its memory back at once, not when a GC gets to it. */
    private final Arena arena = Arena.ofShared();
    private final MemorySegment slab;
    private final long[] seconds;
    private final int[] nanos;
    private final byte[] digits;
    private final int[] capturedLengths;
    private final int[] originalLengths;
    private final int[] linkTypes;
    /** Each packet's flow id, as the analysis told it (0: none). */
    private final long[] flows;
    /**
     * What the stream tracker made of each packet (its stream, side and TCP analysis), so that
     * filters, summaries and detail trees of stored packets see what they saw live. A slot's
     * instance is made on its first use and reused from then on.
     */
    private final StreamFacts[] facts;
    /** Each packet's program, its flow's or its recording's; null when unknown. */
    private final ProcessInfo[] processes;
    /** Each packet's pcapng comment, null for none. */
    private final String[] comments;
    /** Where each packet starts, counted in bytes ever written, so wrap-around needs no special case. */
    private final long[] starts;

    private long oldest = 1;
    private long newest;
    private long written;

    public PacketHistory(int packets, long bytes) {
        if (packets < 1 || bytes < 1) {
            throw new IllegalArgumentException("a history needs room for at least one packet");
        }
        capacity = packets;
        slabSize = bytes;
        slab = arena.allocate(bytes);
        seconds = new long[packets];
        nanos = new int[packets];
        digits = new byte[packets];
        capturedLengths = new int[packets];
        originalLengths = new int[packets];
        linkTypes = new int[packets];
        flows = new long[packets];
        facts = new StreamFacts[packets];
        processes = new ProcessInfo[packets];
        comments = new String[packets];
        starts = new long[packets];
    }

    /** Forgets every packet and frees their memory: nothing is held from then on, and adding fails. */
    @Override
    public synchronized void close() {
        clear();
        if (arena.scope().isAlive()) {
            arena.close();
        }
    }

    /** Forgets every packet; numbering starts again at 1. */
    public synchronized void clear() {
        oldest = 1;
        newest = 0;
        written = 0;
    }

    /**
     * Keeps a copy of {@code packet} as number {@link #newest()} + 1; the oldest packets are
     * forgotten as needed. A packet larger than the whole slab is kept cut to the slab's size.
     *
     * @return the packet's number
     */
    public synchronized long add(PacketRecord packet) {
        int length = (int) Math.min(packet.capturedLength(), slabSize);
        long start = written;
        if (start % slabSize + length > slabSize) {
            start += slabSize - start % slabSize; // a packet never straddles the slab's end
        }
        long end = start + length;
        while (size() > 0 && (size() == capacity || end - starts[slot(oldest)] > slabSize)) {
            oldest++;
        }
        long number = ++newest;
        int slot = slot(number);
        MemorySegment.copy(packet.buffer(), packet.offset(), slab, start % slabSize, length);
        seconds[slot] = packet.epochSeconds();
        nanos[slot] = packet.nanos();
        digits[slot] = (byte) packet.timestampDigits();
        capturedLengths[slot] = length;
        originalLengths[slot] = packet.originalLength();
        linkTypes[slot] = packet.linkType();
        flows[slot] = 0;
        processes[slot] = null;
        comments[slot] = packet.comment();
        if (facts[slot] != null) {
            facts[slot].clear();
        }
        starts[slot] = start;
        written = end;
        return number;
    }

    /** Packet {@code number}'s time in nanoseconds since the epoch, without copying it; {@link Long#MIN_VALUE} when not held. */
    public synchronized long timeNanos(long number) {
        if (number < oldest || number > newest) {
            return Long.MIN_VALUE;
        }
        int slot = slot(number);
        return seconds[slot] * 1_000_000_000L + nanos[slot];
    }

    /**
     * Records what the pipeline found of packet {@code number}, under one lock: its flow (0 for
     * none), a copy of what the stream tracker made of it, and its program (null: unknown).
     */
    public synchronized void annotate(long number, long flowId, StreamFacts tracked, ProcessInfo process) {
        if (number < oldest || number > newest) {
            return;
        }
        int slot = slot(number);
        flows[slot] = flowId;
        processes[slot] = process;
        if (facts[slot] == null) {
            facts[slot] = new StreamFacts();
        }
        facts[slot].copyFrom(tracked);
    }

    /** The flow of packet {@code number}; 0 when it has none or is not held. */
    public synchronized long flow(long number) {
        return number >= oldest && number <= newest ? flows[slot(number)] : 0;
    }

    /** The program of packet {@code number}; null when unknown or not held. */
    public synchronized ProcessInfo process(long number) {
        return number >= oldest && number <= newest ? processes[slot(number)] : null;
    }


    /**
     * Copies what the stream tracker made of packet {@code number} into {@code into}: cleared
     * when the packet is not held or was never tracked.
     */
    public synchronized StreamFacts facts(long number, StreamFacts into) {
        StreamFacts kept = number >= oldest && number <= newest ? facts[slot(number)] : null;
        if (kept == null) {
            into.clear();
        } else {
            into.copyFrom(kept);
        }
        return into;
    }

    /** Packets held now. */
    public synchronized int size() {
        return (int) (newest - oldest + 1);
    }

    /** The oldest number still held (greater than {@link #newest()} when empty). */
    @Override
    public synchronized long oldest() { return oldest; }

    /** The last number given; 0 before the first packet. */
    @Override
    public synchronized long newest() { return newest; }

    /**
     * Copies packet {@code number} into {@code into}, with its own buffer.
     *
     * @return false when that packet is not (or no longer) held
     */
    @Override
    public synchronized boolean read(long number, PacketRecord into) {
        if (number < oldest || number > newest) {
            return false;
        }
        int slot = slot(number);
        byte[] bytes = new byte[capturedLengths[slot]];
        MemorySegment.copy(slab, JAVA_BYTE, starts[slot] % slabSize, bytes, 0, bytes.length);
        into.set(MemorySegment.ofArray(bytes), 0, bytes.length, originalLengths[slot], linkTypes[slot])
                .timestamp(seconds[slot], nanos[slot], digits[slot])
                .position(number, 0)
                .comment(comments[slot]);
        return true;
    }

    private int slot(long number) {
        return (int) ((number - 1) % capacity);
    }
}
