package dev.tapdeck.decode.detail;

import dev.tapdeck.file.CaptureFiles;
import dev.tapdeck.file.CaptureReader;
import dev.tapdeck.file.PacketRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Corpus packets with damaged bytes: DNS records, TLS records and extensions, HTTP headers,
 * IP and TCP options whose lengths and pointers lie. The tree is built from any of them
 * without an exception and in bounded time, and its nodes stay within the capture.
 */
class PacketDetailsMutationTest {
    private static final String[] CAPTURES = {"pcpp-DnsPackets.pcap", "pcpp-dns_over_tcp.pcapng", "dpkt-truncated_dns.pcap",
            "pcpp-tls.pcap", "pcpp-tls2.pcap", "dpkt-http.pcap", "pcpp-ipv4-options.pcap", "pcpp-ipv6_options.pcap", "pcpp-sll2.pcap"};
    private static final int PACKETS_PER_CAPTURE = 40;
    private static final int MUTATIONS_PER_PACKET = 60;

    @Test
    void damagedPacketsStillGiveASoundTree() throws IOException {
        Random random = new Random(20_24);
        long deadline = System.nanoTime() + 60_000_000_000L;
        int trees = 0;
        for (String capture : CAPTURES) {
            for (byte[] original : packets(capture)) {
                for (int m = 0; m < MUTATIONS_PER_PACKET && System.nanoTime() < deadline; m++) {
                    byte[] bytes = mutate(original, random);
                    PacketRecord packet = new PacketRecord().set(MemorySegment.ofArray(bytes), 0, bytes.length,
                            bytes.length + random.nextInt(3) * 100, linkType(capture)).timestamp(1_700_000_000L, 0, PacketRecord.MICROSECOND_DIGITS);
                    List<DetailNode> tree = PacketDetails.describe(1, packet);
                    assertThat(tree.getFirst().name()).isEqualTo("frame");
                    tree.forEach(node -> assertWithin(node, bytes.length));
                    trees++;
                }
            }
        }
        assertThat(trees).as("trees built in the time allowed").isGreaterThan(2_000);
    }

    private static int linkType(String capture) {
        return capture.equals("pcpp-sll2.pcap") ? 276 : 1;
    }

    /** Overwrites a few bytes past the link header, or cuts the packet short. */
    private static byte[] mutate(byte[] original, Random random) {
        byte[] bytes = random.nextInt(4) == 0 ? Arrays.copyOf(original, random.nextInt(original.length + 1)) : original.clone();
        int changes = 1 + random.nextInt(4);
        for (int i = 0; i < changes && bytes.length > 14; i++) {
            int at = 14 + random.nextInt(bytes.length - 14);
            bytes[at] = (byte) (random.nextBoolean() ? random.nextInt(256) : random.nextBoolean() ? 0xff : 0);
        }
        return bytes;
    }

    private static void assertWithin(DetailNode node, int captured) {
        assertThat(node.offset()).as(node.name()).isBetween(0, captured);
        assertThat(node.offset() + node.length()).as(node.name()).isLessThanOrEqualTo(captured);
        node.children().forEach(child -> assertWithin(child, captured));
    }

    private static List<byte[]> packets(String capture) throws IOException {
        List<byte[]> packets = new ArrayList<>();
        try (CaptureReader reader = CaptureFiles.open(PacketDetailsCorpusTest.corpus().resolve(capture))) {
            PacketRecord record = new PacketRecord();
            while (packets.size() < PACKETS_PER_CAPTURE && reader.next(record)) {
                packets.add(record.buffer().asSlice(record.offset(), record.capturedLength()).toArray(ValueLayout.JAVA_BYTE));
            }
        }
        assertThat(packets).as(capture).isNotEmpty();
        return packets;
    }
}
