package dev.tapdeck.generate;

/**
 * One flow on the link, producing its packets one at a time and saying when the next one is
 * due. Time is in nanoseconds since the start of the capture. A flow object is reused: each
 * {@link #start} begins a fresh flow of its kind, so a long run allocates no flows.
 */
abstract sealed class Flow permits TcpConnection, DnsLookup, PingSession {
    static final long MICROSECOND = 1_000;
    static final long MILLISECOND = 1_000_000;
    static final long SECOND = 1_000_000_000;
    /** Linux picks client ports from 32768-60999 (net.ipv4.ip_local_port_range). */
    static final int FIRST_EPHEMERAL_PORT = 32_768;
    static final int LAST_EPHEMERAL_PORT = 60_999;

    final Conversation conversation = new Conversation();
    final FlowContext context;
    final SplitMix64 random;
    private long nextPacketAt;
    private boolean finished;

    Flow(FlowContext context) {
        this.context = context;
        this.random = context.random();
    }

    /** Begins a new flow whose first packet is due at {@code at}. */
    final void start(long at) {
        nextPacketAt = at;
        finished = false;
        begin();
    }

    /** Chooses the new flow's endpoints and parameters. */
    abstract void begin();

    /**
     * Writes the next packet into the shared frame as sent at {@code now} (never before it was
     * due: the link may have been busy), then plans the following one with {@link #next} or
     * {@link #finish}.
     *
     * @return the frame length
     */
    abstract int writeNextPacket(long now);

    final long nextPacketAt() {
        return nextPacketAt;
    }

    final boolean finished() {
        return finished;
    }

    final void next(long at) {
        nextPacketAt = at;
    }

    final void finish() {
        finished = true;
    }

    /** Reaction time of a host's own stack, as the tap beside it sees it. */
    final long localReaction() {
        return random.between(8_000, 60_000);
    }

    /** Round-trip time to a remote host: log-normal around {@code medianMillis}, 0.3 ms to 600 ms. */
    final long roundTrip(double medianMillis) {
        double millis = random.logNormal(StrictMath.log(medianMillis), 0.8);
        return (long) (Math.clamp(millis, 0.3, 600.0) * MILLISECOND);
    }

    final int ephemeralPort() {
        return random.between(FIRST_EPHEMERAL_PORT, LAST_EPHEMERAL_PORT);
    }

    /** Points the conversation from a random site client, through its router, to {@code remoteAddress}. */
    final void connectTo(byte[] remoteAddress) {
        AddressPlan addresses = context.addresses();
        AddressPlan.Client client = addresses.client(random);
        conversation.connect(client, addresses.routerMac(client.vlanId()), remoteAddress, random);
    }

    /** Whether the next flow uses IPv6, by the mix's share. */
    final boolean pickIpv6() {
        return random.chance(context.mix().ipv6Share());
    }
}
