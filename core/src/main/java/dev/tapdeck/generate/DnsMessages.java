package dev.tapdeck.generate;

/**
 * DNS queries and responses (RFC 1035 §4) as a stub resolver and a recursive resolver
 * exchange them: one question, an EDNS(0) OPT record (RFC 6891), and answers whose owner
 * names are compression pointers (RFC 1035 §4.1.4) back into the question or a CNAME target.
 */
final class DnsMessages {
    static final int TYPE_A = 1;
    static final int TYPE_CNAME = 5;
    static final int TYPE_SOA = 6;
    static final int TYPE_AAAA = 28;
    static final int TYPE_OPT = 41;
    static final int RCODE_NO_ERROR = 0;
    static final int RCODE_NXDOMAIN = 3;
    static final int HEADER = 12;
    private static final int CLASS_IN = 1;
    /** Recursion desired: a stub resolver's query. */
    private static final int FLAGS_QUERY = 0x0100;
    /** Response, recursion desired and available. */
    private static final int FLAGS_RESPONSE = 0x8180;
    /** The EDNS buffer size the 2020 DNS flag day settled on, which avoids IP fragmentation. */
    private static final int EDNS_UDP_SIZE = 1232;
    private static final int POINTER = 0xC000;
    /** 192.0.2.0/24, 198.51.100.0/24 and 203.0.113.0/24 (RFC 5737). */
    private static final int[] DOCUMENTATION_NETS = {0xC0000200, 0xC6336400, 0xCB007100};

    private static final byte[] SOA_MNAME_LABEL = {3, 'n', 's', '1'};
    private static final byte[] SOA_RNAME_LABEL = {10, 'h', 'o', 's', 't', 'm', 'a', 's', 't', 'e', 'r'};

    private DnsMessages() {}

    /** @return the length of the query */
    static int writeQuery(byte[] into, int offset, int id, DomainName name, int type) {
        int o = header(into, offset, id, FLAGS_QUERY, 0, 0);
        o = question(into, o, name, type);
        return opt(into, o) - offset;
    }

    /**
     * Writes the answer to {@link #writeQuery}: with {@code cnameZone}, a CNAME to a random
     * host under it, then {@code addresses} records of the asked type for the last name.
     *
     * @return the length of the response
     */
    static int writeAnswer(byte[] into, int offset, int id, DomainName name, int type, DomainName cnameZone,
                           int addresses, SplitMix64 random) {
        int answers = addresses + (cnameZone != null ? 1 : 0);
        int o = header(into, offset, id, FLAGS_RESPONSE | RCODE_NO_ERROR, answers, 0);
        o = question(into, o, name, type);
        int owner = HEADER; // the question name
        if (cnameZone != null) {
            o = recordHeader(into, o, POINTER | HEADER, TYPE_CNAME, random.between(60, 3600));
            int rdataAt = o + 2;
            int label = random.between(6, 12);
            into[rdataAt] = (byte) label;
            for (int i = 1; i <= label; i++) {
                into[rdataAt + i] = (byte) "abcdefghijklmnopqrstuvwxyz0123456789".charAt(random.nextInt(36));
            }
            int zoneAt = rdataAt + 1 + label;
            System.arraycopy(cnameZone.wire(), 0, into, zoneAt, cnameZone.wire().length);
            int end = zoneAt + cnameZone.wire().length;
            BigEndian.put16(into, o, end - rdataAt);
            owner = rdataAt - offset;
            o = end;
        }
        int ttl = random.between(30, 600);
        for (int i = 0; i < addresses; i++) {
            o = recordHeader(into, o, POINTER | owner, type, ttl);
            if (type == TYPE_AAAA) {
                BigEndian.put16(into, o, 16);
                BigEndian.put64(into, o + 2, 0x20010db8_80000000L | (random.nextLong() & 0x7FFF_FFFFL));
                BigEndian.put64(into, o + 10, random.between(1, 0xFFFF));
                o += 18;
            } else {
                BigEndian.put16(into, o, 4);
                BigEndian.put32(into, o + 2, DOCUMENTATION_NETS[random.nextInt(3)] | random.between(1, 254));
                o += 6;
            }
        }
        return opt(into, o) - offset;
    }

    /**
     * Writes a negative answer: NXDOMAIN, or with {@link #RCODE_NO_ERROR} "no data" (the name
     * exists, the type does not). No answers; the authority section holds the SOA of the parent
     * zone, whose minimum field gives the negative-caching time (RFC 2308 §2, §3).
     *
     * @return the length of the response
     */
    static int writeNegativeAnswer(byte[] into, int offset, int id, DomainName name, int type, int rcode,
                                   SplitMix64 random) {
        int o = header(into, offset, id, FLAGS_RESPONSE | rcode, 0, 1);
        o = question(into, o, name, type);
        int zone = POINTER | (HEADER + name.parentAt());
        o = recordHeader(into, o, zone, TYPE_SOA, 300);
        int rdataAt = o + 2;
        int p = Ascii.put(into, rdataAt, SOA_MNAME_LABEL);
        BigEndian.put16(into, p, zone);
        p = Ascii.put(into, p + 2, SOA_RNAME_LABEL);
        BigEndian.put16(into, p, zone);
        p += 2;
        BigEndian.put32(into, p, 2024_03_12_00 + random.nextInt(100)); // serial, date-based
        BigEndian.put32(into, p + 4, 7200);     // refresh
        BigEndian.put32(into, p + 8, 3600);     // retry
        BigEndian.put32(into, p + 12, 1209600); // expire
        BigEndian.put32(into, p + 16, 300);     // minimum
        p += 20;
        BigEndian.put16(into, o, p - rdataAt);
        return opt(into, p) - offset;
    }

    private static int header(byte[] into, int o, int id, int flags, int answers, int authorities) {
        BigEndian.put16(into, o, id);
        BigEndian.put16(into, o + 2, flags);
        BigEndian.put16(into, o + 4, 1);
        BigEndian.put16(into, o + 6, answers);
        BigEndian.put16(into, o + 8, authorities);
        BigEndian.put16(into, o + 10, 1); // the OPT record
        return o + HEADER;
    }

    private static int question(byte[] into, int o, DomainName name, int type) {
        o = Ascii.put(into, o, name.wire());
        BigEndian.put16(into, o, type);
        BigEndian.put16(into, o + 2, CLASS_IN);
        return o + 4;
    }

    /** Writes owner, type, class and TTL. @return where RDLENGTH goes */
    private static int recordHeader(byte[] into, int o, int compressedOwner, int type, int ttl) {
        BigEndian.put16(into, o, compressedOwner);
        BigEndian.put16(into, o + 2, type);
        BigEndian.put16(into, o + 4, CLASS_IN);
        BigEndian.put32(into, o + 6, ttl);
        return o + 10;
    }

    /** The EDNS(0) pseudo-record: root owner, UDP payload size in CLASS, version 0, no options. */
    private static int opt(byte[] into, int o) {
        into[o] = 0;
        BigEndian.put16(into, o + 1, TYPE_OPT);
        BigEndian.put16(into, o + 3, EDNS_UDP_SIZE);
        BigEndian.put32(into, o + 5, 0);
        BigEndian.put16(into, o + 9, 0);
        return o + 11;
    }
}
