package dev.tapdeck.capture.process;

import dev.tapdeck.capture.CaptureSettings;
import dev.tapdeck.capture.CaptureStatus;
import dev.tapdeck.capture.PacketSink;
import dev.tapdeck.collect.KeyIndex;
import dev.tapdeck.decode.Dissection;
import dev.tapdeck.decode.PacketDecoder;
import dev.tapdeck.file.PacketRecord;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Keeps only the packets of the programs a {@link ProgramWatch} watches, in capture order, and
 * hands them on with their program. A packet whose socket the watch has not matched yet (a new
 * connection's SYN, sent before the next {@code /proc} round) waits in a look-back buffer of
 * bounded time and bytes; once the head of the buffer is matched it is handed on, and once it
 * has waited {@link Settings#maxWait} it is skipped, counted as another program's when the
 * kernel's socket list shows it to be, else as never attributed. When the buffer is full, its
 * oldest packet is decided at once, and skipped as a look-back drop unless matched.
 *
 * <p>Runs on the capture's consumer thread. A packet that can be decided on arrival with
 * nothing waiting before it is handed on without a copy; nothing is allocated per packet.
 */
public final class ProgramPackets implements PacketSink {
    private static final Logger log = LoggerFactory.getLogger(ProgramPackets.class);
    private static final int TCP = 6, UDP = 17;
    private static final long LOG_PERIOD_NANOS = Duration.ofSeconds(10).toNanos();
    /** Bytes per packet the buffer's slots are sized for: small packets (SYNs, ACKs) are the usual wait. */
    private static final int SLOT_BYTES = 128;
    /** Ends offered to the watch recently, by hash: a flow's every packet need not be asked about. */
    private static final int OFFERED = 256;
    private static final long OFFER_AGAIN_NANOS = Duration.ofMillis(20).toNanos();
    /**
     * When a packet whose ends are other programs' sockets may be skipped before its wait is
     * up: by then the watch has answered for it and listed new processes many times over (every
     * millisecond and every 10 ms), so its own program's socket would have been found if open.
     * Skipping early keeps a busy other flow from holding every packet behind it for the wait.
     */
    private static final long OTHERS_AFTER_NANOS = Duration.ofMillis(50).toNanos();

    /**
     * @param maxWait     how long a packet may wait for its socket to be matched
     * @param bufferBytes how many packet bytes may wait at once
     */
    public record Settings(Duration maxWait, int bufferBytes) {
        public static final Duration DEFAULT_WAIT = Duration.ofMillis(500);
        public static final int DEFAULT_BUFFER_BYTES = 16 << 20;

        public Settings {
            if (maxWait.isNegative() || maxWait.compareTo(Duration.ofMinutes(1)) > 0) {
                throw new IllegalArgumentException("--process-wait must be 0 to 60,000 ms, not " + maxWait.toMillis());
            }
            if (bufferBytes < 64 << 10 || bufferBytes > 1 << 30) {
                throw new IllegalArgumentException("--process-buffer must be 64 to 1,048,576 KB, not " + (bufferBytes >> 10));
            }
        }
    }

    /**
     * What became of the packets captured.
     *
     * @param kept            handed on, as a watched program's
     * @param otherPrograms   skipped: sockets of other programs
     * @param neverAttributed skipped: no socket matched in time (not TCP or UDP, or a socket
     *                        that opened and closed between two rounds of the watch)
     * @param lookBackDrops   skipped undecided because the look-back buffer was full
     */
    public record Counters(long kept, long otherPrograms, long neverAttributed, long lookBackDrops) {
        /** "12 kept of the program's, 30 of other programs skipped, ..." for the totals and logs. */
        public String describe() {
            return String.format("%,d packets of the program kept, %,d of other programs skipped, %,d never attributed, %,d look-back drops",
                    kept, otherPrograms, neverAttributed, lookBackDrops);
        }
    }

    private final ProgramWatch watch;
    private final OwnedPacketSink downstream;
    private final long waitNanos;
    private final LongSupplier nanoClock;
    private final PacketDecoder decoder = new PacketDecoder();
    private final PacketRecord waiting = new PacketRecord();

    // The look-back buffer: packet bytes in a circular byte array, their facts in parallel slots.
    private final byte[] data;
    private final MemorySegment dataSegment;
    private final int[] offset, capturedLength, originalLength, linkType, interfaceId, nanos, digits;
    private final long[] seconds, arrivalNanos;
    private final boolean[] hasTimestamp;
    private final int[] protocol, sourcePort, destinationPort;
    private final long[] sourceHigh, sourceLow, destinationHigh, destinationLow;
    private int head, count, writeAt;
    private final long[] offeredHash = new long[OFFERED];
    private final long[] offeredNanos = new long[OFFERED];

    // The packet being accepted.
    private int currentProtocol, currentSourcePort, currentDestinationPort;
    private long currentSourceHigh, currentSourceLow, currentDestinationHigh, currentDestinationLow;

    private volatile long kept, otherPrograms, neverAttributed, lookBackDrops;
    private long lastLogNanos;

    public ProgramPackets(ProgramWatch watch, Settings settings, OwnedPacketSink downstream) {
        this(watch, settings, downstream, System::nanoTime);
    }

    ProgramPackets(ProgramWatch watch, Settings settings, OwnedPacketSink downstream, LongSupplier nanoClock) {
        this.watch = watch;
        this.downstream = downstream;
        this.waitNanos = settings.maxWait().toNanos();
        this.nanoClock = nanoClock;
        this.lastLogNanos = nanoClock.getAsLong();
        data = new byte[settings.bufferBytes()];
        dataSegment = MemorySegment.ofArray(data);
        int slots = settings.bufferBytes() / SLOT_BYTES;
        offset = new int[slots];
        capturedLength = new int[slots];
        originalLength = new int[slots];
        linkType = new int[slots];
        interfaceId = new int[slots];
        nanos = new int[slots];
        digits = new int[slots];
        seconds = new long[slots];
        arrivalNanos = new long[slots];
        hasTimestamp = new boolean[slots];
        protocol = new int[slots];
        sourcePort = new int[slots];
        destinationPort = new int[slots];
        sourceHigh = new long[slots];
        sourceLow = new long[slots];
        destinationHigh = new long[slots];
        destinationLow = new long[slots];
    }

    public Counters counters() {
        return new Counters(kept, otherPrograms, neverAttributed, lookBackDrops);
    }

    /** Packets waiting for their socket now. */
    public int waiting() {
        return count;
    }

    @Override
    public void started(CaptureSettings settings, int linkType) throws Exception {
        downstream.started(settings, linkType);
    }

    @Override
    public void accept(PacketRecord packet) throws Exception {
        long now = nanoClock.getAsLong();
        if (!readEnds(decoder.decode(packet))) {
            neverAttributed++;
            release(now, false);
            return;
        }
        ProgramWatch.Sockets sockets = watch.sockets();
        if (count == 0) {
            int entry = sockets.find(currentProtocol, currentSourceHigh, currentSourceLow, currentSourcePort,
                    currentDestinationHigh, currentDestinationLow, currentDestinationPort);
            if (entry >= 0) {
                kept++;
                downstream.accept(packet, sockets.owner(entry), sockets.comment(entry));
                return;
            }
        }
        int length = packet.capturedLength();
        if (length > data.length) {
            lookBackDrops++; // larger than the whole buffer: it cannot wait
            release(now, false);
            return;
        }
        int at;
        while ((at = room(length)) < 0) {
            decideHead(watch.sockets(), Decision.NOW_DROP);
        }
        hold(packet, at, now);
        if (!sockets.isOthers(currentProtocol, currentSourceHigh, currentSourceLow, currentSourcePort,
                currentDestinationHigh, currentDestinationLow, currentDestinationPort)) {
            offer(now); // another program's established flow needs no question
        }
        release(now, false);
    }

    @Override
    public void tick() throws Exception {
        long now = nanoClock.getAsLong();
        release(now, false);
        if (now - lastLogNanos >= LOG_PERIOD_NANOS) {
            lastLogNanos = now;
            logCounts();
        }
        downstream.tick();
    }

    private void logCounts() {
        ProgramWatch.Counters watched = watch.counters();
        log.info("program capture: {}; {} processes and {} sockets watched now", counters().describe(),
                watched.processes(), watched.sockets());
    }

    /** The capture ended: whatever still waits is decided now, with what the watch knows. */
    @Override
    public void stopped(CaptureStatus last) throws Exception {
        release(nanoClock.getAsLong(), true);
        logCounts();
        downstream.stopped(last);
    }

    /** Reads the packet's IP ends and TCP or UDP ports; false when it has none. */
    private boolean readEnds(Dissection d) {
        if (d.ipVersion() == 4 && d.ipv4.isComplete()) {
            currentSourceHigh = 0;
            currentSourceLow = ProgramWatch.IPV4_MAPPED | (d.ipv4.source() & 0xffff_ffffL);
            currentDestinationHigh = 0;
            currentDestinationLow = ProgramWatch.IPV4_MAPPED | (d.ipv4.destination() & 0xffff_ffffL);
        } else if (d.ipv6.present()) {
            currentSourceHigh = d.ipv6.sourceHigh64();
            currentSourceLow = d.ipv6.sourceLow64();
            currentDestinationHigh = d.ipv6.destinationHigh64();
            currentDestinationLow = d.ipv6.destinationLow64();
        } else {
            return false;
        }
        if (d.tcp.present()) {
            currentProtocol = TCP;
            currentSourcePort = d.tcp.sourcePort();
            currentDestinationPort = d.tcp.destinationPort();
        } else if (d.udp.present()) {
            currentProtocol = UDP;
            currentSourcePort = d.udp.sourcePort();
            currentDestinationPort = d.udp.destinationPort();
        } else {
            return false;
        }
        return true;
    }

    /** Asks the watch to look for the current packet's socket now, unless it was asked about these ends just before. */
    private void offer(long now) {
        long ports = (long) currentProtocol << 32 | (long) currentSourcePort << 16 | currentDestinationPort;
        long hash = KeyIndex.hash(currentSourceHigh, currentSourceLow, currentDestinationHigh, currentDestinationLow, ports);
        int slot = (int) (hash & (OFFERED - 1));
        if (offeredHash[slot] == hash && now - offeredNanos[slot] < OFFER_AGAIN_NANOS) {
            return;
        }
        offeredHash[slot] = hash;
        offeredNanos[slot] = now;
        watch.lookFor(currentProtocol, currentSourceHigh, currentSourceLow, currentSourcePort,
                currentDestinationHigh, currentDestinationLow, currentDestinationPort);
    }

    /** Where {@code length} bytes fit after the newest waiting packet, or -1 (or no slot free). */
    private int room(int length) {
        if (count == 0) {
            return 0;
        }
        if (count == offset.length) {
            return -1;
        }
        int oldest = offset[head];
        if (writeAt > oldest) {
            if (writeAt + length <= data.length) {
                return writeAt;
            }
            return length <= oldest ? 0 : -1;
        }
        return writeAt + length <= oldest ? writeAt : -1;
    }

    private void hold(PacketRecord packet, int at, long now) {
        int slot = (head + count) % offset.length;
        int length = packet.capturedLength();
        MemorySegment.copy(packet.buffer(), ValueLayout.JAVA_BYTE, packet.offset(), data, at, length);
        offset[slot] = at;
        capturedLength[slot] = length;
        originalLength[slot] = packet.originalLength();
        linkType[slot] = packet.linkType();
        interfaceId[slot] = packet.interfaceId();
        hasTimestamp[slot] = packet.hasTimestamp();
        seconds[slot] = packet.epochSeconds();
        nanos[slot] = packet.nanos();
        digits[slot] = packet.timestampDigits();
        arrivalNanos[slot] = now;
        protocol[slot] = currentProtocol;
        sourceHigh[slot] = currentSourceHigh;
        sourceLow[slot] = currentSourceLow;
        sourcePort[slot] = currentSourcePort;
        destinationHigh[slot] = currentDestinationHigh;
        destinationLow[slot] = currentDestinationLow;
        destinationPort[slot] = currentDestinationPort;
        writeAt = at + length;
        count++;
    }

    /** Hands on or skips waiting packets from the oldest, up to the first that must wait longer. */
    private void release(long now, boolean all) throws Exception {
        ProgramWatch.Sockets sockets = watch.sockets();
        while (count > 0) {
            long waited = now - arrivalNanos[head];
            Decision decision = all || waited >= waitNanos ? Decision.NOW
                    : waited >= OTHERS_AFTER_NANOS ? Decision.IF_OTHERS : Decision.IF_KEPT;
            if (!decideHead(sockets, decision)) {
                return;
            }
        }
    }

    /** What may be done with the oldest waiting packet besides handing it on when its socket is matched. */
    private enum Decision {
        /** Nothing: it may wait longer. */
        IF_KEPT,
        /** Skip it if its ends are other programs' sockets: it waited long enough for the watch to have seen its own. */
        IF_OTHERS,
        /** Skip it at any rate: its time is up, or the capture ended. */
        NOW,
        /** Skip it as a look-back drop: the buffer is full. */
        NOW_DROP
    }

    /** Hands the oldest waiting packet on if its socket is matched, else skips and counts it as {@code decision} allows; false when it stays. */
    private boolean decideHead(ProgramWatch.Sockets sockets, Decision decision) throws Exception {
        int slot = head;
        int entry = sockets.find(protocol[slot], sourceHigh[slot], sourceLow[slot], sourcePort[slot],
                destinationHigh[slot], destinationLow[slot], destinationPort[slot]);
        if (entry >= 0) {
            kept++;
            waiting.set(dataSegment, offset[slot], capturedLength[slot], originalLength[slot], linkType[slot])
                    .interfaceId(interfaceId[slot]);
            if (hasTimestamp[slot]) {
                waiting.timestamp(seconds[slot], nanos[slot], digits[slot]);
            } else {
                waiting.noTimestamp();
            }
            pop();
            downstream.accept(waiting, sockets.owner(entry), sockets.comment(entry));
            return true;
        }
        if (decision == Decision.IF_KEPT) {
            return false;
        }
        if (decision == Decision.NOW_DROP) {
            lookBackDrops++;
        } else if (sockets.isOthers(protocol[slot], sourceHigh[slot], sourceLow[slot], sourcePort[slot],
                destinationHigh[slot], destinationLow[slot], destinationPort[slot])) {
            otherPrograms++;
        } else if (decision == Decision.NOW) {
            neverAttributed++;
        } else {
            return false;
        }
        pop();
        return true;
    }

    private void pop() {
        head = (head + 1) % offset.length;
        count--;
        if (count == 0) {
            head = 0;
            writeAt = 0;
        }
    }
}
