package dev.tapdeck.serve;

import dev.tapdeck.analysis.process.ProcessComment;
import dev.tapdeck.analysis.process.ProcessInfo;
import dev.tapdeck.analysis.process.ProcessJson;
import dev.tapdeck.capture.CaptureSettings;
import dev.tapdeck.capture.attribution.FlowAttribution;
import dev.tapdeck.capture.process.SocketOwners;
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

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where every packet of the server goes, whether captured live or replayed from a file: it is
 * numbered and kept in the {@link PacketHistory}, decoded, tracked (its {@code tcp.stream} or
 * {@code udp.stream}, kept beside it in the history, and its stream's bytes in the
 * {@link StreamStore}), analysed (flows, detectors), and its one-line summary joins the next
 * WebSocket batch. Called on the source's one consumer thread.
 *
 * <p>A live capture's flows are attributed to their programs ({@link FlowAttribution} over
 * {@link SocketOwners}, asked on each flow's first packet and answered on another thread), and
 * each packet keeps its flow's program from the time the answer came; a replay has no live
 * sockets, but a recording's packets keep the programs their comments name.
 */
public final class PacketPipeline implements PacketSink {
    private static final Logger log = LoggerFactory.getLogger(PacketPipeline.class);
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
    /** The current live capture's flow attribution; null for a replay or where the OS gives no owners. */
    private FlowAttribution attribution;
    private SocketOwners socketOwners;
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
        stopAttribution();
        if (live) {
            startAttribution();
        }
        firstSeconds = Long.MIN_VALUE;
        StringBuilder json = new StringBuilder("{\"type\":\"reset\",\"source\":");
        JsonLinesFormat.appendString(settings.interfaceName(), json);
        hub.restart(json.append('}').toString());
    }

    /** Asks this machine's socket owners for the program of every flow of the capture just started. */
    private void startAttribution() {
        try {
            socketOwners = SocketOwners.forThisMachine(SocketOwners.Settings.defaults());
            socketOwners.start();
            attribution = new FlowAttribution(socketOwners::ownerOf, FlowAttribution.DEFAULT_CAPACITY);
            analyzer.attributing(attribution);
            log.info("Flows are attributed to programs ({})", socketOwners.method());
        } catch (RuntimeException | LinkageError e) {
            log.warn("Flows will show no programs: this machine's sockets cannot be listed ({})", e.toString());
            stopAttribution();
        }
    }

    private void stopAttribution() {
        if (attribution != null) {
            attribution.close();
            attribution = null;
        }
        if (socketOwners != null) {
            socketOwners.close();
            socketOwners = null;
        }
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
        ProcessInfo recorded = packet.comment() == null ? null : ProcessComment.parse(packet.comment()).orElse(null);
        long flow = analyzer.accept(number, d, timeNanos, recorded);
        ProcessInfo process = recorded != null ? recorded : analyzer.lastPacketProcess();
        history.annotate(number, flow, facts, process);
        summary.setLength(0);
        appendSummary(number, packet, d, flow, facts, process, summary, column);
        hub.addPacket(number, packet, facts, process, referenceNanos(), summary);
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
        stopAttribution();
        hub.flush();
    }

    /**
     * One packet's summary as a JSON object: {@code frame.number}, {@code frame.time_epoch},
     * {@code time} (seconds since the capture's first packet), {@code source}, {@code
     * destination}, {@code protocol}, {@code length} (on the wire), {@code info} (with the TCP
     * analysis' marks in front, as Wireshark's info column has them), {@code flow} (the
     * analysis' flow id) when it has one, and {@code tcp.stream} or {@code udp.stream} when the
     * packet belongs to a stream ({@code tracked}: what the stream tracker made of it), and
     * {@code process} ({@code {"pid","name"}}) when its program is known. Any thread may call
     * it, each with its own {@code scratch}.
     */
    public void appendSummary(long number, PacketRecord packet, Dissection d, long flow, StreamFacts tracked, ProcessInfo process,
                              StringBuilder out, StringBuilder scratch) {
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
        ProcessJson.appendMember(process, false, out);
        out.append('}');
    }

    private static void appendMicros(long micros, StringBuilder out) {
        for (long divisor = 100_000; divisor > 0; divisor /= 10) {
            out.append((char) ('0' + micros / divisor % 10));
        }
    }
}
