package dev.tapdeck.capture.replay;

import dev.tapdeck.capture.CaptureSettings;
import dev.tapdeck.capture.CaptureStatus;
import dev.tapdeck.capture.PacketSink;
import dev.tapdeck.file.PacketRecord;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Keeps what a replay hands over: each packet's bytes, record number, time stamp and arrival
 * time, the ticks, and when it started and stopped. Read it after the replay has ended, or
 * through the synchronized accessors while it runs.
 */
final class RecordingSink implements PacketSink {
    /** One packet as it arrived. */
    record Arrival(long recordNumber, long epochNanos, byte[] bytes, long arrivedNanos) {}

    private final List<Arrival> arrivals = new ArrayList<>();
    private final List<Long> ticks = new ArrayList<>();
    private final CountDownLatch done = new CountDownLatch(1);
    private CountDownLatch enough = new CountDownLatch(0);
    private long enoughCount;
    private CaptureSettings startedWith;
    private int startedLinkType;
    private long startedNanos;
    private long stoppedNanos;
    private CaptureStatus stoppedWith;
    private int startedCalls;
    private int stoppedCalls;

    @Override
    public synchronized void started(CaptureSettings settings, int linkType) {
        startedNanos = System.nanoTime();
        startedWith = settings;
        startedLinkType = linkType;
        startedCalls++;
    }

    @Override
    public synchronized void accept(PacketRecord packet) {
        long now = System.nanoTime();
        arrivals.add(new Arrival(packet.recordNumber(), packet.epochSeconds() * 1_000_000_000L + packet.nanos(),
                packet.toByteArray(), now));
        if (arrivals.size() == enoughCount) {
            enough.countDown();
        }
    }

    @Override
    public synchronized void tick() {
        ticks.add(System.nanoTime());
    }

    @Override
    public synchronized void stopped(CaptureStatus last) {
        stoppedNanos = System.nanoTime();
        stoppedWith = last;
        stoppedCalls++;
        done.countDown();
    }

    /** Arms {@link #awaitPackets} for {@code count} packets; call before the replay starts. */
    synchronized void expect(long count) {
        enoughCount = count;
        enough = new CountDownLatch(1);
    }

    void awaitPackets(Duration wait) throws InterruptedException {
        CountDownLatch latch;
        synchronized (this) {
            latch = enough;
        }
        if (!latch.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("expected " + enoughCount + " packets within " + wait + ", got " + packetCount());
        }
    }

    void awaitStopped(Duration wait) throws InterruptedException {
        if (!done.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the sink was not told of the end within " + wait);
        }
    }

    synchronized List<Arrival> arrivals() { return List.copyOf(arrivals); }
    synchronized int packetCount() { return arrivals.size(); }
    synchronized List<Long> ticks() { return List.copyOf(ticks); }
    synchronized CaptureSettings startedWith() { return startedWith; }
    synchronized int startedLinkType() { return startedLinkType; }
    synchronized CaptureStatus stoppedWith() { return stoppedWith; }
    synchronized int startedCalls() { return startedCalls; }
    synchronized int stoppedCalls() { return stoppedCalls; }

    /** From {@code started} to {@code stopped}, in seconds. */
    synchronized double runSeconds() {
        return (stoppedNanos - startedNanos) / 1e9;
    }

    /** From {@code started} to the arrival of packet {@code index} (0-based), in seconds. */
    synchronized double secondsUntil(int index) {
        return (arrivals.get(index).arrivedNanos() - startedNanos) / 1e9;
    }
}
