package dev.tapdeck.serve;

import dev.tapdeck.capture.CaptureSettings;
import dev.tapdeck.capture.CaptureStatus;
import dev.tapdeck.analysis.AnalysisSettings;
import dev.tapdeck.analysis.Analyzer;
import dev.tapdeck.capture.PacketSink;
import dev.tapdeck.capture.replay.ReplaySettings;
import dev.tapdeck.decode.Dissection;
import dev.tapdeck.decode.JsonLinesFormat;
import dev.tapdeck.decode.PacketDecoder;
import dev.tapdeck.decode.PacketSummary;
import dev.tapdeck.file.PacketRecord;
import dev.tapdeck.stream.StreamFacts;
import dev.tapdeck.stream.StreamTracker;
import dev.tapdeck.stream.TcpAnalysis;

import java.time.Instant;

/**
 * Where every packet of the server goes, whether captured live or replayed from a file: it is
 * numbered and kept in the {@link PacketHistory}, decoded, tracked (its {@code tcp.stream} or
 * {@code udp.stream}, kept beside it in the history, and its stream's bytes in the
 * {@link StreamStore}), analysed (flows, detectors), and its one-line summary joins the next
 * WebSocket batch. Called on the source's one consumer thread.
 */
public final class PacketPipeline implements PacketSink {
    private final PacketHistory history;
    private final StreamHub hub;
    private final StreamStore streams;
    private final AnalysisSettings analysisSettings;
    /** The analysis of the current source; a new source starts a new one. */
    private volatile Analyzer analyzer;
    /** The current source's streams, fed every packet in order; a new source starts a new one. */
    private volatile StreamTracker tracker;
    private final StreamFacts facts = new StreamFacts();
    /** Live capture lets the analysis' clock run through quiet spells; a replay's clock is its packets'. */
    private volatile boolean live;
    private final PacketDecoder decoder = new PacketDecoder();
    private final StringBuilder summary = new StringBuilder(256);
    private final StringBuilder column = new StringBuilder(128);
    /** The first packet's time: summaries show time relative to it, as Wireshark's Time column does. */
    private volatile long firstSeconds = Long.MIN_VALUE;
    private volatile int firstNanos;

    public PacketPipeline(PacketHistory history, StreamHub hub, StreamStore streams, AnalysisSettings analysisSettings) {
        this.history = history;
        this.hub = hub;
        this.streams = streams;
        this.analysisSettings = analysisSettings;
        this.analyzer = newAnalyzer();
        this.tracker = newTracker();
    }

    private StreamTracker newTracker() {
        return new StreamTracker().listen(streams);
    }

    private Analyzer newAnalyzer() {
        return new Analyzer(analysisSettings, alert -> hub.broadcast(AnalysisJson.alertMessage(alert)));
    }

    /** The current source's analysis: flows, protocols, alerts. */
    public Analyzer analyzer() {
        return analyzer;
    }

    /** A new capture or replay: numbering starts again, and the browsers are told to clear their tables. */
    @Override
    public void started(CaptureSettings settings, int linkType) {
        history.clear();
        streams.clear();
        analyzer = newAnalyzer();
        tracker = newTracker();
        live = !ReplaySettings.isReplay(settings.interfaceName());
        firstSeconds = Long.MIN_VALUE;
        StringBuilder json = new StringBuilder("{\"type\":\"reset\",\"source\":");
        JsonLinesFormat.appendString(settings.interfaceName(), json);
        hub.restart(json.append('}').toString());
    }

    @Override
    public void accept(PacketRecord packet) {
        long number = history.add(packet);
        if (firstSeconds == Long.MIN_VALUE) {
            firstNanos = packet.nanos();
            firstSeconds = packet.epochSeconds();
        }
        Dissection d = decoder.decode(packet);
        long timeNanos = packet.epochSeconds() * 1_000_000_000L + packet.nanos();
        streams.packetStarts(timeNanos);
        tracker.offer(d, number, timeNanos, facts);
        streams.packetTracked(number, d, facts, packet.originalLength());
        history.setFacts(number, facts);
        long flow = analyzer.accept(number, d, timeNanos);
        history.setFlow(number, flow);
        summary.setLength(0);
        appendSummary(number, packet, d, flow, facts, summary, column);
        hub.addPacket(number, packet, facts, referenceNanos(), summary);
    }

    /** The first packet's time in nanoseconds since the epoch, from which {@code frame.time_relative} counts; 0 before it. */
    public long referenceNanos() {
        long seconds = firstSeconds;
        return seconds == Long.MIN_VALUE ? 0 : seconds * 1_000_000_000L + firstNanos;
    }

    @Override
    public void tick() {
        if (live) {
            Instant now = Instant.now();
            analyzer.tick(now.getEpochSecond() * 1_000_000_000L + now.getNano());
        }
    }

    @Override
    public void stopped(CaptureStatus last) {
        tracker.finish(); // what the reassembler still holds (data after a hole) goes to the store
        hub.flush();
    }

    /**
     * One packet's summary as a JSON object: {@code frame.number}, {@code frame.time_epoch},
     * {@code time} (seconds since the capture's first packet), {@code source}, {@code
     * destination}, {@code protocol}, {@code length} (on the wire), {@code info} (with the TCP
     * analysis' marks in front, as Wireshark's info column has them), {@code flow} (the
     * analysis' flow id) when it has one, and {@code tcp.stream} or {@code udp.stream} when the
     * packet belongs to a stream ({@code tracked}: what the stream tracker made of it). Any
     * thread may call it, each with its own {@code scratch}.
     */
    public void appendSummary(long number, PacketRecord packet, Dissection d, long flow, StreamFacts tracked, StringBuilder out, StringBuilder scratch) {
        StringBuilder column = scratch;
        out.append("{\"frame.number\":").append(number).append(",\"frame.time_epoch\":");
        JsonLinesFormat.appendEpochTime(packet, out);
        long relativeNanos = firstSeconds == Long.MIN_VALUE ? 0
                : (packet.epochSeconds() - firstSeconds) * 1_000_000_000L + packet.nanos() - firstNanos;
        out.append(",\"time\":");
        if (relativeNanos < 0) { // a packet stamped before the first, as clocks that step back make them
            out.append('-');
            relativeNanos = -relativeNanos;
        }
        out.append(relativeNanos / 1_000_000_000L).append('.');
        appendMicros(relativeNanos % 1_000_000_000L / 1000, out);
        column.setLength(0);
        PacketSummary.appendSource(d, column);
        JsonLinesFormat.appendString(column, out.append(",\"source\":"));
        column.setLength(0);
        PacketSummary.appendDestination(d, column);
        JsonLinesFormat.appendString(column, out.append(",\"destination\":"));
        column.setLength(0);
        PacketSummary.appendProtocol(d, column);
        JsonLinesFormat.appendString(column, out.append(",\"protocol\":"));
        out.append(",\"length\":").append(packet.originalLength());
        column.setLength(0);
        TcpAnalysis.appendInfoMarks(tracked, column);
        PacketSummary.appendInfo(d, column);
        JsonLinesFormat.appendString(column, out.append(",\"info\":"));
        if (flow != 0) {
            out.append(",\"flow\":").append(flow);
        }
        StreamIndex.appendJson(tracked, out);
        out.append('}');
    }

    private static void appendMicros(long micros, StringBuilder out) {
        for (long divisor = 100_000; divisor > 0; divisor /= 10) {
            out.append((char) ('0' + micros / divisor % 10));
        }
    }
}
