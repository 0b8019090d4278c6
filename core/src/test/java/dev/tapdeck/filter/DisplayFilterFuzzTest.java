package dev.tapdeck.filter;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tapdeck.decode.LinkTypes;
import dev.tapdeck.decode.TcpHeader;
import dev.tapdeck.decode.field.PacketFields;
import dev.tapdeck.file.PacketRecord;

import java.lang.foreign.MemorySegment;
import java.util.List;

import static dev.tapdeck.decode.TestPackets.ETHERTYPE_ARP;
import static dev.tapdeck.decode.TestPackets.ETHERTYPE_IPV4;
import static dev.tapdeck.decode.TestPackets.ETHERTYPE_IPV6;
import static dev.tapdeck.decode.TestPackets.MAC_A;
import static dev.tapdeck.decode.TestPackets.PROTO_TCP;
import static dev.tapdeck.decode.TestPackets.PROTO_UDP;
import static dev.tapdeck.decode.TestPackets.arp;
import static dev.tapdeck.decode.TestPackets.ascii;
import static dev.tapdeck.decode.TestPackets.dns;
import static dev.tapdeck.decode.TestPackets.ethernet;
import static dev.tapdeck.decode.TestPackets.ipv4;
import static dev.tapdeck.decode.TestPackets.ipv6;
import static dev.tapdeck.decode.TestPackets.tcp;
import static dev.tapdeck.decode.TestPackets.udp;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Any text, compiled as a display filter and, when it compiles, evaluated over a few packets
 * of different kinds: the only exception that may come out is a {@link FilterException} with
 * a message and a place inside the text, and nothing hangs (Jazzer's per-input timeout) or
 * overflows the stack (the parser bounds the nesting).
 */
class DisplayFilterFuzzTest {
    private static final List<PacketRecord> PACKETS = List.of(
            record(ethernet(ETHERTYPE_IPV4, ipv4("192.0.2.1", "198.51.100.2", PROTO_TCP)
                    .wrap(tcp(44644, 80).flags(TcpHeader.ACK | TcpHeader.PSH).wrap(ascii("GET / HTTP/1.1\r\nHost: a\r\n\r\n"))))),
            record(ethernet(ETHERTYPE_IPV4, ipv4("192.0.2.1", "198.51.100.53", PROTO_UDP)
                    .wrap(udp(53000, 53, dns(1, 0x0100, 1, 0, 0, 0).question("www.example.com", 1).toBytes())))),
            record(ethernet(ETHERTYPE_IPV6, ipv6("fe80::1", "ff02::1", PROTO_UDP).wrap(udp(546, 547, new byte[8])))),
            record(ethernet(ETHERTYPE_ARP, arp(1, MAC_A, "10.0.0.1", 0, "10.0.0.2"))),
            record(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 8, 0, 0x45, 0}));

    private final PacketFields fields = new PacketFields();

    private static PacketRecord record(byte[] bytes) {
        return new PacketRecord().set(MemorySegment.ofArray(bytes), 0, bytes.length, bytes.length, LinkTypes.ETHERNET)
                .timestamp(1_700_000_000L, 0, PacketRecord.MICROSECOND_DIGITS);
    }

    @FuzzTest
    void compilesAndEvaluatesAnyText(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        DisplayFilter filter;
        try {
            filter = DisplayFilter.compile(text);
        } catch (FilterException e) {
            assertThat(e.getMessage()).isNotBlank();
            assertThat(e.position()).isBetween(-1, text.length());
            assertThat(e.position() < 0 || e.length() >= 1).isTrue();
            assertThat(e.formatted()).startsWith(e.getMessage());
            return;
        }
        assertThat(filter.text()).isEqualTo(text);
        for (int i = 0; i < PACKETS.size(); i++) {
            filter.matches(fields.wrap(i + 1, PACKETS.get(i), 1_700_000_000_000_000_000L));
        }
    }
}
