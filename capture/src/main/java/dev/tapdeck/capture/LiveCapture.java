package dev.tapdeck.capture;

import dev.tapdeck.capture.pcap.Libpcap;
import dev.tapdeck.capture.pcap.OperatingSystem;
import dev.tapdeck.capture.pcap.PcapException;
import dev.tapdeck.capture.pcap.PcapHandle;

import java.time.Duration;

/**
 * Live capture from one interface at a time into a {@link PacketSink}: start, stop, change
 * the interface or filter while running, and status at any moment. Thread-safe; the
 * packets themselves flow on the capture's own threads (see {@link CaptureSession}).
 */
public final class LiveCapture implements AutoCloseable {
    /** How long a stop waits for each of the capture's threads before it forces them. */
    public static final Duration STOP_WAIT = Duration.ofSeconds(3);

    private final Libpcap pcap;
    private final PacketSink sink;
    private CaptureSession current;
    private CaptureStatus last = CaptureStatus.idle();

    public LiveCapture(Libpcap pcap, PacketSink sink) {
        this.pcap = pcap;
        this.sink = sink;
    }

    /**
     * Opens the interface, applies the filter and starts capturing.
     *
     * @throws CaptureException when a capture is already running, or the interface, filter or
     *                          permissions do not allow it (the reason says which)
     */
    public synchronized void start(CaptureSettings settings) throws CaptureException {
        if (isRunning()) {
            CaptureStatus running = current.status();
            throw new CaptureException(CaptureException.Reason.ALREADY_RUNNING, "a capture on " + current.settings().describe()
                    + " is already running since " + running.startTime() + ": stop it first, or change its settings");
        }
        settle();
        current = new CaptureSession(open(settings), settings, sink);
        current.start();
    }

    /**
     * Stops the running capture gracefully and returns its final counts.
     *
     * @throws CaptureException when no capture is running
     */
    public synchronized CaptureStatus stop() throws CaptureException {
        if (!isRunning()) {
            settle();
            throw new CaptureException(CaptureException.Reason.NOT_RUNNING, "no capture is running");
        }
        last = current.stop(STOP_WAIT);
        current = null;
        return last;
    }

    /**
     * Moves a running capture to new settings (another interface, another filter): the new
     * handle is opened and its filter compiled first, so a bad filter or interface is refused
     * with its message while the running capture goes on; only then is the old one stopped.
     * Not running, it simply starts.
     */
    public synchronized void change(CaptureSettings settings) throws CaptureException {
        if (!isRunning()) {
            start(settings);
            return;
        }
        PcapHandle handle = open(settings);
        last = current.stop(STOP_WAIT);
        current = new CaptureSession(handle, settings, sink);
        current.start();
    }

    /** The running capture's status, or the last one's totals when none runs. */
    public synchronized CaptureStatus status() {
        return current != null ? current.status() : last;
    }

    public synchronized boolean isRunning() {
        return current != null && current.isCapturing();
    }

    /**
     * Waits until the running capture ends by itself (its interface failed, a consumer
     * failed) or is stopped elsewhere; true when it has ended.
     */
    public boolean awaitEnd(Duration wait) throws InterruptedException {
        CaptureSession session;
        synchronized (this) {
            session = current;
        }
        return session == null || session.awaitEnd(wait);
    }

    /** Stops a running capture; does nothing otherwise. */
    @Override
    public synchronized void close() {
        if (current != null) {
            last = current.stop(STOP_WAIT);
            current = null;
        }
    }

    /** A capture that ended by itself is cleaned up and its totals kept. */
    private void settle() {
        if (current != null && !current.isCapturing()) {
            last = current.stop(STOP_WAIT);
            current = null;
        }
    }

    private PcapHandle open(CaptureSettings settings) throws CaptureException {
        PcapHandle handle;
        try {
            handle = PcapHandle.openLive(pcap, settings.interfaceName(), settings.handleOptions());
        } catch (PcapException e) {
            throw translate(e, settings);
        }
        try {
            handle.setFilter(settings.filter());
            return handle;
        } catch (PcapException e) {
            handle.close();
            throw new CaptureException(CaptureException.Reason.BAD_FILTER, e.getMessage(), e);
        }
    }

    private static CaptureException translate(PcapException e, CaptureSettings settings) {
        if (e.isPermissionDenied()) {
            return new CaptureException(CaptureException.Reason.NO_PERMISSION,
                    e.getMessage() + ". " + CapturePreflight.permissionAdvice(OperatingSystem.current()), e);
        }
        if (e.status() == PcapException.NO_SUCH_DEVICE) {
            return new CaptureException(CaptureException.Reason.NO_SUCH_INTERFACE,
                    "no interface named \"" + settings.interfaceName() + "\" (tapdeck interfaces lists them)", e);
        }
        return new CaptureException(CaptureException.Reason.FAILED, e.getMessage(), e);
    }
}
