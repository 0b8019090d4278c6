package dev.tapdeck.capture.replay;

import dev.tapdeck.capture.CaptureException;
import dev.tapdeck.capture.CaptureStatus;
import dev.tapdeck.capture.PacketSink;

import java.time.Duration;
import java.util.Optional;

/**
 * Replays a recorded capture into a {@link PacketSink}, the same kind of sink live capture
 * feeds, at the recorded timing or faster or slower: start, pause, resume, stop, and status at
 * any moment. One replay at a time; thread-safe. The packets flow on the replay's own thread
 * (see {@link ReplaySession}); a slow sink slows the replay down, it never loses packets.
 */
public final class Replay implements AutoCloseable {
    /** How long a stop waits for the sink to take the packet it is handed before interrupting it. */
    public static final Duration STOP_WAIT = Duration.ofSeconds(3);

    private final PacketSink sink;
    private volatile ReplaySession current;
    private CaptureStatus last = CaptureStatus.idle();

    public Replay(PacketSink sink) {
        this.sink = sink;
    }

    /**
     * Opens the file and starts replaying it.
     *
     * @throws CaptureException when a replay is already running, or the file cannot be read or
     *                          is not a pcap or pcapng file (the message says why)
     */
    public synchronized void start(ReplaySettings settings) throws CaptureException {
        if (isRunning()) {
            throw new CaptureException(CaptureException.Reason.ALREADY_RUNNING, "a replay of " + current.settings().file()
                    + " is already running since " + current.status().startTime() + ": stop it first");
        }
        settle();
        current = new ReplaySession(settings, sink);
        current.start();
    }

    /**
     * Holds the replay: once this returns, no packet reaches the sink until {@link #resume()}.
     * Waits for the sink to take the packet it is being handed, if any. Paused already, nothing changes.
     *
     * @throws CaptureException when no replay is running
     */
    public synchronized void pause() throws CaptureException {
        running().pause();
    }

    /**
     * Goes on from where the pause held it, with the packets after it as far apart as recorded.
     *
     * @throws CaptureException when no replay is running
     */
    public synchronized void resume() throws CaptureException {
        running().resume();
    }

    /**
     * Stops the replay after the packet being handed over, if any, and returns its final counts.
     *
     * @throws CaptureException when no replay is running
     */
    public synchronized CaptureStatus stop() throws CaptureException {
        ReplaySession session = running();
        last = session.stop(STOP_WAIT);
        current = null;
        return last;
    }

    /** The running replay's status, or the last one's totals when none runs. */
    public synchronized CaptureStatus status() {
        return current != null ? current.status() : last;
    }

    /** A replay is running, paused or not; false once it has reached the end of its file. */
    public boolean isRunning() {
        ReplaySession session = current;
        return session != null && session.isRunning();
    }

    public boolean isPaused() {
        ReplaySession session = current;
        return session != null && session.isRunning() && session.isPaused();
    }

    /** What the running replay replays; empty when none runs. */
    public Optional<ReplaySettings> settings() {
        ReplaySession session = current;
        return session != null && session.isRunning() ? Optional.of(session.settings()) : Optional.empty();
    }

    /**
     * Waits until the running replay ends by itself (end of file without loop, damage, a failing
     * sink) or is stopped elsewhere, and the sink has been told; true when it has ended.
     */
    public boolean awaitEnd(Duration wait) throws InterruptedException {
        ReplaySession session = current;
        return session == null || session.awaitEnd(wait);
    }

    /** Stops a running replay; does nothing otherwise. */
    @Override
    public synchronized void close() {
        if (current != null) {
            last = current.stop(STOP_WAIT);
            current = null;
        }
    }

    private ReplaySession running() throws CaptureException {
        if (!isRunning()) {
            settle();
            throw new CaptureException(CaptureException.Reason.NOT_RUNNING, "no replay is running");
        }
        return current;
    }

    /** A replay that ended by itself is cleaned up and its totals kept. */
    private void settle() {
        if (current != null && !current.isRunning()) {
            last = current.stop(STOP_WAIT);
            current = null;
        }
    }
}
