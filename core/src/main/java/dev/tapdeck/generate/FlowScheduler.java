package dev.tapdeck.generate;

/**
 * Interleaves many flows as on a busy link. A fixed number of slots each run one flow after
 * another, with an idle pause between them; a binary min-heap of slots ordered by the time
 * their next packet is due picks which flow sends next. Each slot owns one reusable flow
 * object of every kind, so the steady state allocates nothing.
 */
final class FlowScheduler {
    /** Mean pause before a slot starts its next flow. */
    private static final long MEAN_IDLE = 20 * Flow.MILLISECOND;
    /** Slots open their first flows spread over this span, not all at time zero. */
    private static final long RAMP_UP = 50 * Flow.MILLISECOND;

    private final FlowContext context;
    private final TcpConnection[] tcp;
    private final DnsLookup[] dns;
    private final PingSession[] ping;
    /** The flow a slot is running, or null while it idles until {@link #dueAt}. */
    private final Flow[] running;
    private final long[] dueAt;
    private final int[] heap;
    private long flowsStarted;

    FlowScheduler(FlowContext context) {
        this.context = context;
        int slots = context.mix().concurrentFlows();
        tcp = new TcpConnection[slots];
        dns = new DnsLookup[slots];
        ping = new PingSession[slots];
        running = new Flow[slots];
        dueAt = new long[slots];
        heap = new int[slots];
        for (int slot = 0; slot < slots; slot++) {
            tcp[slot] = new TcpConnection(context);
            dns[slot] = new DnsLookup(context);
            ping[slot] = new PingSession(context);
            dueAt[slot] = context.random().nextInt((int) RAMP_UP);
            heap[slot] = slot;
        }
        for (int i = slots / 2 - 1; i >= 0; i--) {
            siftDown(i);
        }
    }

    /** When the next packet on the link is due, in nanoseconds since the start. */
    long nextDueAt() {
        return dueAt[heap[0]];
    }

    /**
     * Writes the packet that is due next into the shared frame, sent at {@code now} (no earlier
     * than {@link #nextDueAt()}), and schedules that slot's next packet.
     *
     * @return the frame length
     */
    int writeDuePacket(long now) {
        int slot = heap[0];
        Flow flow = running[slot];
        if (flow == null) {
            flow = running[slot] = startFlow(slot, now);
        }
        int length = flow.writeNextPacket(now);
        if (flow.finished()) {
            running[slot] = null;
            dueAt[slot] = now + context.random().exponential(MEAN_IDLE);
        } else {
            dueAt[slot] = flow.nextPacketAt();
        }
        siftDown(0);
        return length;
    }

    long flowsStarted() {
        return flowsStarted;
    }

    private Flow startFlow(int slot, long now) {
        TrafficMix mix = context.mix();
        double roll = context.random().nextDouble() * (mix.tcpShare() + mix.dnsShare() + mix.icmpShare());
        Flow flow = roll < mix.tcpShare() ? tcp[slot]
                : roll < mix.tcpShare() + mix.dnsShare() ? dns[slot]
                : ping[slot];
        flow.start(now);
        flowsStarted++;
        return flow;
    }

    private void siftDown(int index) {
        int size = heap.length;
        int slot = heap[index];
        while (true) {
            int child = 2 * index + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && earlier(heap[child + 1], heap[child])) {
                child++;
            }
            if (!earlier(heap[child], slot)) {
                break;
            }
            heap[index] = heap[child];
            index = child;
        }
        heap[index] = slot;
    }

    /** Orders by due time, then by slot number, so that ties break the same way every run. */
    private boolean earlier(int a, int b) {
        return dueAt[a] < dueAt[b] || (dueAt[a] == dueAt[b] && a < b);
    }
}
