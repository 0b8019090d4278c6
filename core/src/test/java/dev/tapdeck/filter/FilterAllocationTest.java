package dev.tapdeck.filter;

import dev.tapdeck.decode.field.PacketFields;
import dev.tapdeck.file.PacketRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Evaluating a filter is on the hot path: over fields with flyweight readers it allocates
 * nothing in the steady state (STYLE.md). Measured as DecoderAllocationTest measures the
 * decoder, over the packets of two real captures (HTTP, TLS) read through {@link PacketFields}; the bound
 * leaves room for the counter's own noise, not for a byte per packet.
 */
class FilterAllocationTest {
    private static final int WARM_UP_ROUNDS = 500;
    private static final int MEASURED_ROUNDS = 2_000;
    private static final long BOUND = 64 * 1024;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @ParameterizedTest
    @ValueSource(strings = {
            "tcp.port == 443 && ip.len > 100",
            "tcp.port in {80, 443, 8000..8080} || udp.port == 53",
            "ip.addr == 145.254.0.0/16 && !(tcp.flags & 0x12 == 0x12)",
            "eth.src[0:3] == 00:00:01 || eth.dst[0,2,4] == 00:00:00",
            "tcp.srcport != tcp.dstport && frame.len - frame.cap_len == 0 && tcp.flags.syn == False",
            "tcp.seq > 1000 && ip.ttl >= 64 && frame.time_relative > 1.5 && count(ip.addr) == 2",
    })
    void evaluatingAllocatesNothing(String text) throws Exception {
        DisplayFilter filter = DisplayFilter.compile(text);
        List<PacketRecord> both = new ArrayList<>(CorpusPackets.read("dpkt-http.pcap"));
        both.addAll(CorpusPackets.read("pcpp-tls.pcap"));
        PacketRecord[] packets = both.toArray(new PacketRecord[0]);
        PacketFields fields = new PacketFields();
        long reference = CorpusPackets.epochNanos(packets[0]);
        long matched = 0;
        for (int i = 0; i < WARM_UP_ROUNDS; i++) {
            matched += matchAll(filter, fields, packets, reference);
        }
        long before = THREADS.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < MEASURED_ROUNDS; i++) {
            matched += matchAll(filter, fields, packets, reference);
        }
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;

        assertThat(matched).isPositive();
        assertThat(allocated).as("bytes allocated filtering %,d packets with %s", (long) MEASURED_ROUNDS * packets.length, text)
                .isLessThan(BOUND);
    }

    private static long matchAll(DisplayFilter filter, PacketFields fields, PacketRecord[] packets, long reference) {
        long matched = 0;
        for (int i = 0; i < packets.length; i++) {
            if (filter.matches(fields.wrap(i + 1, packets[i], reference))) {
                matched++;
            }
        }
        return matched;
    }
}
