package dev.tapdeck.decode.detail;

import dev.tapdeck.decode.DnsMessage;
import dev.tapdeck.decode.PacketSummary;
import dev.tapdeck.decode.Protocol;
import dev.tapdeck.decode.field.FieldDef;

import java.util.ArrayList;
import java.util.List;

import static dev.tapdeck.decode.detail.ApplicationLayers.nameOr;
import static dev.tapdeck.decode.field.ApplicationFields.DNS_A;
import static dev.tapdeck.decode.field.ApplicationFields.DNS_AAAA;
import static dev.tapdeck.decode.field.ApplicationFields.DNS_CNAME;
import static dev.tapdeck.decode.field.ApplicationFields.DNS_COUNT_ADD_RR;
import static dev.tapdeck.decode.field.ApplicationFields.DNS_COUNT_ANSWERS;
import static dev.tapdeck.decode.field.ApplicationFields.DNS_COUNT_AUTH_RR;
import static dev.tapdeck.decode.field.ApplicationFields.DNS_COUNT_LABELS;
import static dev.tapdeck.decode.field.ApplicationFields.DNS_COUNT_QUERIES;
import static dev.tapdeck.decode.field.ApplicationFields.DNS_FLAGS;
import static dev.tapdeck.decode.field.ApplicationFields.DNS_FLAGS_AUTHENTICATED;
import static dev.tapdeck.decode.field.ApplicationFields.DNS_FLAGS_AUTHORITATIVE;
import static dev.tapdeck.decode.field.ApplicationFields.DNS_FLAGS_CHECKDISABLE;
import static dev.tapdeck.decode.field.ApplicationFields.DNS_FLAGS_CONFLICT;
import static dev.tapdeck.decode.field.ApplicationFields.DNS_FLAGS_OPCODE;
import static dev.tapdeck.decode.field.ApplicationFields.DNS_FLAGS_RCODE;
import static dev.tapdeck.decode.field.ApplicationFields.DNS_FLAGS_RECAVAIL;
import static dev.tapdeck.decode.field.ApplicationFields.DNS_FLAGS_RECDESIRED;
import static dev.tapdeck.decode.field.ApplicationFields.DNS_FLAGS_RESPONSE;
import static dev.tapdeck.decode.field.ApplicationFields.DNS_FLAGS_TENTATIVE;
import static dev.tapdeck.decode.field.ApplicationFields.DNS_FLAGS_TRUNCATED;
import static dev.tapdeck.decode.field.ApplicationFields.DNS_FLAGS_Z;
import static dev.tapdeck.decode.field.ApplicationFields.DNS_ID;
import static dev.tapdeck.decode.field.ApplicationFields.DNS_LENGTH;
import static dev.tapdeck.decode.field.ApplicationFields.DNS_MX_MAIL_EXCHANGE;
import static dev.tapdeck.decode.field.ApplicationFields.DNS_MX_PREFERENCE;
import static dev.tapdeck.decode.field.ApplicationFields.DNS_NS;
import static dev.tapdeck.decode.field.ApplicationFields.DNS_PROTO;
import static dev.tapdeck.decode.field.ApplicationFields.DNS_PTR_DOMAIN_NAME;
import static dev.tapdeck.decode.field.ApplicationFields.DNS_QRY_CLASS;
import static dev.tapdeck.decode.field.ApplicationFields.DNS_QRY_NAME;
import static dev.tapdeck.decode.field.ApplicationFields.DNS_QRY_NAME_LEN;
import static dev.tapdeck.decode.field.ApplicationFields.DNS_QRY_QU;
import static dev.tapdeck.decode.field.ApplicationFields.DNS_QRY_TYPE;
import static dev.tapdeck.decode.field.ApplicationFields.DNS_RESP_CACHE_FLUSH;
import static dev.tapdeck.decode.field.ApplicationFields.DNS_RESP_CLASS;
import static dev.tapdeck.decode.field.ApplicationFields.DNS_RESP_EDNS0_VERSION;
import static dev.tapdeck.decode.field.ApplicationFields.DNS_RESP_EXT_RCODE;
import static dev.tapdeck.decode.field.ApplicationFields.DNS_RESP_LEN;
import static dev.tapdeck.decode.field.ApplicationFields.DNS_RESP_NAME;
import static dev.tapdeck.decode.field.ApplicationFields.DNS_RESP_TTL;
import static dev.tapdeck.decode.field.ApplicationFields.DNS_RESP_TYPE;
import static dev.tapdeck.decode.field.ApplicationFields.DNS_RESP_Z;
import static dev.tapdeck.decode.field.ApplicationFields.DNS_RESP_Z_DO;
import static dev.tapdeck.decode.field.ApplicationFields.DNS_RESP_Z_RESERVED;
import static dev.tapdeck.decode.field.ApplicationFields.DNS_RR_UDP_PAYLOAD_SIZE;
import static dev.tapdeck.decode.field.ApplicationFields.DNS_SOA_EXPIRE_LIMIT;
import static dev.tapdeck.decode.field.ApplicationFields.DNS_SOA_MINIMUM_TTL;
import static dev.tapdeck.decode.field.ApplicationFields.DNS_SOA_MNAME;
import static dev.tapdeck.decode.field.ApplicationFields.DNS_SOA_REFRESH_INTERVAL;
import static dev.tapdeck.decode.field.ApplicationFields.DNS_SOA_RETRY_INTERVAL;
import static dev.tapdeck.decode.field.ApplicationFields.DNS_SOA_RNAME;
import static dev.tapdeck.decode.field.ApplicationFields.DNS_SOA_SERIAL_NUMBER;
import static dev.tapdeck.decode.field.ApplicationFields.DNS_SRV_NAME;
import static dev.tapdeck.decode.field.ApplicationFields.DNS_SRV_PORT;
import static dev.tapdeck.decode.field.ApplicationFields.DNS_SRV_PRIORITY;
import static dev.tapdeck.decode.field.ApplicationFields.DNS_SRV_PROTO;
import static dev.tapdeck.decode.field.ApplicationFields.DNS_SRV_SERVICE;
import static dev.tapdeck.decode.field.ApplicationFields.DNS_SRV_TARGET;
import static dev.tapdeck.decode.field.ApplicationFields.DNS_SRV_WEIGHT;
import static dev.tapdeck.decode.field.ApplicationFields.DNS_TXT;
import static dev.tapdeck.decode.field.ApplicationFields.DNS_TXT_LENGTH;
import static dev.tapdeck.decode.field.ApplicationFields.LLMNR_PROTO;
import static dev.tapdeck.decode.field.ApplicationFields.MDNS_PROTO;

/**
 * Detail nodes of a DNS message (RFC 1035 §4.1), and of mDNS and LLMNR, which Wireshark shows
 * with DNS's fields: header, flags, the questions, then the answer, authority and additional
 * records. Over TCP the message follows a two-byte length (§4.2.2), shown as {@code dns.length}.
 * Records are read from the bytes as far as they go: every loop advances through the message
 * and ends at its end, and names are read through {@link DnsMessage}, which bounds their
 * compression pointers.
 */
final class DnsLayer {
    private static final int TYPE_A = 1, TYPE_NS = 2, TYPE_CNAME = 5, TYPE_SOA = 6, TYPE_PTR = 12, TYPE_MX = 15, TYPE_TXT = 16,
            TYPE_AAAA = 28, TYPE_SRV = 33, TYPE_OPT = 41;
    /** mDNS's top bit of a class: a question's unicast-response bit (RFC 6762 §5.4), a record's cache-flush bit (§10.2). */
    private static final int MDNS_CLASS_BIT = 0x8000;

    private DnsLayer() {
    }

    static void dns(DnsMessage dns, Protocol protocol, boolean overTcp, PacketBytes bytes, int at, int payloadEnd, List<NodeBuilder> layers) {
        FieldDef layer = switch (protocol) {
            case MDNS -> MDNS_PROTO;
            case LLMNR -> LLMNR_PROTO;
            default -> DNS_PROTO;
        };
        NodeBuilder node = NodeBuilder.protocol(bytes, layer, layer.label() + " (" + (dns.isResponse() ? "response" : "query") + ")",
                at, payloadEnd - at);
        layers.add(node);
        int end = Math.min(payloadEnd, bytes.captured());
        if (overTcp) {
            int length = bytes.u16(at);
            node.field(DNS_LENGTH, length, at, 2);
            end = Math.min(end, at + 2 + length);
        }
        int message = dns.offset();
        node.number(DNS_ID, dns.id(), message, 2);
        flags(node, dns, protocol == Protocol.LLMNR, message + 2);
        node.field(DNS_COUNT_QUERIES, dns.questionCount(), message + 4, 2);
        node.field(DNS_COUNT_ANSWERS, dns.answerCount(), message + 6, 2);
        node.field(DNS_COUNT_AUTH_RR, dns.authorityCount(), message + 8, 2);
        node.field(DNS_COUNT_ADD_RR, dns.additionalCount(), message + 10, 2);
        boolean mdns = protocol == Protocol.MDNS;
        int p = questions(node, dns, mdns, bytes, message + 12, end);
        p = records(node, "Answers", dns.answerCount(), dns, mdns, bytes, p, end);
        p = records(node, "Authoritative nameservers", dns.authorityCount(), dns, mdns, bytes, p, end);
        records(node, "Additional records", dns.additionalCount(), dns, mdns, bytes, p, end);
    }

    /** The flags as Wireshark shows them: a query's and a response's differ, and LLMNR's (RFC 4795 §2.1.1) are its own. */
    private static void flags(NodeBuilder node, DnsMessage dns, boolean llmnr, int at) {
        int flags = dns.flags();
        boolean response = dns.isResponse();
        String value = NodeBuilder.valueText(DNS_FLAGS, flags);
        String summary = nameOr(DNS_FLAGS_OPCODE, dns.opcode(), "Opcode " + dns.opcode())
                + (response ? " response, " + nameOr(DNS_FLAGS_RCODE, dns.responseCode(), "Unknown error") : "");
        NodeBuilder field = node.labelledField(DNS_FLAGS, DNS_FLAGS.label() + ": " + value + " " + summary, value, at, 2);
        field.flag(DNS_FLAGS_RESPONSE, flags, at, 2);
        field.bits(DNS_FLAGS_OPCODE, flags, at, 2);
        if (llmnr) {
            if (response) {
                // A response's conflict bit says whether the name is unique (RFC 4795 §2.1.1).
                boolean conflict = (flags & (int) DNS_FLAGS_CONFLICT.bitmask()) != 0;
                field.bitField(DNS_FLAGS_CONFLICT, conflict ? "The name is not considered unique" : "The name is considered unique",
                        conflict ? "1" : "0", flags, (int) DNS_FLAGS_CONFLICT.bitmask(), 16, at, 2);
            } else {
                field.flag(DNS_FLAGS_CONFLICT, flags, at, 2);
            }
            field.flag(DNS_FLAGS_TRUNCATED, flags, at, 2);
            field.flag(DNS_FLAGS_TENTATIVE, flags, at, 2);
        } else {
            if (response) {
                field.flag(DNS_FLAGS_AUTHORITATIVE, flags, at, 2);
            }
            field.flag(DNS_FLAGS_TRUNCATED, flags, at, 2);
            field.flag(DNS_FLAGS_RECDESIRED, flags, at, 2);
            if (response) {
                field.flag(DNS_FLAGS_RECAVAIL, flags, at, 2);
            }
            field.flag(DNS_FLAGS_Z, flags, at, 2);
            if (response) {
                field.flag(DNS_FLAGS_AUTHENTICATED, flags, at, 2);
            }
            field.flag(DNS_FLAGS_CHECKDISABLE, flags, at, 2);
        }
        if (response) {
            field.bits(DNS_FLAGS_RCODE, flags, at, 2);
        }
    }

    /** The question section; returns where it ends, or {@code end} when a question runs past the message. */
    private static int questions(NodeBuilder node, DnsMessage dns, boolean mdns, PacketBytes bytes, int from, int end) {
        List<int[]> found = new ArrayList<>();
        int p = from;
        for (int i = 0; i < dns.questionCount(); i++) {
            int nameEnd = dns.nameEnd(p);
            if (nameEnd < 0 || nameEnd + 4 > end) {
                p = end;
                break;
            }
            found.add(new int[] {p, nameEnd});
            p = nameEnd + 4;
        }
        if (found.isEmpty()) {
            return p;
        }
        NodeBuilder queries = node.text("Queries", from, found.getLast()[1] + 4 - from);
        for (int[] question : found) {
            int at = question[0];
            int nameEnd = question[1];
            String name = name(dns, at);
            int type = bytes.u16(nameEnd);
            int rawClass = bytes.u16(nameEnd + 2);
            int questionClass = mdns ? rawClass & ~MDNS_CLASS_BIT : rawClass;
            String line = name + ": type " + PacketSummary.recordTypeName(type) + ", class " + className(questionClass)
                    + (mdns ? (rawClass & MDNS_CLASS_BIT) != 0 ? ", \"QU\" question" : ", \"QM\" question" : "");
            NodeBuilder entry = queries.text(line, at, nameEnd + 4 - at);
            entry.field(DNS_QRY_NAME, name, at, nameEnd - at);
            entry.field(DNS_QRY_NAME_LEN, nameLength(name), at, nameEnd - at);
            entry.field(DNS_COUNT_LABELS, labelCount(name), at, nameEnd - at);
            entry.number(DNS_QRY_TYPE, type, nameEnd, 2);
            dnsClass(entry, DNS_QRY_CLASS, mdns ? DNS_QRY_QU : null, rawClass, nameEnd + 2);
        }
        return p;
    }

    /** A class, and under mDNS the bit its top holds: Wireshark shows the class then as the word's other 15 bits. */
    private static void dnsClass(NodeBuilder entry, FieldDef classField, FieldDef mdnsBit, int rawClass, int at) {
        if (mdnsBit == null) {
            entry.number(classField, rawClass, at, 2);
            return;
        }
        int value = rawClass & ~MDNS_CLASS_BIT;
        entry.bitField(classField, NodeBuilder.shown(classField, value), NodeBuilder.valueText(classField, value), rawClass, ~MDNS_CLASS_BIT & 0xffff, 16, at, 2);
        entry.flag(mdnsBit, rawClass, at, 2);
    }

    /** One resource record's parts, found before its lines are made. */
    private record Record(int at, int nameEnd, int type, int rawClass, long ttl, int dataAt, int dataLength) {
        int end() {
            return dataAt + dataLength;
        }
    }

    /**
     * One record section (RFC 1035 §4.1.3): a line named {@code title} holding a line per
     * record, as far as the records lie within the message. Returns where the section ends.
     */
    private static int records(NodeBuilder node, String title, int count, DnsMessage dns, boolean mdns, PacketBytes bytes, int from, int end) {
        List<Record> found = new ArrayList<>();
        int p = from;
        for (int i = 0; i < count && p < end; i++) {
            int nameEnd = dns.nameEnd(p);
            int dataLength = nameEnd < 0 || nameEnd + 10 > end ? -1 : bytes.u16(nameEnd + 8);
            if (dataLength < 0 || nameEnd + 10 + dataLength > end) {
                // A record that runs past the message ends the sections; those before it show.
                p = end;
                break;
            }
            found.add(new Record(p, nameEnd, bytes.u16(nameEnd), bytes.u16(nameEnd + 2), bytes.u32(nameEnd + 4), nameEnd + 10, dataLength));
            p = nameEnd + 10 + dataLength;
        }
        if (found.isEmpty()) {
            return p;
        }
        NodeBuilder section = node.text(title, from, found.getLast().end() - from);
        for (Record record : found) {
            record(section, dns, mdns, bytes, record);
        }
        return p;
    }

    private static void record(NodeBuilder section, DnsMessage dns, boolean mdns, PacketBytes bytes, Record r) {
        String name = name(dns, r.at());
        String typeName = PacketSummary.recordTypeName(r.type());
        if (r.type() == TYPE_OPT) {
            // EDNS (RFC 6891 §6.1.2): the class is the UDP payload size, the TTL the extended rcode, version and flags.
            NodeBuilder entry = section.text(name + ": type " + typeName, r.at(), r.end() - r.at());
            entry.field(DNS_RESP_NAME, name, r.at(), r.nameEnd() - r.at());
            entry.number(DNS_RESP_TYPE, r.type(), r.nameEnd(), 2);
            if (mdns) {
                // Under mDNS the class's top bit is the cache-flush bit, as for any record.
                entry.bits(DNS_RR_UDP_PAYLOAD_SIZE, r.rawClass(), r.nameEnd() + 2, 2);
                entry.flag(DNS_RESP_CACHE_FLUSH, r.rawClass(), r.nameEnd() + 2, 2);
            } else {
                entry.field(DNS_RR_UDP_PAYLOAD_SIZE, r.rawClass(), r.nameEnd() + 2, 2);
            }
            entry.number(DNS_RESP_EXT_RCODE, r.ttl() >>> 24, r.nameEnd() + 4, 1);
            entry.field(DNS_RESP_EDNS0_VERSION, (r.ttl() >>> 16) & 0xff, r.nameEnd() + 5, 1);
            int z = (int) (r.ttl() & 0xffff);
            NodeBuilder zField = entry.number(DNS_RESP_Z, z, r.nameEnd() + 6, 2);
            zField.flag(DNS_RESP_Z_DO, z, r.nameEnd() + 6, 2);
            zField.bits(DNS_RESP_Z_RESERVED, z, r.nameEnd() + 6, 2);
            entry.field(DNS_RESP_LEN, r.dataLength(), r.nameEnd() + 8, 2);
            return;
        }
        int recordClass = mdns ? r.rawClass() & ~MDNS_CLASS_BIT : r.rawClass();
        StringBuilder line = new StringBuilder(name).append(": type ").append(typeName).append(", class ").append(className(recordClass));
        if (mdns && (r.rawClass() & MDNS_CLASS_BIT) != 0) {
            line.append(", cache flush");
        }
        line.append(dataSummary(dns, bytes, r));
        NodeBuilder entry = section.text(line.toString(), r.at(), r.end() - r.at());
        String[] srv = name.split("\\.", 3);
        if (r.type() == TYPE_SRV && srv.length == 3) {
            // Wireshark shows an SRV record's owner name as its service, protocol and domain (RFC 2782).
            entry.field(DNS_SRV_SERVICE, srv[0], r.at(), r.nameEnd() - r.at());
            entry.field(DNS_SRV_PROTO, srv[1], r.at(), r.nameEnd() - r.at());
            entry.field(DNS_SRV_NAME, srv[2], r.at(), r.nameEnd() - r.at());
        } else {
            entry.field(DNS_RESP_NAME, name, r.at(), r.nameEnd() - r.at());
        }
        entry.number(DNS_RESP_TYPE, r.type(), r.nameEnd(), 2);
        dnsClass(entry, DNS_RESP_CLASS, mdns ? DNS_RESP_CACHE_FLUSH : null, r.rawClass(), r.nameEnd() + 2);
        entry.labelledField(DNS_RESP_TTL, DNS_RESP_TTL.label() + ": " + r.ttl() + " (" + duration(r.ttl()) + ")", Long.toString(r.ttl()), r.nameEnd() + 4, 4);
        entry.field(DNS_RESP_LEN, r.dataLength(), r.nameEnd() + 8, 2);
        data(entry, dns, bytes, r);
    }

    /** What the record's line says of its data: {@code , addr 192.0.2.1}, {@code , cname www.example.com}. */
    private static String dataSummary(DnsMessage dns, PacketBytes bytes, Record r) {
        int at = r.dataAt();
        return switch (r.type()) {
            case TYPE_A -> r.dataLength() == 4 ? ", addr " + bytes.ipv4(at) : "";
            case TYPE_AAAA -> r.dataLength() == 16 ? ", addr " + bytes.ipv6(at) : "";
            case TYPE_CNAME -> hasName(dns, r, at) ? ", cname " + name(dns, at) : "";
            case TYPE_NS -> hasName(dns, r, at) ? ", ns " + name(dns, at) : "";
            case TYPE_PTR -> hasName(dns, r, at) ? ", " + name(dns, at) : "";
            case TYPE_SOA -> hasName(dns, r, at) ? ", mname " + name(dns, at) : "";
            case TYPE_MX -> r.dataLength() > 2 && hasName(dns, r, at + 2) ? ", preference " + bytes.u16(at) + ", mx " + name(dns, at + 2) : "";
            case TYPE_SRV -> r.dataLength() > 6 && hasName(dns, r, at + 6)
                    ? ", priority %d, weight %d, port %d, target %s".formatted(bytes.u16(at), bytes.u16(at + 2), bytes.u16(at + 4), name(dns, at + 6)) : "";
            default -> "";
        };
    }

    /** The record's data, for the types Wireshark's fields name. */
    private static void data(NodeBuilder entry, DnsMessage dns, PacketBytes bytes, Record r) {
        int at = r.dataAt();
        switch (r.type()) {
            case TYPE_A -> {
                if (r.dataLength() == 4) {
                    entry.field(DNS_A, bytes.ipv4(at), at, 4);
                }
            }
            case TYPE_AAAA -> {
                if (r.dataLength() == 16) {
                    entry.field(DNS_AAAA, bytes.ipv6(at), at, 16);
                }
            }
            case TYPE_CNAME -> nameField(entry, DNS_CNAME, dns, r, at);
            case TYPE_NS -> nameField(entry, DNS_NS, dns, r, at);
            case TYPE_PTR -> nameField(entry, DNS_PTR_DOMAIN_NAME, dns, r, at);
            case TYPE_MX -> {
                if (r.dataLength() >= 2) {
                    entry.field(DNS_MX_PREFERENCE, bytes.u16(at), at, 2);
                    nameField(entry, DNS_MX_MAIL_EXCHANGE, dns, r, at + 2);
                }
            }
            case TYPE_TXT -> {
                // One or more length-prefixed strings (RFC 1035 §3.3.14).
                int p = at;
                while (p < r.end() && p + 1 + bytes.u8(p) <= r.end()) {
                    int length = bytes.u8(p);
                    entry.field(DNS_TXT_LENGTH, length, p, 1);
                    entry.field(DNS_TXT, bytes.ascii(p + 1, length), p + 1, length);
                    p += 1 + length;
                }
            }
            case TYPE_SOA -> soa(entry, dns, bytes, r);
            case TYPE_SRV -> {
                if (r.dataLength() >= 6) {
                    entry.field(DNS_SRV_PRIORITY, bytes.u16(at), at, 2);
                    entry.field(DNS_SRV_WEIGHT, bytes.u16(at + 2), at + 2, 2);
                    entry.field(DNS_SRV_PORT, bytes.u16(at + 4), at + 4, 2);
                    nameField(entry, DNS_SRV_TARGET, dns, r, at + 6);
                }
            }
            default -> { }
        }
    }

    /** SOA (RFC 1035 §3.3.13): two names, then five 32-bit numbers, four of them times. */
    private static void soa(NodeBuilder entry, DnsMessage dns, PacketBytes bytes, Record r) {
        int mname = r.dataAt();
        if (!nameField(entry, DNS_SOA_MNAME, dns, r, mname)) {
            return;
        }
        int rname = dns.nameEnd(mname);
        if (!nameField(entry, DNS_SOA_RNAME, dns, r, rname)) {
            return;
        }
        int numbers = dns.nameEnd(rname);
        if (numbers + 20 > r.end()) {
            return;
        }
        entry.field(DNS_SOA_SERIAL_NUMBER, bytes.u32(numbers), numbers, 4);
        FieldDef[] times = {DNS_SOA_REFRESH_INTERVAL, DNS_SOA_RETRY_INTERVAL, DNS_SOA_EXPIRE_LIMIT, DNS_SOA_MINIMUM_TTL};
        for (int i = 0; i < times.length; i++) {
            long seconds = bytes.u32(numbers + 4 + 4 * i);
            entry.labelledField(times[i], times[i].label() + ": " + seconds + " (" + duration(seconds) + ")", Long.toString(seconds), numbers + 4 + 4 * i, 4);
        }
    }

    /** A name in the record's data at {@code at}; false when it does not end within the data. */
    private static boolean nameField(NodeBuilder entry, FieldDef field, DnsMessage dns, Record r, int at) {
        if (!hasName(dns, r, at)) {
            return false;
        }
        entry.field(field, name(dns, at), at, dns.nameEnd(at) - at);
        return true;
    }

    private static boolean hasName(DnsMessage dns, Record r, int at) {
        int nameEnd = at < r.end() ? dns.nameEnd(at) : -1;
        return nameEnd > at && nameEnd <= r.end();
    }

    private static String name(DnsMessage dns, int at) {
        StringBuilder name = new StringBuilder();
        dns.appendName(at, name);
        return name.toString();
    }

    /** Wireshark's name length: the name's characters, none for the root. */
    private static int nameLength(String name) {
        return name.equals("<Root>") ? 0 : name.length();
    }

    private static int labelCount(String name) {
        return name.equals("<Root>") ? 0 : (int) name.chars().filter(c -> c == '.').count() + 1;
    }

    private static String className(int dnsClass) {
        return nameOr(DNS_QRY_CLASS, dnsClass, "Unknown");
    }

    /** A number of seconds as Wireshark words it: {@code 2 hours, 5 minutes}, {@code 0 seconds}. */
    static String duration(long seconds) {
        if (seconds == 0) {
            return "0 seconds";
        }
        long[] amounts = {seconds / 86_400, seconds / 3_600 % 24, seconds / 60 % 60, seconds % 60};
        String[] units = {"day", "hour", "minute", "second"};
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < amounts.length; i++) {
            if (amounts[i] != 0) {
                text.append(text.isEmpty() ? "" : ", ").append(amounts[i]).append(' ').append(units[i]).append(amounts[i] == 1 ? "" : "s");
            }
        }
        return text.toString();
    }
}
