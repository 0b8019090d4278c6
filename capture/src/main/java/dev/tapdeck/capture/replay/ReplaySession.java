package dev.tapdeck.capture.replay;

import dev.tapdeck.capture.CaptureException;
import dev.tapdeck.capture.CaptureSettings;
import dev.tapdeck.capture.CaptureStatus;
import dev.tapdeck.capture.PacketSink;
import dev.tapdeck.capture.RateMeter;
import dev.tapdeck.file.CaptureFiles;
import dev.tapdeck.file.CaptureReader;
import dev.tapdeck.file.PacketRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * One replay of one file, on its own thread: reads a packet, waits until it is due, hands it
 * to the sink and waits for the sink as long as it takes. A file is never dropped from.
 *
 * <p>A packet is due {@code (its time - the first packet's time) / speed} after the pass began,
 * measured from that fixed origin rather than by adding up gaps, so a long replay does not
 * drift; a pause moves the origin on by its length.
 */
final class ReplaySession {
    private static final Logger log = LoggerFactory.getLogger(Replay.class);
    private static final long TICK = TimeUnit.MILLISECONDS.toNanos(100);
    /** Parking wakes up tens of microseconds late; the last stretch before a packet is due is spun. */
    private static final long SPIN = TimeUnit.MICROSECONDS.toNanos(100);
    /** The offset of a packet that is due at once: speed 0, or a packet without a time stamp. */
    private static final long AT_ONCE = Long.MIN_VALUE;

    private final ReplaySettings settings;
    /** What the sink is told it receives from: the file in place of an interface. */
    private final CaptureSettings source;
    private final PacketSink sink;
    private final Thread thread;
    private final Instant startTime = Instant.now();
    /** Held by the replay thread while it hands over a packet, so that a pause can wait that packet out. */
    private final Object delivery = new Object();

    // Written by the replay thread only; read by anyone through status().
    private final AtomicLong packets = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong lastPacketNanos = new AtomicLong(Long.MIN_VALUE);
    private volatile int linkType = -1;
    private final RateMeter rates = new RateMeter();
    private volatile String error;
    private volatile Instant stopTime;
    private volatile boolean finished;

    // Written by the controlling thread.
    private volatile boolean stopRequested;
    private volatile boolean paused;

    // The replay thread's own.
    private final PacketRecord packet = new PacketRecord();
    private CaptureReader reader;
    private boolean sinkStarted;
    /** System.nanoTime() when the current pass's first timed packet was read: it is due then; moved on by pauses. */
    private long origin;
    private long firstSeconds;
    private int firstNanos;
    /**
     * Added to the packet times of a looping replay's later passes, so that its clock runs on
     * as a live capture's would: the analysis never sees time go back at the start of a pass.
     */
    private long passShiftNanos;
    /** The current pass's first and last packet times, in nanoseconds since the epoch. */
    private long passFirstTime = Long.MIN_VALUE;
    private long passLastTime;
    private long passTimedPackets;
    private long nextTick;

    /** Opens the file, so that a file that is no capture is refused before anything starts. */
    ReplaySession(ReplaySettings settings, PacketSink sink) throws CaptureException {
        this.settings = settings;
        this.source = CaptureSettings.of(settings.sourceName());
        this.sink = sink;
        try {
            this.reader = CaptureFiles.open(settings.file());
        } catch (IOException e) {
            throw new CaptureException(CaptureException.Reason.BAD_FILE, describe(e), e);
        }
        this.thread = Thread.ofPlatform().name("tapdeck-replay").daemon().unstarted(this::run);
    }

    void start() {
        log.info("replay of {} started ({} at speed {}{})", settings.file(), reader.formatName(), settings.speed(),
                settings.loop() ? ", in a loop" : "");
        thread.start();
    }

    /** Neither ended by itself nor asked to stop. */
    boolean isRunning() {
        return !finished && !stopRequested;
    }

    boolean isPaused() {
        return paused;
    }

    ReplaySettings settings() {
        return settings;
    }

    /** No packet is handed to the sink after this returns, until {@link #resume()}. */
    void pause() {
        paused = true;
        synchronized (delivery) {
            // Nothing to do: entering waits until the packet being handed over, if any, is accepted.
        }
    }

    void resume() {
        paused = false;
        LockSupport.unpark(thread);
    }

    /**
     * Stops after the packet being handed over, if any: waits up to {@code wait} for the
     * thread, then interrupts the sink and waits as long again.
     */
    CaptureStatus stop(Duration wait) {
        stopRequested = true;
        LockSupport.unpark(thread);
        join(wait);
        if (thread.isAlive()) {
            log.warn("replay of {}: the sink did not take its packet within {} ms; interrupting it",
                    settings.file(), wait.toMillis());
            thread.interrupt();
            join(wait);
        }
        return status();
    }

    /** Waits until the replay has ended (by itself or stopped) and the sink was told; false on timeout. */
    boolean awaitEnd(Duration wait) throws InterruptedException {
        return thread.join(wait);
    }

    CaptureStatus status() {
        boolean running = isRunning();
        long last = lastPacketNanos.get();
        return new CaptureStatus(running, source.interfaceName(), null, linkType, packets.get(), bytes.get(),
                running ? rates.packetsPerSecond() : 0, running ? rates.bytesPerSecond() : 0, 0, 0,
                last == Long.MIN_VALUE ? null : Instant.ofEpochSecond(0, last), startTime,
                running ? null : stopTime, error);
    }

    private void run() {
        try {
            long now = System.nanoTime();
            nextTick = now + TICK;
            rates.restart(now);
            replay();
        } catch (InterruptedException e) {
            log.warn("replay of {} interrupted while its sink held a packet", settings.file());
        } catch (Exception e) {
            error = "packet consumer on " + source.interfaceName() + " failed: " + e.getMessage();
            log.error("{}", error, e);
        } finally {
            closeReader();
            stopTime = Instant.now();
            finished = true;
            finish();
        }
    }

    /** Pass after pass while looping; a pass that found no packet, damage or a stop ends it. */
    private void replay() throws Exception {
        while (true) {
            long before = packets.get();
            passFirstTime = Long.MIN_VALUE;
            passTimedPackets = 0;
            replayPass();
            closeReader();
            if (passTimedPackets > 0) {
                // The next pass follows this one after its mean gap between packets, in whole microseconds.
                long span = passLastTime - passFirstTime;
                long gap = passTimedPackets > 1 ? span / (passTimedPackets - 1) : 1_000_000;
                passShiftNanos += (span + Math.max(gap, 1_000)) / 1_000 * 1_000;
            }
            if (!settings.loop() || stopRequested || error != null || packets.get() == before) {
                return;
            }
            try {
                reader = CaptureFiles.open(settings.file());
            } catch (IOException e) {
                error = describe(e);
                return;
            }
        }
    }

    private void replayPass() throws Exception {
        boolean timed = false;
        while (!stopRequested && readNext()) {
            if (!sinkStarted) {
                linkType = packet.linkType();
                sinkStarted = true;
                sink.started(source, linkType);
            }
            long offset = AT_ONCE;
            if (settings.speed() > 0 && packet.hasTimestamp()) {
                if (!timed) {
                    // Timing restarts with every pass, from its first timed packet.
                    timed = true;
                    origin = System.nanoTime();
                    firstSeconds = packet.epochSeconds();
                    firstNanos = packet.nanos();
                }
                offset = offsetOf(packet);
            }
            if (packet.hasTimestamp()) {
                shiftTime();
            }
            if (!deliver(offset)) {
                return;
            }
        }
    }

    /** Notes the packet's time in this pass, and moves it on by the passes before. */
    private void shiftTime() {
        long time = packet.epochSeconds() * 1_000_000_000L + packet.nanos();
        if (passFirstTime == Long.MIN_VALUE) {
            passFirstTime = time;
        }
        passLastTime = time;
        passTimedPackets++;
        if (passShiftNanos != 0) {
            long shifted = time + passShiftNanos;
            packet.timestamp(Math.floorDiv(shifted, 1_000_000_000L), (int) Math.floorMod(shifted, 1_000_000_000L), packet.timestampDigits());
        }
    }

    /** The next packet into {@link #packet}; false at the end of the file, or at damage, which becomes the error. */
    private boolean readNext() {
        try {
            return reader.next(packet);
        } catch (IOException e) {
            error = describe(e);
            log.warn("replay of {} ends at damage: {}", settings.file(), error);
            return false;
        }
    }

    /** Nanoseconds after the origin that the packet is due; earlier than its predecessor's when time went backwards. */
    private long offsetOf(PacketRecord packet) {
        double recorded = (packet.epochSeconds() - firstSeconds) * 1e9 + (packet.nanos() - firstNanos);
        return (long) (recorded / settings.speed()); // saturates for absurd gaps
    }

    /** Waits until the packet is due, then hands it over; false when stopped first. */
    private boolean deliver(long offset) throws Exception {
        while (awaitDue(offset)) {
            synchronized (delivery) {
                if (stopRequested) {
                    return false;
                }
                if (!paused) {
                    sink.accept(packet);
                    count();
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Parks until {@code offset} after the origin, in slices that end at the next tick so that
     * ticks, pause and stop are served on time; false when stopped.
     */
    private boolean awaitDue(long offset) throws Exception {
        while (!stopRequested) {
            long now = System.nanoTime();
            keepHouse(now);
            if (paused) {
                waitWhilePaused(now);
                continue;
            }
            long remaining = offset == AT_ONCE ? 0 : offset - (now - origin);
            if (remaining <= 0) {
                return true;
            }
            if (remaining > SPIN) {
                LockSupport.parkNanos(Math.min(remaining - SPIN, nextTick - now));
            } else {
                Thread.onSpinWait();
            }
        }
        return false;
    }

    /** Ticks until resumed or stopped; the time paused moves the origin on, so what follows keeps its timing. */
    private void waitWhilePaused(long since) throws Exception {
        while (paused && !stopRequested) {
            long now = System.nanoTime();
            keepHouse(now);
            LockSupport.parkNanos(nextTick - now);
        }
        origin += System.nanoTime() - since;
    }

    /** The sink's tick every 100 ms, and the rates once a second. */
    private void keepHouse(long now) throws Exception {
        if (now >= nextTick) {
            sink.tick();
            nextTick = now + TICK;
        }
        rates.sample(now, packets.get(), bytes.get());
    }

    private void count() {
        packets.lazySet(packets.get() + 1);
        bytes.lazySet(bytes.get() + packet.capturedLength());
        if (packet.hasTimestamp()) {
            lastPacketNanos.lazySet(packet.epochSeconds() * 1_000_000_000L + packet.nanos());
        }
    }

    /** Tells the sink the replay has ended; one that saw no packet learns of its start first, with no link type. */
    private void finish() {
        CaptureStatus last = status();
        log.info("replay of {} ended: {} packets, {} bytes{}", settings.file(), last.packets(), last.bytes(),
                last.error() == null ? "" : " (" + last.error() + ")");
        try {
            if (!sinkStarted) {
                sink.started(source, linkType);
            }
            sink.stopped(last);
        } catch (Exception e) {
            log.error("packet consumer on {} failed to finish: {}", source.interfaceName(), e.getMessage(), e);
        }
    }

    private void closeReader() {
        if (reader == null) {
            return;
        }
        try {
            reader.close();
        } catch (IOException e) {
            log.warn("closing {} failed: {}", settings.file(), e.getMessage());
        }
        reader = null;
    }

    /** The reader's message, which names the damage's record and byte offset, with the file it is about. */
    private String describe(IOException e) {
        Path file = settings.file();
        return switch (e) {
            case NoSuchFileException _ -> "no capture file at " + file.toAbsolutePath() + ": check the path";
            case AccessDeniedException _ -> "capture file " + file.toAbsolutePath() + " may not be read: check its permissions";
            default -> file.getFileName() + ": " + e.getMessage();
        };
    }

    private void join(Duration wait) {
        try {
            thread.join(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
