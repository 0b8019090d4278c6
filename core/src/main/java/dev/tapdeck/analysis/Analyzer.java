package dev.tapdeck.analysis;

import dev.tapdeck.analysis.process.ProcessInfo;
import dev.tapdeck.decode.Dissection;

import java.util.List;
import java.util.Optional;

/**
 * The analysis of one packet stream (a live capture, a replay or a file): the flow table,
 * the protocol hierarchy and every detector, fed one decoded packet at a time in packet time,
 * so a capture gives the same alerts live, replayed or analysed from its file.
 *
 * <p>{@link #accept} is for one thread, the pipeline's, and allocates nothing per packet
 * unless a detector fires. The listings may be called from other threads: every method holds
 * the analyzer's lock, so a listing sees a consistent state and holds packets back while it
 * copies (a page of flows takes well under a millisecond). Alerts reach the {@link AlertSink}
 * on the accepting thread, with the lock held.
 */
public final class Analyzer {
    private final AnalysisSettings settings;
    private final AlertLog alerts;
    private final FlowTable flows;
    private final ProtocolHierarchy protocols = new ProtocolHierarchy();
    // Called one by one, not through an array of Detector: each call site sees one class and inlines it.
    private final RateSpikeDetector rateSpike;
    private final SynFloodDetector synFlood;
    private final PortScanDetector portScan;
    private final NewTalkerDetector newTalker;
    private final DnsAnomalyDetector dns;
    private final PacketFacts facts = new PacketFacts();
    private long lastNanos = Long.MIN_VALUE;

    /**
     * Summary figures: packets and bytes seen, flows held, begun and expired, packets no flow
     * had room for, alerts raised, flows whose program was found and those whose was not.
     */
    public record Summary(long packets, long bytes, int flows, long flowsStarted, long flowsExpired,
                         long untrackedPackets, long alerts, long attributedFlows, long unattributedFlows) {}

    public Analyzer(AnalysisSettings settings, AlertSink sink) {
        this.settings = settings;
        long cooldownNanos = settings.cooldown().toNanos();
        this.alerts = new AlertLog(sink, settings.alertsKept(), cooldownNanos);
        this.flows = new FlowTable(settings.flows().maxFlows(), settings.flows().idleTimeout());
        this.rateSpike = new RateSpikeDetector(settings.rateSpike(), alerts);
        this.synFlood = new SynFloodDetector(settings.synFlood(), alerts);
        this.portScan = new PortScanDetector(settings.portScan(), alerts);
        this.newTalker = new NewTalkerDetector(settings.newTalker(), alerts);
        this.dns = new DnsAnomalyDetector(settings.dns(), cooldownNanos, alerts);
    }

    /** Alerts are only kept for {@link #alerts}. */
    public Analyzer(AnalysisSettings settings) {
        this(settings, alert -> { });
    }

    /**
     * Counts one decoded packet and runs the detectors on it.
     *
     * @param frameNumber the packet's number in its stream, 1 for the first; alerts cite it
     * @param timeNanos   packet time in nanoseconds since the epoch
     * @return the id of the packet's flow, or 0 when it has none (no IP, or no room in the table)
     */
    public synchronized long accept(long frameNumber, Dissection d, long timeNanos) {
        return accept(frameNumber, d, timeNanos, null);
    }

    /**
     * Counts one decoded packet as {@link #accept(long, Dissection, long)} does; {@code recorded}
     * is the program its recording names, which its flow takes if it has none.
     */
    public synchronized long accept(long frameNumber, Dissection d, long timeNanos, ProcessInfo recorded) {
        lastNanos = Math.max(lastNanos, timeNanos);
        facts.read(frameNumber, d, timeNanos);
        facts.process = recorded;
        protocols.add(d);
        flows.add(facts);
        rateSpike.accept(facts, d);
        synFlood.accept(facts, d);
        portScan.accept(facts, d);
        newTalker.accept(facts, d);
        dns.accept(facts, d);
        return facts.flowId;
    }

    /**
     * Lets packet time pass without packets, so that a quiet spell closes its seconds and
     * windows: a live capture calls this now and then with the current time on the packets'
     * clock. Times at or before the last packet's change nothing.
     */
    public synchronized void tick(long nowNanos) {
        if (nowNanos <= lastNanos) {
            return;
        }
        lastNanos = nowNanos;
        flows.expireIdle(nowNanos);
        rateSpike.tick(nowNanos);
    }

    /**
     * The program of the last accepted packet's flow (or the one its recording named); null when
     * unknown. For the accepting thread, right after {@link #accept}.
     */
    public synchronized ProcessInfo lastPacketProcess() {
        return facts.process;
    }

    /** Asks {@code owners} for the program of each flow that starts from now on (see {@link FlowTable#attributing}). */
    public synchronized Analyzer attributing(FlowOwners owners) {
        flows.attributing(owners);
        return this;
    }

    public AnalysisSettings settings() { return settings; }

    /** The alerts kept (the latest {@link AnalysisSettings#alertsKept()}), oldest first. */
    public synchronized List<Alert> alerts() {
        return alerts.recent(0);
    }

    /** The kept alerts with an id above {@code afterId}, oldest first: what a poller has not seen yet. */
    public synchronized List<Alert> alerts(long afterId) {
        return alerts.recent(afterId);
    }

    /** The first {@code limit} flows held now, in {@code order}. */
    public synchronized List<Flow> flows(Flow.Order order, int limit) {
        return flows.flows(order, limit);
    }

    public synchronized Optional<Flow> flow(long id) {
        return flows.flow(id);
    }

    /** The hosts with the most bytes over the flows held now. */
    public synchronized List<TopTalker> topTalkers(int limit) {
        return flows.topTalkers(limit);
    }

    /** The programs with the most bytes over the flows held now. */
    public synchronized List<ProgramTraffic> programs(int limit) {
        return flows.programs(limit);
    }

    public synchronized List<ProtocolHierarchy.Node> protocolHierarchy() {
        return protocols.nodes();
    }

    public synchronized Summary summary() {
        return new Summary(protocols.packets(), protocols.bytes(), flows.size(), flows.started(), flows.expired(),
                flows.untrackedPackets(), alerts.raised(), flows.attributedFlows(), flows.unattributedFlows());
    }
}
