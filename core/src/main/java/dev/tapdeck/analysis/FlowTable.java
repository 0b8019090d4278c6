package dev.tapdeck.analysis;

import dev.tapdeck.analysis.process.ProcessInfo;
import dev.tapdeck.collect.KeyIndex;
import dev.tapdeck.decode.Dissection;

import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Flows keyed by the bidirectional 5-tuple and VLAN id, with packets and bytes per direction,
 * first and last time and the TCP state. Counting a packet allocates nothing once the table
 * has grown to its working size.
 *
 * <p>A flow idle for longer than the idle timeout ends: when its next packet comes (that
 * packet starts a new flow with a new id) or when a sweep finds it. Every packet sweeps a
 * couple of entries, so idle flows leave even when nothing else touches them; {@link
 * #expireIdle} sweeps them all. A new SYN on a closed or reset flow also starts a new flow
 * (the port pair is reused). The table holds at most {@code maxFlows}; when it is full, a
 * new flow's packets are counted as untracked.
 *
 * <p>A flow may carry its program: the one its recorded packets name, or the one a {@link
 * FlowOwners} finds for it ({@link #attributing}), asked on the flow's first packet and given
 * to the flow when the answer comes back; the packets counted after that carry it too.
 *
 * <p>Not thread-safe: one thread counts, and reads the listings too, or locks around both.
 */
public final class FlowTable {
    private static final int SWEEP_PER_PACKET = 2;
    private static final int SWEEP_WHEN_FULL = 256;

    // TCP state bits per flow.
    private static final int INITIATOR_SYN = 1, RESPONDER_SYN_ACK = 2, ESTABLISHED = 4,
            INITIATOR_FIN = 8, RESPONDER_FIN = 16, RESET = 32, TCP = 64;
    /** The initiator is the key's second end (the key orders its ends, not the flow). */
    private static final int INITIATOR_IS_B = 128;
    private static final int SYN = 0x02, ACK = 0x10, FIN = 0x01, RST = 0x04;

    private final KeyIndex index;
    private final long idleTimeoutNanos;
    private final PacketFacts facts = new PacketFacts();
    private long[] ids = new long[0];
    private int[] states = new int[0];
    private long[] initiatorPackets = new long[0], initiatorBytes = new long[0];
    private long[] responderPackets = new long[0], responderBytes = new long[0];
    private long[] firstSeen = new long[0], lastSeen = new long[0];
    private ProcessInfo[] owners = new ProcessInfo[0];
    /** Asked for each new flow's program; null when nobody is. */
    private FlowOwners flowOwners;
    private final FlowOwners.Answers answers = this::attribute;
    private long attributedFlows;
    private long unattributedFlows;
    private long nextId = 1;
    private int sweepCursor;
    private long expired;
    private long untrackedPackets;

    /**
     * @param maxFlows    the most flows held at once
     * @param idleTimeout a flow with no packet for this long ends; {@link Duration#ZERO} keeps every flow
     */
    public FlowTable(int maxFlows, Duration idleTimeout) {
        if (maxFlows < 1) {
            throw new IllegalArgumentException("maxFlows must be at least 1, not " + maxFlows);
        }
        if (idleTimeout.isNegative()) {
            throw new IllegalArgumentException("idle timeout must not be negative: " + idleTimeout);
        }
        this.index = new KeyIndex(5, maxFlows);
        this.idleTimeoutNanos = idleTimeout.toNanos();
        growValues();
    }

    /**
     * Asks {@code flowOwners} for the program of every flow that starts from now on, and gives
     * each flow its answer: on the counting thread, when a packet is counted or flows are listed.
     */
    public FlowTable attributing(FlowOwners flowOwners) {
        this.flowOwners = flowOwners;
        return this;
    }

    /**
     * Counts a decoded packet in its flow. Packets without an IP header are not counted;
     * packets without a transport header count with ports 0.
     *
     * @param timeNanos packet time in nanoseconds since the epoch
     * @return false when the packet has no IP header or the table had no room for its flow
     */
    public boolean add(Dissection d, long timeNanos) {
        return add(d, timeNanos, null);
    }

    /**
     * Counts a decoded packet as {@link #add(Dissection, long)} does; {@code recorded} is the
     * program its recording names (its pcapng comment), which the flow takes if it has none.
     */
    public boolean add(Dissection d, long timeNanos, ProcessInfo recorded) {
        facts.read(0, d, timeNanos);
        facts.process = recorded;
        return add(facts);
    }

    /** Counts the packet {@code p} describes and fills in its flow fields. */
    boolean add(PacketFacts p) {
        if (!p.addressed) {
            return false;
        }
        collectAnswers();
        sweep(p.timeNanos, SWEEP_PER_PACKET);
        long aHigh = p.sourceHigh, aLow = p.sourceLow, bHigh = p.destinationHigh, bLow = p.destinationLow;
        int aPort = p.sourcePort, bPort = p.destinationPort;
        // One key for both directions: the lower (address, port) end first.
        int order = Long.compareUnsigned(aHigh, bHigh);
        if (order == 0) {
            order = Long.compareUnsigned(aLow, bLow);
        }
        boolean sourceIsB = order > 0 || (order == 0 && aPort > bPort);
        if (sourceIsB) {
            long t = aHigh; aHigh = bHigh; bHigh = t;
            t = aLow; aLow = bLow; bLow = t;
            int port = aPort; aPort = bPort; bPort = port;
        }
        long meta = ((long) p.vlan << 40) | ((long) p.ipProtocol << 32) | ((long) aPort << 16) | bPort;
        int entry = index.find(aHigh, aLow, bHigh, bLow, meta);
        if (entry >= 0 && (isIdle(entry, p.timeNanos) || restarts(entry, p))) {
            if (isIdle(entry, p.timeNanos)) {
                expired++;
            }
            index.remove(entry);
            entry = -1;
        }
        if (entry < 0) {
            entry = index.add(aHigh, aLow, bHigh, bLow, meta);
            if (entry < 0) {
                sweep(p.timeNanos, SWEEP_WHEN_FULL);
                entry = index.add(aHigh, aLow, bHigh, bLow, meta);
            }
            if (entry < 0) {
                untrackedPackets++;
                return false;
            }
            if (entry >= ids.length) {
                growValues();
            }
            start(entry, p, sourceIsB);
            askOwner(entry, p);
        }
        count(entry, p, sourceIsB);
        return true;
    }

    private boolean isIdle(int entry, long timeNanos) {
        return idleTimeoutNanos > 0 && timeNanos - lastSeen[entry] > idleTimeoutNanos;
    }

    /** A SYN on a flow that closed or was reset begins a new connection on the same ports. */
    private boolean restarts(int entry, PacketFacts p) {
        int state = states[entry];
        return p.isSyn() && ((state & RESET) != 0 || (state & (INITIATOR_FIN | RESPONDER_FIN)) == (INITIATOR_FIN | RESPONDER_FIN));
    }

    private void start(int entry, PacketFacts p, boolean sourceIsB) {
        // A SYN-ACK seen first means the destination opened the connection.
        boolean synAckFirst = p.hasFlags(SYN | ACK);
        boolean initiatorIsB = synAckFirst != sourceIsB;
        int state = initiatorIsB ? INITIATOR_IS_B : 0;
        if (p.isTcp()) {
            state |= TCP;
            if (synAckFirst) {
                state |= INITIATOR_SYN;
            } else if (!p.isSyn()) {
                // First seen in mid-stream: the handshake happened before we looked.
                state |= ESTABLISHED;
            }
        }
        ids[entry] = nextId++;
        states[entry] = state;
        initiatorPackets[entry] = 0;
        initiatorBytes[entry] = 0;
        responderPackets[entry] = 0;
        responderBytes[entry] = 0;
        firstSeen[entry] = p.timeNanos;
        lastSeen[entry] = p.timeNanos;
        owners[entry] = null;
        p.newFlow = true;
    }

    /** Asks the flow owners about a new flow, initiator's end first; a recorded program needs no asking. */
    private void askOwner(int entry, PacketFacts p) {
        if (flowOwners == null || p.process != null) {
            return;
        }
        boolean initiatorIsB = (states[entry] & INITIATOR_IS_B) != 0;
        long meta = index.key(entry, 4);
        int aPort = (int) (meta >>> 16) & 0xffff, bPort = (int) meta & 0xffff;
        int a = initiatorIsB ? 2 : 0, b = initiatorIsB ? 0 : 2;
        boolean asked = flowOwners.ask(entry, ids[entry], p.ipProtocol, index.key(entry, a), index.key(entry, a + 1),
                initiatorIsB ? bPort : aPort, index.key(entry, b), index.key(entry, b + 1), initiatorIsB ? aPort : bPort);
        if (!asked) {
            unattributedFlows++;
        }
    }

    /** An answer of the flow owners: the flow takes it if the table still holds the flow and it has no program yet. */
    private void attribute(int entry, long flowId, ProcessInfo process) {
        if (process == null) {
            unattributedFlows++;
            return;
        }
        attributedFlows++;
        if (entry < ids.length && index.inUse(entry) && ids[entry] == flowId && owners[entry] == null) {
            owners[entry] = process;
        }
    }

    /** Gives the flows the answers that came since the last packet. */
    private void collectAnswers() {
        if (flowOwners != null) {
            flowOwners.collect(answers);
        }
    }

    private void count(int entry, PacketFacts p, boolean sourceIsB) {
        int state = states[entry];
        boolean fromInitiator = ((state & INITIATOR_IS_B) != 0) == sourceIsB;
        if (fromInitiator) {
            initiatorPackets[entry]++;
            initiatorBytes[entry] += p.length;
        } else {
            responderPackets[entry]++;
            responderBytes[entry] += p.length;
        }
        lastSeen[entry] = Math.max(lastSeen[entry], p.timeNanos);
        int flags = p.tcpFlags;
        if (flags >= 0) {
            boolean syn = (flags & SYN) != 0, ack = (flags & ACK) != 0;
            if (syn && !ack && fromInitiator) {
                state |= INITIATOR_SYN;
            } else if (syn && ack && !fromInitiator) {
                state |= RESPONDER_SYN_ACK;
            } else if (!syn && ack && fromInitiator && (state & (RESPONDER_SYN_ACK | ESTABLISHED)) == RESPONDER_SYN_ACK) {
                state |= ESTABLISHED;
                p.handshakeCompleted = true;
            }
            if ((flags & FIN) != 0) {
                state |= fromInitiator ? INITIATOR_FIN : RESPONDER_FIN;
            }
            if ((flags & RST) != 0) {
                state |= RESET;
            }
            states[entry] = state;
        }
        if (p.process != null && owners[entry] == null) {
            owners[entry] = p.process;
        }
        p.process = owners[entry];
        p.flowId = ids[entry];
        p.fromInitiator = fromInitiator;
    }

    /** Ends every flow idle at {@code nowNanos} (packet time). */
    public void expireIdle(long nowNanos) {
        sweep(nowNanos, index.highWater());
    }

    /** Looks at the next {@code entries} entries, round robin, and ends those that are idle. */
    private void sweep(long nowNanos, int entries) {
        if (idleTimeoutNanos == 0) {
            return;
        }
        for (int i = 0; i < entries && index.highWater() > 0; i++) {
            if (sweepCursor >= index.highWater()) {
                sweepCursor = 0;
            }
            int entry = sweepCursor++;
            if (index.inUse(entry) && isIdle(entry, nowNanos)) {
                index.remove(entry);
                expired++;
            }
        }
    }

    private void growValues() {
        int capacity = index.entryCapacity();
        ids = Arrays.copyOf(ids, capacity);
        states = Arrays.copyOf(states, capacity);
        initiatorPackets = Arrays.copyOf(initiatorPackets, capacity);
        initiatorBytes = Arrays.copyOf(initiatorBytes, capacity);
        responderPackets = Arrays.copyOf(responderPackets, capacity);
        responderBytes = Arrays.copyOf(responderBytes, capacity);
        firstSeen = Arrays.copyOf(firstSeen, capacity);
        lastSeen = Arrays.copyOf(lastSeen, capacity);
        owners = Arrays.copyOf(owners, capacity);
    }

    /** Flows held now. */
    public int size() { return index.size(); }

    /** Flows begun since the table was made, including those that ended. */
    public long started() { return nextId - 1; }

    /** Flows ended by the idle timeout. */
    public long expired() { return expired; }

    /** Packets not counted because the table was full. */
    public long untrackedPackets() { return untrackedPackets; }

    /** Flows whose program the flow owners found. */
    public long attributedFlows() { return attributedFlows; }

    /** Flows the flow owners were asked about and found no program for, or could not be asked about. */
    public long unattributedFlows() { return unattributedFlows; }

    /**
     * The {@code limit} first flows in {@code order}. Picks the winners over the primitive
     * arrays and builds objects only for them: the table can hold a million flows, and a
     * listing mostly wants a page.
     */
    public List<Flow> flows(Flow.Order order, int limit) {
        collectAnswers();
        int wanted = Math.max(0, Math.min(limit, index.size()));
        // The weakest of the best so far on top, so that each entry costs O(log limit).
        PriorityQueue<Integer> best = new PriorityQueue<>(Math.max(1, wanted),
                (x, y) -> ranksAbove(order, x, y) ? 1 : ranksAbove(order, y, x) ? -1 : 0);
        for (int entry = 0; entry < index.highWater() && wanted > 0; entry++) {
            if (!index.inUse(entry)) {
                continue;
            }
            if (best.size() < wanted) {
                best.add(entry);
            } else if (ranksAbove(order, entry, best.peek())) {
                best.poll();
                best.add(entry);
            }
        }
        Flow[] flows = new Flow[best.size()];
        for (int i = flows.length - 1; i >= 0; i--) {
            flows[i] = flowAt(best.poll());
        }
        return List.of(flows);
    }

    /** A total order: ties go to the older flow (the smaller id), so a listing is the same page after page. */
    private boolean ranksAbove(Flow.Order order, int entry, int other) {
        long bytes = initiatorBytes[entry] + responderBytes[entry];
        long otherBytes = initiatorBytes[other] + responderBytes[other];
        long packets = initiatorPackets[entry] + responderPackets[entry];
        long otherPackets = initiatorPackets[other] + responderPackets[other];
        int primary = switch (order) {
            case BYTES -> bytes != otherBytes ? Long.compare(bytes, otherBytes) : Long.compare(packets, otherPackets);
            case PACKETS -> packets != otherPackets ? Long.compare(packets, otherPackets) : Long.compare(bytes, otherBytes);
            case LAST_SEEN -> Long.compare(lastSeen[entry], lastSeen[other]);
        };
        return primary != 0 ? primary > 0 : ids[entry] < ids[other];
    }

    /** The flow with this id, if the table still holds it. */
    public java.util.Optional<Flow> flow(long id) {
        collectAnswers();
        for (int entry = 0; entry < index.highWater(); entry++) {
            if (index.inUse(entry) && ids[entry] == id) {
                return java.util.Optional.of(flowAt(entry));
            }
        }
        return java.util.Optional.empty();
    }

    private Flow flowAt(int entry) {
        long meta = index.key(entry, 4);
        int state = states[entry];
        boolean initiatorIsB = (state & INITIATOR_IS_B) != 0;
        var a = Hosts.inet(index.key(entry, 0), index.key(entry, 1));
        var b = Hosts.inet(index.key(entry, 2), index.key(entry, 3));
        int aPort = (int) (meta >>> 16) & 0xffff;
        int bPort = (int) meta & 0xffff;
        return new Flow(ids[entry], (int) (meta >>> 32) & 0xff, (int) (meta >>> 40) & 0xfff,
                initiatorIsB ? b : a, initiatorIsB ? bPort : aPort, initiatorIsB ? a : b, initiatorIsB ? aPort : bPort,
                initiatorPackets[entry], initiatorBytes[entry], responderPackets[entry], responderBytes[entry],
                firstSeen[entry], lastSeen[entry], tcpState(state), owners[entry]);
    }

    private static Flow.TcpState tcpState(int state) {
        if ((state & TCP) == 0) {
            return Flow.TcpState.NONE;
        }
        if ((state & RESET) != 0) {
            return Flow.TcpState.RESET;
        }
        if ((state & (INITIATOR_FIN | RESPONDER_FIN)) == (INITIATOR_FIN | RESPONDER_FIN)) {
            return Flow.TcpState.CLOSED;
        }
        if ((state & (INITIATOR_FIN | RESPONDER_FIN)) != 0) {
            return Flow.TcpState.CLOSING;
        }
        if ((state & ESTABLISHED) != 0) {
            return Flow.TcpState.ESTABLISHED;
        }
        return (state & RESPONDER_SYN_ACK) != 0 ? Flow.TcpState.SYN_RECEIVED : Flow.TcpState.SYN_SENT;
    }

    /**
     * The {@code limit} programs with the most bytes over the flows held now, with their flows,
     * packets and bytes; flows of no known program are left out.
     */
    public List<ProgramTraffic> programs(int limit) {
        collectAnswers();
        Map<ProcessInfo, ProgramTraffic> totals = new HashMap<>();
        for (int entry = 0; entry < index.highWater(); entry++) {
            if (index.inUse(entry) && owners[entry] != null) {
                ProgramTraffic flow = new ProgramTraffic(owners[entry], 1, initiatorPackets[entry] + responderPackets[entry],
                        initiatorBytes[entry] + responderBytes[entry], firstSeen[entry], lastSeen[entry]);
                totals.merge(owners[entry], flow, ProgramTraffic::plus);
            }
        }
        return totals.values().stream()
                .sorted(Comparator.comparingLong(ProgramTraffic::bytes).thenComparingLong(ProgramTraffic::packets).reversed()
                        .thenComparingInt(t -> t.process().pid()))
                .limit(Math.max(0, limit))
                .toList();
    }

    /** The {@code limit} hosts with the most bytes, sent and received, over the flows held now; of equals, the bigger sender first. */
    public List<TopTalker> topTalkers(int limit) {
        record Host(long high, long low) {}
        Map<Host, long[]> totals = new HashMap<>();
        for (int entry = 0; entry < index.highWater(); entry++) {
            if (!index.inUse(entry)) {
                continue;
            }
            boolean initiatorIsB = (states[entry] & INITIATOR_IS_B) != 0;
            long[] a = totals.computeIfAbsent(new Host(index.key(entry, 0), index.key(entry, 1)), h -> new long[5]);
            long[] b = totals.computeIfAbsent(new Host(index.key(entry, 2), index.key(entry, 3)), h -> new long[5]);
            long[] initiator = initiatorIsB ? b : a, responder = initiatorIsB ? a : b;
            initiator[0] += initiatorPackets[entry];
            initiator[1] += initiatorBytes[entry];
            initiator[2] += responderPackets[entry];
            initiator[3] += responderBytes[entry];
            responder[0] += responderPackets[entry];
            responder[1] += responderBytes[entry];
            responder[2] += initiatorPackets[entry];
            responder[3] += initiatorBytes[entry];
            initiator[4]++;
            if (responder != initiator) {
                responder[4]++;
            }
        }
        return totals.entrySet().stream()
                .map(e -> new TopTalker(Hosts.inet(e.getKey().high(), e.getKey().low()),
                        e.getValue()[0], e.getValue()[1], e.getValue()[2], e.getValue()[3], (int) e.getValue()[4]))
                .sorted(Comparator.comparingLong(TopTalker::bytes).thenComparingLong(TopTalker::packets)
                        .thenComparingLong(TopTalker::bytesSent).reversed())
                .limit(Math.max(0, limit))
                .toList();
    }
}
