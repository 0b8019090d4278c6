package dev.tapdeck.generate;

/**
 * A stub resolver's lookup over UDP port 53 (RFC 1035 §4.2.1): one query, or an A and an AAAA
 * query sent back to back from the same port as glibc does, each answered by the site's
 * resolver; a cached answer comes back in about a millisecond, a recursive one takes tens.
 */
final class DnsLookup extends Flow {
    private static final int DNS_PORT = 53;

    private final int[] types = new int[2];
    private final int[] ids = new int[2];
    private final byte[] frame;
    private final UdpDatagramBuilder udp;
    private DomainName name;
    private int queries;
    private int sent;
    private int answered;
    private long firstQueryAt;
    private long resolverDelay;
    private boolean nameError;
    private DomainName cnameZone;

    DnsLookup(FlowContext context) {
        super(context);
        this.frame = context.frame();
        this.udp = context.udp();
    }

    @Override
    void begin() {
        AddressPlan addresses = context.addresses();
        connectTo(addresses.resolver(random, pickIpv6()));
        conversation.clientPort = ephemeralPort();
        conversation.serverPort = DNS_PORT;
        int roll = random.nextInt(100);
        if (roll < 45) {
            queries = 1;
            types[0] = DnsMessages.TYPE_A;
        } else if (roll < 55) {
            queries = 1;
            types[0] = DnsMessages.TYPE_AAAA;
        } else {
            queries = 2;
            types[0] = DnsMessages.TYPE_A;
            types[1] = DnsMessages.TYPE_AAAA;
        }
        ids[0] = random.nextInt(0x10000);
        ids[1] = random.nextInt(0x10000);
        name = addresses.domain(random);
        nameError = random.chance(0.03);
        cnameZone = random.chance(0.3) ? addresses.cdnZone(random) : null;
        resolverDelay = random.chance(0.6)
                ? random.between(200, 2_000) * MICROSECOND
                : roundTrip(30);
        sent = 0;
        answered = 0;
    }

    @Override
    int writeNextPacket(long now) {
        if (sent < queries) {
            int payloadAt = udp.begin(conversation, true);
            int length = udp.finish(DnsMessages.writeQuery(frame, payloadAt, ids[sent], name, types[sent]));
            if (sent == 0) {
                firstQueryAt = now;
            }
            sent++;
            next(sent < queries ? now + random.between(15, 90) * MICROSECOND : firstQueryAt + resolverDelay);
            return length;
        }
        int payloadAt = udp.begin(conversation, false);
        int type = types[answered];
        int message;
        if (nameError) {
            message = DnsMessages.writeNegativeAnswer(frame, payloadAt, ids[answered], name, type,
                    DnsMessages.RCODE_NXDOMAIN, random);
        } else if (type == DnsMessages.TYPE_AAAA && cnameZone == null && random.chance(0.2)) {
            // Plenty of names still have no IPv6 address: "no data" for AAAA.
            message = DnsMessages.writeNegativeAnswer(frame, payloadAt, ids[answered], name, type,
                    DnsMessages.RCODE_NO_ERROR, random);
        } else {
            int addresses = random.chance(0.7) ? 1 : random.chance(0.5) ? 2 : 4;
            message = DnsMessages.writeAnswer(frame, payloadAt, ids[answered], name, type, cnameZone, addresses, random);
        }
        int length = udp.finish(message);
        answered++;
        if (answered < queries) {
            next(now + random.between(10, 300) * MICROSECOND);
        } else {
            finish();
        }
        return length;
    }
}
