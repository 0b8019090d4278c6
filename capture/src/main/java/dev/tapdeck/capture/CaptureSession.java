package dev.tapdeck.capture;

import dev.tapdeck.capture.pcap.PcapHandle;
import dev.tapdeck.file.PacketRecord;
import dev.tapdeck.pipeline.PacketRing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * One capture on one open handle, with its two threads: the capture thread reads packets
 * from libpcap into the ring and never waits for anyone (a full ring drops the packet and
 * counts it); the consumer thread hands the ring's packets to the sink.
 */
final class CaptureSession {
    private static final Logger log = LoggerFactory.getLogger(LiveCapture.class);
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final long TICK = TimeUnit.MILLISECONDS.toNanos(100);
    /** Throughput goes to the log this often while a capture runs. */
    private static final long LOG_EVERY = TimeUnit.SECONDS.toNanos(10);

    private final PcapHandle handle;
    private final CaptureSettings settings;
    private final PacketSink sink;
    private final PacketRing ring;
    private final Instant startTime = Instant.now();
    private final Thread captureThread;
    private final Thread consumerThread;
    private final Object handleLock = new Object();
    /** The capture thread's holder for the packet libpcap just delivered. */
    private final PacketRecord record = new PacketRecord();
    private boolean handleClosed;

    // Written by the capture thread only; read by anyone through status().
    private final AtomicLong packets = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong ringDrops = new AtomicLong();
    private final AtomicLong kernelDrops = new AtomicLong();
    private final AtomicLong lastPacketNanos = new AtomicLong(Long.MIN_VALUE);
    private final RateMeter rates = new RateMeter();
    private volatile String error;
    private volatile boolean stopRequested;
    private volatile Instant stopTime;

    CaptureSession(PcapHandle handle, CaptureSettings settings, PacketSink sink) {
        this.handle = handle;
        this.settings = settings;
        this.sink = sink;
        this.ring = new PacketRing(settings.ringPackets(), settings.ringBytes());
        String name = settings.interfaceName();
        captureThread = Thread.ofPlatform().name("tapdeck-capture-" + name).daemon().unstarted(this::capture);
        consumerThread = Thread.ofPlatform().name("tapdeck-consumer-" + name).daemon().unstarted(this::consume);
    }

    void start() {
        log.info("capture started on {} (link type {}, snap length {}, ring {} packets / {} MiB)", settings.describe(),
                handle.linkType(), settings.snaplen(), settings.ringPackets(), settings.ringBytes() >> 20);
        handle.warnings().forEach(warning -> log.warn("{}", warning));
        consumerThread.start();
        captureThread.start();
    }

    /** The capture thread still reads packets. */
    boolean isCapturing() {
        return captureThread.isAlive() && !stopRequested;
    }

    /**
     * Stops gracefully: breaks libpcap's loop, waits up to {@code wait} for the capture
     * thread, then as long again for the consumer to drain the ring; what is still queued
     * after that is abandoned and counted as ring drops.
     */
    CaptureStatus stop(Duration wait) {
        stopRequested = true;
        breakLoop();
        join(captureThread, wait);
        if (captureThread.isAlive()) {
            log.warn("capture thread on {} did not end within {} ms; abandoning it", settings.interfaceName(), wait.toMillis());
            ring.close();
        }
        join(consumerThread, wait);
        if (consumerThread.isAlive()) {
            log.warn("consumers on {} did not drain {} queued packets within {} ms; dropping them",
                    settings.interfaceName(), ring.size(), wait.toMillis());
            consumerThread.interrupt();
            join(consumerThread, wait);
        }
        CaptureStatus last = status();
        log.info("capture stopped on {}: {} packets, {} bytes, kernel drops {}, ring drops {}{}", settings.describe(),
                last.packets(), last.bytes(), last.kernelDrops(), last.ringDrops(),
                last.error() == null ? "" : " (" + last.error() + ")");
        return last;
    }

    /** Waits until the capture has ended by itself (or was stopped); false on timeout. */
    boolean awaitEnd(Duration wait) throws InterruptedException {
        return consumerThread.join(wait);
    }

    CaptureStatus status() {
        long last = lastPacketNanos.get();
        boolean running = captureThread.isAlive() && !stopRequested;
        return new CaptureStatus(running, settings.interfaceName(), settings.filter(), handle.linkType(),
                packets.get(), bytes.get(), running ? rates.packetsPerSecond() : 0, running ? rates.bytesPerSecond() : 0,
                kernelDrops.get(), ringDrops.get(),
                last == Long.MIN_VALUE ? null : Instant.ofEpochSecond(0, last), startTime,
                running ? null : stopTime, error);
    }

    CaptureSettings settings() { return settings; }

    private void capture() {
        long[] counters = new long[3];
        long now = System.nanoTime();
        long nextLog = now + LOG_EVERY;
        rates.restart(now);
        try {
            while (!stopRequested && captureNext()) {
                now = System.nanoTime();
                if (rates.sample(now, packets.get(), bytes.get())) {
                    readKernelDrops(counters);
                    if (now >= nextLog) {
                        nextLog = now + LOG_EVERY;
                        log.info("capture on {}: {} packets, {} packets/s, {} bytes/s, kernel drops {}, ring drops {}",
                                settings.interfaceName(), packets.get(), Math.round(rates.packetsPerSecond()), Math.round(rates.bytesPerSecond()),
                                kernelDrops.get(), ringDrops.get());
                    }
                }
            }
            readKernelDrops(counters);
        } catch (RuntimeException e) {
            error = "capture on " + settings.interfaceName() + " failed: " + e;
            log.error("{}", error, e);
        } finally {
            stopTime = Instant.now();
            synchronized (handleLock) {
                handleClosed = true;
                handle.close();
            }
            ring.close();
        }
    }

    /**
     * Reads one packet (or a timeout) from libpcap into the ring. A method of its own, not the
     * body of the loop above: the JIT compiles a method after a few hundred calls, a loop body
     * only after tens of thousands of rounds, and until then the kernel's buffer fills.
     *
     * @return false when the capture has ended (stopped, or libpcap failed)
     */
    private boolean captureNext() {
        int result = handle.next();
        if (result == PcapHandle.PACKET) {
            if (ring.offer(handle.fill(record))) {
                packets.lazySet(packets.get() + 1);
                bytes.lazySet(bytes.get() + record.capturedLength());
                lastPacketNanos.lazySet(record.epochSeconds() * 1_000_000_000L + record.nanos());
            } else {
                ringDrops.lazySet(ringDrops.get() + 1);
            }
            return true;
        }
        if (result == PcapHandle.ERROR) {
            error = "capture on " + settings.interfaceName() + " failed: " + handle.lastError();
            log.error("{}", error);
            return false;
        }
        return result != PcapHandle.BROKEN;
    }

    private void readKernelDrops(long[] counters) {
        if (handle.statistics(counters)) {
            kernelDrops.lazySet(counters[1] + counters[2]);
        }
    }

    private void breakLoop() {
        synchronized (handleLock) {
            if (!handleClosed) {
                handle.breakLoop();
            }
        }
    }

    private void consume() {
        PacketRecord packet = new PacketRecord();
        long nextTick = System.nanoTime() + TICK;
        try {
            sink.started(settings, handle.linkType());
            int idle = 0;
            long accepted = 0;
            while (true) {
                if (consumeNext(packet)) {
                    idle = 0;
                    // A busy consumer looks at the clock every 64 packets, an idle one every round.
                    if ((++accepted & 63) != 0) {
                        continue;
                    }
                } else if (ring.isDrained()) {
                    break;
                } else {
                    idle(idle++);
                }
                long now = System.nanoTime();
                if (now >= nextTick) {
                    sink.tick();
                    nextTick = now + TICK;
                }
            }
        } catch (InterruptedException e) {
            abandonQueued();
        } catch (Exception e) {
            error = "packet consumer on " + settings.interfaceName() + " failed: " + e.getMessage();
            log.error("{}", error, e);
            stopRequested = true;
            breakLoop();
            abandonQueued();
        } finally {
            try {
                sink.stopped(status());
            } catch (Exception e) {
                log.error("packet consumer on {} failed to finish: {}", settings.interfaceName(), e.getMessage(), e);
            }
        }
    }

    /** One packet from the ring to the sink, if one waits; a method of its own for the JIT, as {@link #captureNext()}. */
    private boolean consumeNext(PacketRecord packet) throws Exception {
        if (!ring.poll(packet)) {
            return false;
        }
        sink.accept(packet);
        return true;
    }

    /** Packets left in the ring when the consumer gives up count as ring drops. */
    private void abandonQueued() {
        PacketRecord packet = new PacketRecord();
        long deadline = System.nanoTime() + 5 * SECOND;
        long abandoned = 0;
        while (!ring.isDrained() && System.nanoTime() < deadline) {
            if (ring.poll(packet)) {
                abandoned++;
            } else {
                Thread.onSpinWait();
            }
        }
        // The capture thread may still be adding ring drops; consumers never race it once it has ended.
        join(captureThread, Duration.ofSeconds(5));
        ringDrops.addAndGet(abandoned);
    }

    /**
     * Nothing queued: a few spins in case a packet is about to land, then naps of a
     * millisecond. Never a long spin: on a small machine a spinning consumer takes the core
     * the capture thread and the kernel need, and the ring easily holds a millisecond.
     */
    private static void idle(int rounds) throws InterruptedException {
        if (rounds < 10) {
            Thread.onSpinWait();
        } else {
            LockSupport.parkNanos(1_000_000);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    private static void join(Thread thread, Duration wait) {
        try {
            thread.join(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
