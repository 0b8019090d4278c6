package dev.tapdeck.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tapdeck.capture.CapturePreflight;
import dev.tapdeck.capture.CaptureStatus;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The server's state as JSON: for {@code GET /api/capture/status} and the stream's {@code status} message. */
final class StatusReport {
    /** The capture checks open a device: worth doing every few seconds, not on every request. */
    private static final long CHECKS_MAX_AGE_NANOS = 10_000_000_000L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TapdeckServer server;
    private List<CapturePreflight.Check> checks;
    private long checkedAt;

    StatusReport(TapdeckServer server) {
        this.server = server;
    }

    /** Everything, with the capture checks and their fixes. */
    synchronized Map<String, Object> full() {
        Map<String, Object> status = brief();
        long now = System.nanoTime();
        if (checks == null || now - checkedAt > CHECKS_MAX_AGE_NANOS) {
            checks = server.sources().preflight();
            checkedAt = now;
        }
        status.put("captureReady", checks.stream().allMatch(CapturePreflight.Check::ok));
        status.put("checks", checks);
        return status;
    }

    /** The stream's once-a-second message. */
    String streamJson() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("type", "status");
        status.putAll(brief());
        try {
            return JSON.writeValueAsString(status);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, Object> brief() {
        CaptureSources sources = server.sources();
        CaptureStatus capture = sources.captureStatus();
        CaptureStatus replay = sources.replayStatus();
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("source", capture.running() ? "capture" : replay.running() ? "replay" : null);
        status.put("capture", captureJson(capture));
        Map<String, Object> replayJson = captureJson(replay);
        replayJson.put("paused", sources.replayPaused());
        sources.replaySettings().ifPresent(settings -> {
            replayJson.put("speed", settings.speed());
            replayJson.put("loop", settings.loop());
        });
        status.put("replay", replayJson);
        PacketHistory history = server.history();
        status.put("history", Map.of("packets", history.size(), "oldest", history.oldest(), "newest", history.newest()));
        status.put("streams", server.streams().stats());
        status.put("clients", server.hub().clientCount());
        return status;
    }

    /** One source's status with its times in ISO 8601. */
    Map<String, Object> captureJson(CaptureStatus status) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("running", status.running());
        json.put("interface", status.interfaceName());
        json.put("filter", status.filter());
        json.put("linkType", status.linkType());
        json.put("packets", status.packets());
        json.put("bytes", status.bytes());
        json.put("packetsPerSecond", Math.round(status.packetsPerSecond()));
        json.put("bytesPerSecond", Math.round(status.bytesPerSecond()));
        json.put("kernelDrops", status.kernelDrops());
        json.put("ringDrops", status.ringDrops());
        json.put("lastPacketTime", iso(status.lastPacketTime()));
        json.put("startTime", iso(status.startTime()));
        json.put("stopTime", iso(status.stopTime()));
        json.put("error", status.error());
        return json;
    }

    private static String iso(Instant time) {
        return time == null ? null : time.toString();
    }
}
