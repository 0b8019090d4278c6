package dev.tapdeck.serve;

import dev.tapdeck.analysis.process.ProcessInfo;
import dev.tapdeck.decode.Utf8Builder;
import dev.tapdeck.file.PacketRecord;
import dev.tapdeck.stream.StreamFacts;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

/**
 * One batch of the stream, shared by every client: the message {@code
 * {"type":"packets","packets":[...],"count":N,"handled":MICROS}} encoded once, where each
 * summary lies in it, and, when some client filters, the packets themselves, so that each
 * filtering client can pick its own summaries out of the same bytes. Immutable once built.
 */
final class StreamBatch {
    static final byte[] START = "{\"type\":\"packets\",\"packets\":[".getBytes(StandardCharsets.US_ASCII);

    private final byte[] message;
    private final int count;
    private final long handledMicros;
    private final long[] numbers;
    private final int[] summaryStarts;
    private final int[] summaryEnds;
    /** The packets' bytes end to end, or null when no client filtered as the batch was gathered. */
    private final MemorySegment packetBytes;
    private final int[] packetStarts;
    private final int[] capturedLengths;
    private final int[] originalLengths;
    private final int[] linkTypes;
    private final long[] seconds;
    private final int[] nanos;
    private final byte[] digits;
    /** What the stream tracker made of each packet, for the filters' {@code tcp.stream} and {@code tcp.analysis.*}. */
    private final StreamFacts[] facts;
    /** Each packet's program, for the filters' {@code proc.*}; null entries for unknown ones. */
    private final ProcessInfo[] processes;
    private final long referenceNanos;

    private StreamBatch(Builder b, byte[] message) {
        this.message = message;
        count = b.count;
        handledMicros = b.handledMicros;
        numbers = Arrays.copyOf(b.numbers, count);
        summaryStarts = Arrays.copyOf(b.summaryStarts, count);
        summaryEnds = Arrays.copyOf(b.summaryEnds, count);
        referenceNanos = b.referenceNanos;
        if (b.withPackets) {
            packetBytes = MemorySegment.ofArray(Arrays.copyOf(b.packetBytes, b.packetBytesUsed));
            packetStarts = Arrays.copyOf(b.packetStarts, count);
            capturedLengths = Arrays.copyOf(b.capturedLengths, count);
            originalLengths = Arrays.copyOf(b.originalLengths, count);
            linkTypes = Arrays.copyOf(b.linkTypes, count);
            seconds = Arrays.copyOf(b.seconds, count);
            nanos = Arrays.copyOf(b.nanos, count);
            digits = Arrays.copyOf(b.digits, count);
            processes = Arrays.copyOf(b.processes, count);
            facts = new StreamFacts[count];
            for (int i = 0; i < count; i++) {
                facts[i] = new StreamFacts();
                facts[i].copyFrom(b.facts[i]);
            }
        } else {
            packetBytes = null;
            facts = null;
            processes = null;
            packetStarts = capturedLengths = originalLengths = linkTypes = nanos = null;
            seconds = null;
            digits = null;
        }
    }

    /** The whole message, every summary in it. */
    byte[] message() { return message; }

    /** Summaries in the batch. */
    int count() { return count; }

    /** When the batch's first packet was handled, in microseconds since 1970. */
    long handledMicros() { return handledMicros; }

    long number(int index) { return numbers[index]; }

    long firstNumber() { return numbers[0]; }

    long lastNumber() { return numbers[count - 1]; }

    int summaryStart(int index) { return summaryStarts[index]; }

    int summaryLength(int index) { return summaryEnds[index] - summaryStarts[index]; }

    /** The first packet's time, from which {@code frame.time_relative} counts. */
    long referenceNanos() { return referenceNanos; }

    boolean hasPackets() { return packetBytes != null; }

    /** What the stream tracker made of packet {@code index}: read it, never change it. */
    StreamFacts facts(int index) { return facts[index]; }

    /** The program of packet {@code index}, null when unknown. */
    ProcessInfo process(int index) { return processes[index]; }

    /** Points {@code into} at packet {@code index}'s bytes in the batch; it stays valid as long as the batch. */
    PacketRecord packet(int index, PacketRecord into) {
        return into.set(packetBytes, packetStarts[index], capturedLengths[index], originalLengths[index], linkTypes[index])
                .timestamp(seconds[index], nanos[index], digits[index])
                .position(numbers[index], 0);
    }

    /**
     * Gathers the next batch on the pipeline's thread, in arrays it reuses from batch to batch:
     * adding a packet allocates nothing once they have grown.
     */
    static final class Builder {
        private final Utf8Builder json = new Utf8Builder(64 * 1024);
        private int count;
        private long handledMicros;
        private long referenceNanos;
        private boolean withPackets;
        private long[] numbers = new long[256];
        private int[] summaryStarts = new int[256];
        private int[] summaryEnds = new int[256];
        private byte[] packetBytes = new byte[0];
        private int packetBytesUsed;
        private int[] packetStarts = new int[0];
        private int[] capturedLengths = new int[0];
        private int[] originalLengths = new int[0];
        private int[] linkTypes = new int[0];
        private long[] seconds = new long[0];
        private int[] nanos = new int[0];
        private byte[] digits = new byte[0];
        /** Each slot's instance is made once and refilled from batch to batch. */
        private StreamFacts[] facts = new StreamFacts[0];
        private ProcessInfo[] processes = new ProcessInfo[0];

        int count() { return count; }

        /** The number of the batch's first packet; only while it has one. */
        long firstNumber() { return numbers[0]; }

        /** True when the batch being gathered keeps its packets (some client filtered when it began). */
        boolean withPackets() { return withPackets; }

        /**
         * Adds packet {@code number}'s summary, and the packet itself (with a copy of {@code tracked},
         * and its program, {@code process}, null when unknown) when the batch keeps packets; the first packet of a batch decides whether it does.
         *
         * @param referenceNanos the capture's first packet's time, for {@code frame.time_relative}
         * @param handledMicros  now, in microseconds since 1970: the batch's wait starts at its first packet
         */
        void add(long number, PacketRecord packet, StreamFacts tracked, ProcessInfo process, long referenceNanos, CharSequence summary,
                 boolean keepPackets, long handledMicros) {
            if (count == 0) {
                this.handledMicros = handledMicros;
                this.referenceNanos = referenceNanos;
                this.withPackets = keepPackets;
                json.clear().append(START);
            } else {
                json.append(',');
            }
            if (count == numbers.length) {
                numbers = Arrays.copyOf(numbers, 2 * count);
                summaryStarts = Arrays.copyOf(summaryStarts, 2 * count);
                summaryEnds = Arrays.copyOf(summaryEnds, 2 * count);
            }
            numbers[count] = number;
            summaryStarts[count] = json.length();
            json.append(summary);
            summaryEnds[count] = json.length();
            if (withPackets) {
                keep(packet, tracked, process);
            }
            count++;
        }

        private void keep(PacketRecord packet, StreamFacts tracked, ProcessInfo process) {
            if (count >= packetStarts.length) {
                int grown = Math.max(256, 2 * count);
                packetStarts = Arrays.copyOf(packetStarts, grown);
                capturedLengths = Arrays.copyOf(capturedLengths, grown);
                originalLengths = Arrays.copyOf(originalLengths, grown);
                linkTypes = Arrays.copyOf(linkTypes, grown);
                seconds = Arrays.copyOf(seconds, grown);
                nanos = Arrays.copyOf(nanos, grown);
                digits = Arrays.copyOf(digits, grown);
                facts = Arrays.copyOf(facts, grown);
                processes = Arrays.copyOf(processes, grown);
            }
            int length = packet.capturedLength();
            if (packetBytesUsed + length > packetBytes.length) {
                packetBytes = Arrays.copyOf(packetBytes, Math.max(packetBytesUsed + length, Math.max(1 << 16, 2 * packetBytes.length)));
            }
            MemorySegment.copy(packet.buffer(), JAVA_BYTE, packet.offset(), packetBytes, packetBytesUsed, length);
            packetStarts[count] = packetBytesUsed;
            packetBytesUsed += length;
            capturedLengths[count] = length;
            originalLengths[count] = packet.originalLength();
            linkTypes[count] = packet.linkType();
            seconds[count] = packet.epochSeconds();
            nanos[count] = packet.nanos();
            digits[count] = (byte) packet.timestampDigits();
            if (facts[count] == null) {
                facts[count] = new StreamFacts();
            }
            facts[count].copyFrom(tracked);
            processes[count] = process;
        }

        /**
         * The batch gathered so far, ended with its count and the time its first packet was
         * handled, so that a client can measure its lag and tally summaries from the end of the
         * message alone; the builder starts the next one empty.
         */
        StreamBatch finish() {
            json.append("],\"count\":").append(count).append(",\"handled\":").append(handledMicros).append('}');
            StreamBatch batch = new StreamBatch(this, Arrays.copyOf(json.array(), json.length()));
            count = 0;
            packetBytesUsed = 0;
            return batch;
        }
    }
}
