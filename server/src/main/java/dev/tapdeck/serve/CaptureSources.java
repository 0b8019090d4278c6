package dev.tapdeck.serve;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tapdeck.capture.CaptureException;
import dev.tapdeck.capture.CapturePreflight;
import dev.tapdeck.capture.CaptureSettings;
import dev.tapdeck.capture.CaptureStatus;
import dev.tapdeck.capture.LiveCapture;
import dev.tapdeck.capture.pcap.CaptureInterface;
import dev.tapdeck.capture.pcap.Libpcap;
import dev.tapdeck.capture.pcap.LibpcapUnavailableException;
import dev.tapdeck.capture.pcap.PcapException;
import dev.tapdeck.capture.pcap.PcapHandle;
import dev.tapdeck.capture.replay.Replay;
import dev.tapdeck.capture.replay.ReplaySettings;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The two sources that feed the pipeline, one at a time: live capture (when libpcap is there)
 * and replay of a capture file. Holds the capture settings the API shows and changes.
 */
public final class CaptureSources implements AutoCloseable {
    /** The capture settings the API reads and writes (null in a request: unchanged); the rest stay at their defaults. */
    public record Settings(@JsonProperty("interface") String interfaceName, String filter, Integer snaplen, Boolean promiscuous) {}

    private final Libpcap pcap;
    private final String libraryProblem;
    private final LiveCapture live;
    private final Replay replay;
    private Settings settings;

    public CaptureSources(ServerConfig config, PacketPipeline pipeline) {
        Libpcap loaded = null;
        String problem = null;
        try {
            loaded = Libpcap.system();
        } catch (LibpcapUnavailableException e) {
            problem = e.getMessage();
        }
        pcap = loaded;
        libraryProblem = problem;
        live = pcap == null ? null : new LiveCapture(pcap, pipeline);
        replay = new Replay(pipeline);
        String device = config.text(ServerOption.INTERFACE);
        if (device.isEmpty()) {
            device = firstInterface().orElse("");
        }
        settings = new Settings(device, config.text(ServerOption.FILTER), config.integer(ServerOption.SNAPLEN),
                config.flag(ServerOption.PROMISCUOUS));
    }

    public List<CaptureInterface> interfaces() {
        try {
            return requireLibrary().interfaces();
        } catch (PcapException e) {
            throw new ApiException(500, "cannot list interfaces", e.getMessage());
        }
    }

    public synchronized Settings settings() {
        return settings;
    }

    /**
     * Checks and keeps new settings; a running capture moves to them. A bad filter or interface
     * is refused with libpcap's message, and whatever runs goes on untouched.
     */
    public synchronized Settings apply(Settings requested) {
        Settings next = new Settings(
                requested.interfaceName() == null ? settings.interfaceName() : requested.interfaceName().strip(),
                requested.filter() == null ? settings.filter() : requested.filter().strip(),
                requested.snaplen() == null ? settings.snaplen() : requested.snaplen(),
                requested.promiscuous() == null ? settings.promiscuous() : requested.promiscuous());
        if (next.snaplen() < 1 || next.snaplen() > PcapHandle.Options.DEFAULT_SNAPLEN) {
            throw new ApiException(400, "bad snap length", "snaplen must be 1 to " + PcapHandle.Options.DEFAULT_SNAPLEN + ", not " + next.snaplen());
        }
        Libpcap library = requireLibrary();
        if (findDevice(library, next.interfaceName()).isEmpty()) {
            throw new ApiException(400, "no such interface", "no interface named \"" + next.interfaceName() + "\" (GET /api/interfaces lists them)");
        }
        int linkType = library.linkTypeOf(next.interfaceName());
        try (PcapHandle dead = PcapHandle.openDead(library, linkType < 0 ? 1 : linkType, next.snaplen())) {
            dead.checkFilter(next.filter());
        } catch (PcapException e) {
            throw new ApiException(400, "bad capture filter", e.getMessage());
        }
        if (live.isRunning()) {
            refusedAsApiError(() -> {
                live.change(captureSettings(next));
                return null;
            });
        }
        settings = next;
        return settings;
    }

    public synchronized CaptureStatus startCapture() {
        requireLibrary();
        refuseIfReplaying("start a capture");
        try {
            live.start(captureSettings(settings));
        } catch (CaptureException e) {
            throw ApiException.of(e);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "bad capture settings", e.getMessage());
        }
        return live.status();
    }

    public synchronized CaptureStatus stopCapture() {
        if (live == null) {
            throw new ApiException(409, "not running", "no capture is running");
        }
        return refusedAsApiError(live::stop);
    }

    public synchronized CaptureStatus startReplay(Path file, double speed, boolean loop) {
        if (live != null && live.isRunning()) {
            throw new ApiException(409, "already running", "a live capture on " + live.status().interfaceName()
                    + " is running: stop it before replaying a file");
        }
        ReplaySettings replaySettings;
        try {
            replaySettings = new ReplaySettings(file, speed, loop);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "bad replay settings", e.getMessage());
        }
        return refusedAsApiError(() -> {
            replay.start(replaySettings);
            return replay.status();
        });
    }

    public synchronized CaptureStatus pauseReplay() {
        return refusedAsApiError(() -> {
            replay.pause();
            return replay.status();
        });
    }

    public synchronized CaptureStatus resumeReplay() {
        return refusedAsApiError(() -> {
            replay.resume();
            return replay.status();
        });
    }

    public synchronized CaptureStatus stopReplay() {
        return refusedAsApiError(replay::stop);
    }

    public CaptureStatus captureStatus() {
        return live == null ? CaptureStatus.idle() : live.status();
    }

    public CaptureStatus replayStatus() {
        return replay.status();
    }

    public boolean replayPaused() {
        return replay.isPaused();
    }

    public Optional<ReplaySettings> replaySettings() {
        return replay.settings();
    }

    /** Why live capture is impossible here, if it is: the checks of {@code tapdeck doctor}, with their fixes. */
    public List<CapturePreflight.Check> preflight() {
        return CapturePreflight.run();
    }

    @Override
    public synchronized void close() {
        replay.close();
        if (live != null) {
            live.close();
        }
    }

    private void refuseIfReplaying(String what) {
        if (replay.status().running()) {
            throw new ApiException(409, "already running", "a replay of " + replay.status().interfaceName()
                    + " is running: stop it to " + what);
        }
    }

    private Libpcap requireLibrary() {
        if (pcap == null) {
            throw new ApiException(503, "capture library missing", libraryProblem);
        }
        return pcap;
    }

    private Optional<String> firstInterface() {
        if (pcap == null) {
            return Optional.empty();
        }
        try {
            return pcap.interfaces().stream().map(CaptureInterface::name).findFirst();
        } catch (PcapException e) {
            return Optional.empty();
        }
    }

    private static Optional<CaptureInterface> findDevice(Libpcap library, String name) {
        try {
            return name.isEmpty() ? Optional.empty() : library.device(name);
        } catch (PcapException e) {
            throw new ApiException(500, "cannot list interfaces", e.getMessage());
        }
    }

    /** One call to a source, its refusal (already running, bad filter, ...) turned into the matching HTTP error. */
    private interface SourceCall<T> {
        T call() throws CaptureException;
    }

    private static <T> T refusedAsApiError(SourceCall<T> call) {
        try {
            return call.call();
        } catch (CaptureException e) {
            throw ApiException.of(e);
        }
    }

    private static CaptureSettings captureSettings(Settings settings) {
        // Immediate delivery: a flow's program is looked up on its first packet, and in 100 ms
        // batches a connection shorter than a batch has closed its socket by then.
        return CaptureSettings.of(settings.interfaceName()).withFilter(settings.filter())
                .withSnaplen(settings.snaplen()).withPromiscuous(settings.promiscuous()).withImmediate(true);
    }
}
