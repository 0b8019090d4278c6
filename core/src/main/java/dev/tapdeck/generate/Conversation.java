package dev.tapdeck.generate;

/**
 * The addressing of one flow as the tap sees it, in both directions: client host and port on
 * one side, the remote server behind the site router on the other. Mutable and reused: a
 * flow object fills it again each time it starts a new flow.
 */
final class Conversation {
    boolean ipv6;
    /** 802.1Q VLAN id of the client's segment, 0 when untagged. */
    int vlanId;
    long clientMac;
    long routerMac;
    byte[] clientAddress;
    byte[] serverAddress;
    int clientPort;
    int serverPort;
    /** TTL or hop limit as seen at the tap: the sender's initial value minus the hops so far. */
    int clientHopLimit;
    int serverHopLimit;
    /** RFC 6437: a per-flow, per-direction pseudo-random label. */
    int clientFlowLabel;
    int serverFlowLabel;
    /** Last IPv4 Identification sent in each direction. */
    int clientIpId;
    int serverIpId;
    /** DF bit on IPv4 packets: set by TCP stacks doing path MTU discovery (RFC 1191). */
    boolean dontFragment;

    /** Fills in a client → remote flow; the caller sets ports and anything protocol-specific. */
    void connect(AddressPlan.Client client, long routerMac, byte[] serverAddress, SplitMix64 random) {
        this.ipv6 = serverAddress.length == 16;
        this.vlanId = client.vlanId();
        this.clientMac = client.mac();
        this.routerMac = routerMac;
        this.clientAddress = ipv6 ? client.ipv6() : client.ipv4();
        this.serverAddress = serverAddress;
        this.clientHopLimit = 64;
        // Most servers start at 64 (Linux), some at 128 (Windows) or 255; 6 to 20 hops away.
        int serverInitial = random.chance(0.8) ? 64 : random.chance(0.5) ? 128 : 255;
        this.serverHopLimit = serverInitial - random.between(6, 20);
        this.clientFlowLabel = random.nextInt(1 << 20);
        this.serverFlowLabel = random.nextInt(1 << 20);
        this.clientIpId = random.nextInt(0x10000);
        this.serverIpId = random.nextInt(0x10000);
        this.dontFragment = false;
    }
}
