package dev.tapdeck.generate;

/**
 * Who talks on the simulated link: a site of client hosts (some of them on 802.1Q VLANs)
 * behind one router per VLAN, the remote servers and resolvers they reach, and the names
 * they look up. Built once per run from the seed; flows pick from it so that addresses
 * repeat as they do on a real network.
 *
 * <p>Every address comes from a range reserved for documentation or private use, so a
 * generated capture never names a real host:
 * <ul>
 *   <li>client IPv4 in 10.0.0.0/8 (RFC 1918), one /16 per VLAN, resolvers 10.0.0.53 and
 *       192.0.2.53;</li>
 *   <li>server IPv4 in 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24 (RFC 5737);</li>
 *   <li>all IPv6 in 2001:db8::/32 (RFC 3849): clients in 2001:db8:0:VLAN::/64 with random
 *       interface identifiers (RFC 8981), resolvers in 2001:db8:0:5300::/64, servers in
 *       2001:db8:8000::/33;</li>
 *   <li>router MACs in 00-00-5E-00-53-00/24, the IANA block for documentation (RFC 7042
 *       §2.1.2); client MACs random, locally administered and unicast (IEEE 802, bit 1 of
 *       the first octet set, bit 0 clear);</li>
 *   <li>names under example.com, example.net, example.org and .example (RFC 2606).</li>
 * </ul>
 */
final class AddressPlan {
    /** VLAN ids of the tagged client segments; 0 stands for the untagged one. */
    private static final int[] TAGGED_VLANS = {10, 20, 100, 3001};
    private static final int CLIENTS = 2048;
    private static final int SERVERS_PER_FAMILY = 700;
    private static final int DOMAINS = 4096;

    private static final String[] SERVICE_LABELS = {
            "www", "api", "cdn", "static", "img", "auth", "login", "shop", "news", "video", "m",
            "docs", "assets", "edge", "update", "telemetry", "files", "media", "app", "mail"};
    private static final String[] ZONES = {"example.com", "example.net", "example.org", "example"};
    private static final String[] CDN_ZONES = {"cdn.example.net", "edge.example.com", "static.example.org"};

    /** One client machine: its MAC, its addresses and the VLAN its port is in (0 = untagged). */
    record Client(long mac, byte[] ipv4, byte[] ipv6, int vlanId) {}

    private final Client[] clients = new Client[CLIENTS];
    private final long[] routerMacs = new long[TAGGED_VLANS.length + 1];
    private final byte[][] servers4 = new byte[SERVERS_PER_FAMILY][];
    private final byte[][] servers6 = new byte[SERVERS_PER_FAMILY][];
    private final byte[][] resolvers4 = {{10, 0, 0, 53}, {(byte) 192, 0, 2, 53}};
    private final byte[][] resolvers6 = {ipv6(0x20010db8_00005300L, 0x53), ipv6(0x20010db8_00005300L, 0x5353)};
    private final DomainName[] domains = new DomainName[DOMAINS];
    private final DomainName[] cdnZones = new DomainName[CDN_ZONES.length];

    AddressPlan(SplitMix64 random, double vlanShare) {
        for (int i = 0; i < routerMacs.length; i++) {
            routerMacs[i] = 0x00005E005300L | (0x10 + i);
        }
        for (int i = 0; i < CLIENTS; i++) {
            int vlan = random.chance(vlanShare) ? random.pick(TAGGED_VLANS) : 0;
            long mac = (random.nextLong() & 0xFCFF_FFFF_FFFFL) | 0x0200_0000_0000L;
            int subnet = vlan == 0 ? 1 : vlan & 0xFF;
            byte[] v4 = {10, (byte) subnet, (byte) random.nextInt(256), (byte) random.between(1, 254)};
            byte[] v6 = ipv6(0x20010db8_00000000L | vlan, random.nextLong());
            clients[i] = new Client(mac, v4, v6, vlan);
        }
        byte[][] documentationNets = {{(byte) 192, 0, 2}, {(byte) 198, 51, 100}, {(byte) 203, 0, 113}};
        for (int i = 0; i < SERVERS_PER_FAMILY; i++) {
            byte[] net = random.pick(documentationNets);
            servers4[i] = new byte[] {net[0], net[1], net[2], (byte) random.between(1, 254)};
            long prefix = 0x20010db8_00000000L | 0x8000_0000L | (random.nextLong() & 0x7FFF_FFFFL);
            // Servers get short, hand-assigned interface identifiers, as operators number them.
            servers6[i] = ipv6(prefix, random.between(1, 0xFFFF));
        }
        for (int i = 0; i < DOMAINS; i++) {
            domains[i] = DomainName.of(random.pick(SERVICE_LABELS) + "." + letters(random, 4, 10) + "." + random.pick(ZONES));
        }
        for (int i = 0; i < CDN_ZONES.length; i++) {
            cdnZones[i] = DomainName.of(CDN_ZONES[i]);
        }
    }

    Client client(SplitMix64 random) {
        return clients[random.nextInt(clients.length)];
    }

    long routerMac(int vlanId) {
        for (int i = 0; i < TAGGED_VLANS.length; i++) {
            if (TAGGED_VLANS[i] == vlanId) {
                return routerMacs[i + 1];
            }
        }
        return routerMacs[0];
    }

    byte[] server(SplitMix64 random, boolean ipv6) {
        return random.pick(ipv6 ? servers6 : servers4);
    }

    byte[] resolver(SplitMix64 random, boolean ipv6) {
        return random.pick(ipv6 ? resolvers6 : resolvers4);
    }

    DomainName domain(SplitMix64 random) {
        return domains[random.nextInt(domains.length)];
    }

    DomainName cdnZone(SplitMix64 random) {
        return random.pick(cdnZones);
    }

    static String letters(SplitMix64 random, int minLength, int maxLength) {
        char[] chars = new char[random.between(minLength, maxLength)];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = (char) ('a' + random.nextInt(26));
        }
        return new String(chars);
    }

    private static byte[] ipv6(long high, long low) {
        byte[] address = new byte[16];
        BigEndian.put64(address, 0, high);
        BigEndian.put64(address, 8, low);
        return address;
    }
}
