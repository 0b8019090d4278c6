package dev.tapdeck.decode;

import dev.tapdeck.file.PacketRecord;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.nio.ByteOrder;
import java.util.List;

import static dev.tapdeck.decode.TestPackets.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Decoding is on the hot path: in the steady state it allocates nothing (STYLE.md). Measured
 * with the JVM's per-thread allocation counter over many packets, after a warm-up that lets
 * the JIT compile the decoder; the bound leaves room for the counter's own noise, not for a
 * single byte per packet.
 */
class DecoderAllocationTest {
    private static final int WARM_UP_ROUNDS = 20_000;
    private static final int MEASURED_ROUNDS = 100_000;
    private static final long BOUND = 64 * 1024;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** One packet of every kind the decoder knows, some of them cut short, each in its own segment. */
    private static List<PacketRecord> packets() {
        byte[] synOptions = tcpOptions().mss(1460).sackPermitted().timestamps(1, 0).nop().windowScale(7).toBytes();
        Dns response = dns(0xbeef, Dns.FLAGS_RESPONSE, 1, 1, 0, 0).question("www.example.com", Dns.TYPE_A);
        response.pointer(12).record(Dns.TYPE_A, 60, ip("192.0.2.80"));
        byte[] dns = response.toBytes();
        byte[] loop = dns(1, Dns.FLAGS_QUERY, 1, 0, 0, 0).labels("abc").pointer(12).typeAndClass(Dns.TYPE_A).toBytes();
        byte[] quoted = ipv4("198.51.100.53", "192.0.2.1", PROTO_UDP).wrap(udp(53000, 53, dns));
        byte[] hello = clientHello().serverName("www.example.com").toBytes();
        byte[] request = ascii("GET /index.html HTTP/1.1\r\nHost: example.com\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n");
        byte[] tcpSyn = ethernet(ETHERTYPE_IPV4, ipv4("192.0.2.1", "198.51.100.2", PROTO_TCP)
                .options(sourceRoute(false, 4, "203.0.113.9"))
                .wrap(tcp(44644, 80).flags(TcpHeader.SYN).options(synOptions).build()));
        return List.of(
                record(LinkTypes.ETHERNET, tcpSyn, tcpSyn.length),
                record(LinkTypes.ETHERNET, tcpSyn, 40),
                record(LinkTypes.ETHERNET, ethernet(ETHERTYPE_VLAN, vlanTag(0, 7, ETHERTYPE_IPV4,
                        ipv4("192.0.2.1", "198.51.100.53", PROTO_UDP).wrap(udp(53, 53000, dns))))),
                record(LinkTypes.ETHERNET, ethernet(ETHERTYPE_IPV4, ipv4("192.0.2.1", "198.51.100.53", PROTO_UDP)
                        .wrap(udp(53000, 53, loop)))),
                record(LinkTypes.LINUX_SLL2, sll2(ETHERTYPE_IPV6, 1, TestPackets.ipv6("2001:db8::1", "2001:db8::2", PROTO_HOPOPTS)
                        .wrap(hopByHop(PROTO_FRAGMENT, fragmentHeader(PROTO_TCP, 0, true, 1,
                                tcp(44644, 443).wrap(hello)))))),
                record(LinkTypes.LINUX_SLL, sll(0, ETHERTYPE_ARP, arp(1, MAC_A, "10.0.0.1", 0, "10.0.0.2"))),
                record(LinkTypes.NULL, bsdNull(2, ByteOrder.LITTLE_ENDIAN, ipv4("192.0.2.1", "198.51.100.53", PROTO_ICMP)
                        .wrap(icmp(3, 3, 0, quoted)))),
                record(LinkTypes.RAW, ipv4("192.0.2.1", "198.51.100.2", PROTO_TCP).wrap(tcp(44644, 8080).wrap(request))),
                record(LinkTypes.IPV4, ipv4("192.0.2.1", "239.255.255.250", PROTO_UDP)
                        .wrap(udp(50000, 1900, ascii("M-SEARCH * HTTP/1.1\r\nST: ssdp:all\r\n\r\n")))),
                record(LinkTypes.ETHERNET, ethernet(ETHERTYPE_IPV4, ipv4("192.0.2.1", "198.51.100.2", PROTO_TCP)
                        .wrap(tcp(44644, 50443).wrap(hello)))),
                record(999, new byte[] {1, 2, 3}));
    }

    private static PacketRecord record(int linkType, byte[] packet) {
        return record(linkType, packet, packet.length);
    }

    private static PacketRecord record(int linkType, byte[] packet, int captured) {
        MemorySegment segment = MemorySegment.ofArray(java.util.Arrays.copyOf(packet, captured));
        return new PacketRecord().set(segment, 0, captured, packet.length, linkType)
                .timestamp(1_700_000_000L, 123_456_000, PacketRecord.MICROSECOND_DIGITS);
    }

    @Test
    void decodingAllocatesNothing() {
        List<PacketRecord> packets = packets();
        PacketRecord[] records = packets.toArray(new PacketRecord[0]);
        PacketDecoder decoder = new PacketDecoder();
        long sink = 0;
        for (int i = 0; i < WARM_UP_ROUNDS; i++) {
            sink += decodeAll(decoder, records);
        }
        long before = THREADS.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < MEASURED_ROUNDS; i++) {
            sink += decodeAll(decoder, records);
        }
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;

        assertThat(sink).isPositive();
        assertThat(allocated).as("bytes allocated decoding %,d packets", (long) MEASURED_ROUNDS * records.length)
                .isLessThan(BOUND);
    }

    @Test
    void printingJsonAndSummariesAllocatesNothing() {
        PacketRecord[] records = packets().toArray(new PacketRecord[0]);
        PacketDecoder decoder = new PacketDecoder();
        JsonLinesFormat json = new JsonLinesFormat();
        Utf8Builder line = new Utf8Builder(4096);
        StringBuilder out = new StringBuilder(4096);
        long sink = 0;
        for (int i = 0; i < WARM_UP_ROUNDS; i++) {
            sink += printAll(decoder, json, line, out, records);
        }
        long before = THREADS.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < MEASURED_ROUNDS; i++) {
            sink += printAll(decoder, json, line, out, records);
        }
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;

        assertThat(sink).isPositive();
        assertThat(allocated).as("bytes allocated printing %,d packets", (long) MEASURED_ROUNDS * records.length)
                .isLessThan(BOUND);
    }

    private static long decodeAll(PacketDecoder decoder, PacketRecord[] records) {
        long layers = 0;
        for (PacketRecord record : records) {
            Dissection d = decoder.decode(record);
            layers += d.layerCount() + (d.malformed() ? 1 : 0) + (d.truncated() ? 2 : 0);
        }
        return layers;
    }

    private static long printAll(PacketDecoder decoder, JsonLinesFormat json, Utf8Builder line, StringBuilder out, PacketRecord[] records) {
        long length = 0;
        for (PacketRecord record : records) {
            Dissection d = decoder.decode(record);
            json.append(record.recordNumber(), record, d, line.clear());
            length += line.length();
            out.setLength(0);
            PacketSummary.appendSource(d, out);
            PacketSummary.appendDestination(d, out);
            PacketSummary.appendProtocol(d, out);
            PacketSummary.appendInfo(d, out);
            length += out.length();
        }
        return length;
    }
}
